package vn.vanthu.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import vn.vanthu.absence.Absence;
import vn.vanthu.absence.AbsenceRecorded;
import vn.vanthu.absence.Absences;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Signer;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentRules;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * A leader's sign tasks go to their deputy while they are away (absence.Absences): the task's
 * assignee, the process variable {@code signer} and the document's signer all become the deputy, so
 * the right to sign (AccessPolicy asks the document's signer), the signature, and the name and
 * authority lines printed above it are the deputy's; the document's history says so. A deputy who
 * may not sign this type of document (vanthu.rules.signers) gets nothing: the task stays with the leader.
 */
@Component
class SigningDeputies {

    private static final Logger log = LoggerFactory.getLogger(SigningDeputies.class);

    private final Absences absences;
    private final DocumentService documents;
    private final Directory directory;
    private final DocumentRules rules;
    private final Clock clock;
    private final TaskService tasks;
    private final RuntimeService runtime;
    private final WorkItems workItems;

    SigningDeputies(
            Absences absences,
            DocumentService documents,
            Directory directory,
            DocumentRules rules,
            Clock clock,
            TaskService tasks,
            RuntimeService runtime,
            WorkItems workItems) {
        this.absences = absences;
        this.documents = documents;
        this.directory = directory;
        this.rules = rules;
        this.clock = clock;
        this.tasks = tasks;
        this.runtime = runtime;
        this.workItems = workItems;
    }

    /**
     * Before the other task listeners (WorkItems, StepNotices), so that the work list and the email
     * of the new step already name the deputy.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(DelegateTask task) {
        if (isSignTaskCreated(task)) {
            handOver(task);
        }
    }

    /** A sign task (by the kind its route declares) just created, held by a leader. */
    static boolean isSignTaskCreated(DelegateTask task) {
        return TaskListener.EVENTNAME_CREATE.equals(task.getEventName())
                && task.getAssignee() != null
                && TaskKinds.of(task).filter(k -> k == Kind.SIGN).isPresent();
    }

    /**
     * If the sign task's assignee is away now, hands the task, the variable {@code signer} and the
     * document to the deputy (see {@link Absences#deputyFor}). For the sign task's create listener.
     *
     * @return whether it was handed over
     */
    boolean handOver(DelegateTask signTask) {
        String leader = signTask.getAssignee();
        Long documentId = Variables.DOCUMENT_ID.get(signTask);
        Optional<HandOver> to = handOverOf(leader, documentId);
        to.ifPresent(h -> {
            signTask.setAssignee(h.deputy());
            Variables.SIGNER.set(signTask, h.deputy());
            documents.handSigningTo(documentId, h.deputy(), h.actor(), h.text());
        });
        return to.isPresent();
    }

    /**
     * An absence in force was recorded: the sign tasks the leader holds now go to the deputy at once,
     * in the recording transaction.
     */
    @EventListener
    void on(AbsenceRecorded recorded) {
        String leader = recorded.absence().userId();
        for (Long documentId : documents.awaitingSignatureOf(leader)) {
            workItems.openTask(documentId, Kind.SIGN).ifPresent(taskId -> {
                org.camunda.bpm.engine.task.Task task =
                        tasks.createTaskQuery().taskId(taskId).singleResult();
                if (task == null || !leader.equals(task.getAssignee())) {
                    return; // handed on in Camunda's Tasklist, or gone meanwhile: not ours to move
                }
                handOverOf(leader, documentId).ifPresent(h -> {
                    tasks.setAssignee(taskId, h.deputy());
                    runtime.setVariable(task.getProcessInstanceId(), Variables.SIGNER.name(), h.deputy());
                    documents.handSigningTo(documentId, h.deputy(), h.actor(), h.text());
                });
            });
        }
    }

    /** Who takes the leader's signature of this document now, the history's actor and text. */
    record HandOver(String deputy, String actor, String text) {}

    private Optional<HandOver> handOverOf(String leader, Long documentId) {
        Instant now = clock.instant();
        Optional<String> deputy = absences.deputyFor(leader, now);
        Optional<Absence> absence = absences.inForce(leader, now);
        if (deputy.isEmpty() || absence.isEmpty() || documentId == null) {
            return Optional.empty();
        }
        Document document = documents.get(documentId);
        if (document.getStatus() != DocumentStatus.AWAITING_SIGNATURE || !leader.equals(document.getSigner())) {
            return Optional.empty();
        }
        Optional<Signer> signer = directory.signer(deputy.get());
        if (signer.isEmpty()
                || rules.authorityLines(
                                deputy.get(), document.getType(), signer.get().position())
                        .isEmpty()) {
            log.warn(
                    "{} is away but {} may not sign document {} ({}): its sign task stays with {}",
                    leader,
                    deputy.get(),
                    documentId,
                    document.getType(),
                    leader);
            return Optional.empty();
        }
        String text = "Lãnh đạo " + directory.fullName(leader) + " vắng mặt (đến "
                + Absences.vietnam(absence.get().endsAt()) + "): "
                + signer.get().fullName() + " ký thay.";
        return Optional.of(new HandOver(deputy.get(), absence.get().createdBy(), text));
    }
}

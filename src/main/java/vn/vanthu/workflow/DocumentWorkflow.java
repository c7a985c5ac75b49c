package vn.vanthu.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.document.FreeText;
import vn.vanthu.issuing.ClientLeaderSignature;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.issuing.LeaderSignature;
import vn.vanthu.issuing.RemoteLeaderSignature;
import vn.vanthu.security.Caller;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The API's way into the process: submit a draft, complete a task. It checks who is asking and
 * what they decide; the BPMN decides what happens next.
 */
@Service
public class DocumentWorkflow {

    /** The answer (409) to a decision on a task someone else has just completed. */
    private static final String DONE_MEANWHILE = "Công việc này vừa được người khác xử lý.";

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final HistoryService history;
    private final DocumentService documents;
    private final WorkItems workItems;
    private final DocumentIssuer issuer;
    private final AccessPolicy access;
    private final LeaderSignature leaderSignature;
    private final RemoteLeaderSignature remoteSignature;
    private final ClientLeaderSignature clientSignature;
    private final RouteBindings routes;
    /** For the steps that must commit on their own ({@link #cancelRemoteSignature}). */
    private final TransactionTemplate transactions;

    DocumentWorkflow(
            RuntimeService runtime,
            TaskService tasks,
            HistoryService history,
            DocumentService documents,
            WorkItems workItems,
            DocumentIssuer issuer,
            AccessPolicy access,
            LeaderSignature leaderSignature,
            RemoteLeaderSignature remoteSignature,
            ClientLeaderSignature clientSignature,
            RouteBindings routes,
            PlatformTransactionManager transactionManager) {
        this.routes = routes;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clientSignature = clientSignature;
        this.leaderSignature = leaderSignature;
        this.remoteSignature = remoteSignature;
        this.access = access;
        this.runtime = runtime;
        this.tasks = tasks;
        this.history = history;
        this.documents = documents;
        this.workItems = workItems;
        this.issuer = issuer;
    }

    /** Submit a saved draft: starts the process the first time, resubmits after a return. */
    @Transactional
    public Document submit(Long documentId, Caller caller) {
        Document document = documents.get(documentId);
        access.check(caller, Action.SUBMIT, AccessPolicy.Subject.of(document));
        if (document.getStatus() == DocumentStatus.RETURNED) {
            String taskId = workItems
                    .openTask(documentId, Kind.REVISE)
                    .orElseThrow(() -> new ConflictException("Văn bản không có bước chỉnh sửa nào đang mở."));
            complete(taskId, new TaskDecision(Decision.RESUBMIT.wire(), null, null), caller);
            return documents.get(documentId);
        }
        if (document.getProcessInstanceId() != null) {
            throw new ConflictException(
                    "Văn bản đang ở trạng thái " + document.getStatus() + ", không trình được nữa.");
        }
        documents.record(documentId, caller.userId(), "SUBMITTED", null);
        // the type's route as bound by an administrator (docs/routes.md); a document in flight stays on
        // the version it started on
        ProcessInstance instance = runtime.startProcessInstanceByKey(
                routes.processKeyFor(document.getType()),
                documentId.toString(),
                Variables.atSubmit(documentId, document.getDrafter(), document.getSigner()));
        documents.attachProcess(documentId, instance.getId());
        return documents.get(documentId);
    }

    /** Complete the caller's task with a decision; returns the document id. */
    @Transactional
    public Long complete(String taskId, TaskDecision input, Caller caller) {
        return complete(taskId, input, caller, null);
    }

    /**
     * Bulk signing: the sign task completed with the caller's key, opened once with the PIN for
     * all the documents of the batch (each in its own transaction, through this proxy).
     */
    @Transactional
    public Long signWith(String taskId, SigningIdentity key, Caller caller) {
        signTask(taskId); // a review task told so (409), not "sign is no decision of this task" (400)
        return complete(
                taskId,
                new TaskDecision(Decision.SIGN.wire(), null, null),
                caller,
                documentId -> leaderSignature.signWith(documentId, caller.userId(), key));
    }

    /** Step 1 of a signature by the leader's own token: the data to sign for this sign task. */
    @Transactional
    public ClientLeaderSignature.Prepared prepareClientSignature(
            String taskId, List<byte[]> certificates, Caller caller) {
        OpenTask open = signTask(taskId);
        access.check(caller, Action.COMPLETE_SIGN, AccessPolicy.Subject.of(open.document()));
        issuer.checkCanSign(caller.userId());
        return clientSignature.prepare(open.documentId(), taskId, caller.userId(), certificates);
    }

    /** Step 2: the token's signature value; with it the sign task completes as with the PIN. */
    @Transactional
    public Long completeClientSignature(String taskId, String requestId, byte[] signatureValue, Caller caller) {
        signTask(taskId);
        return complete(
                taskId,
                new TaskDecision(Decision.SIGN.wire(), null, null),
                caller,
                documentId -> clientSignature.complete(documentId, taskId, caller.userId(), requestId, signatureValue));
    }

    /**
     * The document of an open or finished task, when the caller is its signer: a bulk signing result
     * names it, and does not name other people's documents.
     */
    public Optional<Long> signersDocumentOfTask(String taskId, Caller caller) {
        Optional<Long> id = workItems.documentOf(taskId);
        if (id.isEmpty()) {
            var done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            String key = done == null
                    ? null
                    : Optional.ofNullable(history.createHistoricProcessInstanceQuery()
                                    .processInstanceId(done.getProcessInstanceId())
                                    .singleResult())
                            .map(HistoricProcessInstance::getBusinessKey)
                            .orElse(null);
            id = key == null || !key.matches("\\d{1,18}") ? Optional.empty() : Optional.of(Long.valueOf(key));
        }
        return id.filter(d -> caller.userId().equals(documents.get(d).getSigner()));
    }

    /** An open task of a document's route, its kind, and its document. */
    private record OpenTask(Task task, Kind step, Long documentId, Document document) {}

    private OpenTask open(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            if (history.createHistoricTaskInstanceQuery()
                            .taskId(taskId)
                            .finished()
                            .count()
                    > 0) {
                throw new ConflictException("Công việc này đã được xử lý xong.");
            }
            throw new NotFoundException("Không có công việc " + taskId + ".");
        }
        Kind step = workItems
                .kindOf(taskId)
                .orElseThrow(() -> unlessDoneMeanwhile(
                        taskId, new ForbiddenException("Công việc này không thuộc quy trình ban hành văn bản.")));
        Long documentId = workItems.documentOf(taskId).orElseGet(() -> {
            try {
                return Variables.DOCUMENT_ID.convert(tasks.getVariable(taskId, Variables.DOCUMENT_ID.name()));
            } catch (NullValueException e) {
                throw unlessDoneMeanwhile(taskId, e);
            }
        });
        return new OpenTask(task, step, documentId, documents.get(documentId));
    }

    /**
     * A refusal met while someone else completed the same task (a double click, two reviewers at
     * once): its mirror and its candidates are gone, so the checks would say "not yours"; the truth
     * is that it was done.
     */
    private RuntimeException unlessDoneMeanwhile(String taskId, RuntimeException refusal) {
        return tasks.createTaskQuery().taskId(taskId).count() == 0 ? new ConflictException(DONE_MEANWHILE) : refusal;
    }

    private OpenTask signTask(String taskId) {
        OpenTask open = open(taskId);
        if (open.step() != Kind.SIGN) {
            throw new ConflictException("Công việc này không phải bước ký ban hành văn bản.");
        }
        return open;
    }

    /** How a "sign" is made when not with the PIN in the request: a key opened earlier, or a token's value. */
    private interface SignAct {
        void sign(Long documentId);
    }

    private Long complete(String taskId, TaskDecision input, Caller caller, SignAct act) {
        OpenTask open = open(taskId);
        Task task = open.task();
        Kind step = open.step();
        Long documentId = open.documentId();
        Document document = open.document();
        // the document says who signs and who revises, not the engine's assignee, which anyone with
        // Tasklist access can change; the route says who reviews, is consulted or records a meeting
        try {
            access.check(
                    caller,
                    switch (step) {
                        case REVIEW -> Action.COMPLETE_REVIEW;
                        case CONSULT -> Action.COMPLETE_CONSULT;
                        case MEETING -> Action.COMPLETE_MEETING;
                        case SIGN -> Action.COMPLETE_SIGN;
                        case REVISE -> Action.COMPLETE_REVISE;
                        case RESOLVE_ISSUE_FAILURE -> Action.RESOLVE_ISSUE_FAILURE;
                    },
                    AccessPolicy.Subject.of(document).heldBy(holders(task)));
        } catch (ForbiddenException | ProcessEngineException e) {
            // the candidates of a task completed meanwhile are gone (or the engine finds no task)
            throw unlessDoneMeanwhile(taskId, e);
        }
        String wire = input == null || input.decision() == null
                ? null
                : input.decision().trim().toLowerCase();
        Decision decision = step.decision(wire)
                .orElseThrow(() -> InvalidInputException.of(
                        "decision",
                        "Quyết định phải là một trong "
                                + step.decisions().stream().map(Decision::wire).toList() + "."));
        String comment = input.comment() == null || input.comment().isBlank()
                ? null
                : FreeText.normalise(input.comment()).strip();
        String refused = FreeText.problem(comment);
        if (refused != null) {
            throw InvalidInputException.of("comment", "Ý kiến: " + refused);
        }
        if (comment == null && decision.needsComment()) {
            throw InvalidInputException.of(
                    "comment",
                    step == Kind.CONSULT ? "Cần ghi ý kiến góp ý." : "Cần ghi rõ lý do khi trả lại hoặc không ký.");
        }
        if (comment != null && comment.length() > 4000) {
            throw InvalidInputException.of("comment", "Ý kiến dài quá 4000 ký tự.");
        }
        boolean remote = decision == Decision.SIGN && act == null && remoteSignature.isRemote(caller.userId());
        if (decision == Decision.SIGN) {
            issuer.checkCanSign(caller.userId());
            if (act != null) {
                act.sign(documentId);
            } else if (remote) {
                // the leader's own act is the approval on the phone: send the digest now, wait in the BPMN
                remoteSignature.request(documentId, caller.userId());
            } else {
                // the leader's own act, before anything is recorded: a wrong PIN (400, field "pin") or a
                // blocked key (409) leaves the task open; the PIN goes no further than this call
                leaderSignature.sign(documentId, caller.userId(), input.pin());
            }
        }
        if (decision == Decision.RESUBMIT) {
            // the drafter may have picked another signer while revising
            runtime.setVariable(task.getProcessInstanceId(), Variables.SIGNER.name(), document.getSigner());
        }
        try {
            if (task.getAssignee() == null) {
                // a group's task: who completed it stays in the task's history (the route view's "doneBy")
                tasks.setAssignee(taskId, caller.userId());
            }
            // TaskDecisionListener records the history entry (the same for every way in) and lets
            // "sign" through only on this path
            TaskDecisionListener.throughWorkflow(taskId, caller.userId(), comment, remote, () -> {
                Map<String, Object> decided = Map.of(step.decisionVariable().name(), decision.wire());
                if (step.decidesAlone()) {
                    // one of several parallel tasks: its decision stays on the task, no shared variable to collide on
                    tasks.setVariablesLocal(taskId, decided);
                    tasks.complete(taskId);
                } else {
                    tasks.complete(taskId, decided);
                }
                return null;
            });
        } catch (OptimisticLockingException e) {
            throw new ConflictException(DONE_MEANWHILE);
        } catch (ProcessEngineException e) {
            // someone completed the task meanwhile: the engine then fails in more ways than one (no
            // task, a listener on an execution that has moved on); whichever it is, it was done. While
            // the task is still there the error is the engine's own and stays one: answering 409 to
            // every NullValueException had hidden WholeDefinitions' race.
            throw unlessDoneMeanwhile(taskId, e);
        }
        return documentId;
    }

    /** Who holds an open task: its assignee and its candidate users and groups, as the route drew them. */
    private AccessPolicy.Holders holders(Task task) {
        java.util.Set<String> users = new java.util.HashSet<>();
        java.util.Set<String> groups = new java.util.HashSet<>();
        if (task.getAssignee() != null) {
            users.add(task.getAssignee());
        }
        for (var link : tasks.getIdentityLinksForTask(task.getId())) {
            if (org.camunda.bpm.engine.task.IdentityLinkType.CANDIDATE.equals(link.getType())) {
                if (link.getUserId() != null) {
                    users.add(link.getUserId());
                }
                if (link.getGroupId() != null) {
                    groups.add(link.getGroupId());
                }
            }
        }
        return new AccessPolicy.Holders(users, groups);
    }

    /**
     * The leader withdraws a signature waiting on the remote signing service: the request is
     * cancelled there and the sign task comes back. A poll running at this moment sees the
     * cancelled request and takes the process back to the sign task itself.
     *
     * <p>Two transactions, not one: the cancellation (the request's end and the history line) commits
     * first; then the message moves the process in a transaction of its own. When a poll moves the
     * process at the same moment, the engine refuses the second change (optimistic locking) and rolls
     * back its own transaction only: the cancellation stays, and the poll, which finds the request
     * cancelled, brings the sign task back. In one transaction the refusal rolled the cancellation
     * back too and the leader got a 500.
     */
    public Document cancelRemoteSignature(Long documentId, Caller caller) {
        transactions.executeWithoutResult(status -> {
            Document document = documents.get(documentId);
            access.check(caller, Action.CANCEL_REMOTE_SIGNATURE, AccessPolicy.Subject.of(document));
            if (!remoteSignature.cancel(documentId, caller.userId())) {
                throw new ConflictException("Yêu cầu ký trên thiết bị đã kết thúc.");
            }
        });
        try {
            transactions.executeWithoutResult(status -> runtime.createMessageCorrelation(
                            DocumentIssuanceProcess.Messages.REMOTE_SIGNATURE_CANCELLED)
                    .processInstanceBusinessKey(documentId.toString())
                    .correlateAllWithResult());
        } catch (OptimisticLockingException e) {
            // a poll is moving the process now; it finds the request cancelled
        }
        return documents.get(documentId);
    }
}

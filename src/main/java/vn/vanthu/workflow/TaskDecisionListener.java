package vn.vanthu.workflow;

import java.util.function.Supplier;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;
import vn.vanthu.document.DocumentService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * ${taskDecisions} on every user task of a known kind (TaskKindParseListener puts it there): whichever way a task is completed
 * (Văn thư's API and pages, or Camunda's Tasklist and REST API, which a camunda-admin may call
 * with any variables), the completion needs a decision that task knows, a return or rejection
 * needs its comment, and the decision goes into the document's history. A signature only counts
 * through DocumentWorkflow, which has had the leader's key used with the PIN (LeaderSignature).
 * <p>
 * On create it clears the task's decision and comment variables, so that a value left by an
 * earlier round (a second review after a return) cannot stand in for a missing one.
 */
@Component("taskDecisions")
class TaskDecisionListener implements TaskListener {

    /**
     * The completion DocumentWorkflow is making on this thread. A thread-bound value, not a
     * variable: a caller of the REST API can set any variable (transient ones too), not this.
     */
    private static final ThreadLocal<Completion> THROUGH_WORKFLOW = new ThreadLocal<>();

    /**
     * Who completes which task, and the comment DocumentWorkflow has already checked; {@code remote}:
     * a "sign" whose signature a remote signing service will bring later.
     */
    record Completion(String taskId, String actor, String comment, boolean remote) {}

    private final DocumentService documents;

    TaskDecisionListener(DocumentService documents) {
        this.documents = documents;
    }

    /** Runs DocumentWorkflow's own completion of this task (TaskService.complete) as coming through it. */
    static <T> T throughWorkflow(String taskId, String actor, String comment, Supplier<T> completion) {
        return throughWorkflow(taskId, actor, comment, false, completion);
    }

    /** The same, for a "sign" whose signature is asked of the remote signing service ({@code remote}). */
    static <T> T throughWorkflow(String taskId, String actor, String comment, boolean remote, Supplier<T> completion) {
        THROUGH_WORKFLOW.set(new Completion(taskId, actor, comment, remote));
        try {
            return completion.get();
        } finally {
            THROUGH_WORKFLOW.remove();
        }
    }

    @Override
    public void notify(DelegateTask task) {
        Kind step = TaskKinds.of(task)
                .orElseThrow(() -> new IllegalStateException(
                        "taskDecisions is on a task of no known kind: " + task.getTaskDefinitionKey()));
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> {
                task.removeVariable(step.decisionVariable().name());
                task.removeVariable(Variables.COMMENT.name());
            }
            case EVENTNAME_COMPLETE -> completed(task, step);
            default -> {}
        }
    }

    private void completed(DelegateTask task, Kind step) {
        Completion through = THROUGH_WORKFLOW.get();
        boolean viaWorkflow = through != null && through.taskId().equals(task.getId());
        Object raw = task.getVariable(step.decisionVariable().name());
        Decision decision = (raw instanceof String wire ? step.decision(wire) : java.util.Optional.<Decision>empty())
                .orElseThrow(() -> refused("Cần biến " + step.decisionVariable().name() + " với một trong "
                        + step.decisions().stream().map(Decision::wire).toList() + "."));
        String comment = viaWorkflow ? through.comment() : comment(task);
        if (decision.needsComment() && comment == null) {
            throw refused("Cần ghi rõ lý do hoặc ý kiến (biến " + Variables.COMMENT.name() + ").");
        }
        if (decision == Decision.SIGN && !viaWorkflow) {
            // no SIGNED entry, and no issuing, without the leader's own act with the PIN
            throw refused("Chỉ ký ban hành được qua Văn thư, bằng mã PIN ký số của lãnh đạo ký văn bản.");
        }
        String actor = viaWorkflow ? through.actor() : outsider(task);
        if (decision == Decision.SIGN) {
            // set here, on the only path a signature takes, so no other way in can choose the route
            Variables.REMOTE_SIGNING.set(task, through.remote());
            if (through.remote()) {
                return; // SIGNED is recorded when the signature arrives (RemoteLeaderSignature), not before
            }
        }
        documents.record(Variables.DOCUMENT_ID.get(task), actor, decision.event(), comment);
    }

    /** The comment a direct completion set; read once, then removed so that it is not kept for later rounds. */
    private static String comment(DelegateTask task) {
        Object raw = task.getVariable(Variables.COMMENT.name());
        if (raw != null) {
            task.removeVariable(Variables.COMMENT.name());
        }
        return raw instanceof String text && !text.isBlank() ? text.strip() : null;
    }

    /** Who completed the task outside Văn thư: the engine's authenticated user, when there is one. */
    private static String outsider(DelegateTask task) {
        Authentication current =
                task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        return current == null || current.getUserId() == null ? "system" : current.getUserId();
    }

    private static BadUserRequestException refused(String message) {
        return new BadUserRequestException(message);
    }
}

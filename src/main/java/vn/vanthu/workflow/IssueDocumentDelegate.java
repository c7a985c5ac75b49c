package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.workflow.DocumentIssuanceProcess.Errors;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The "issue" service task: number, render, sign, register; then tells the fan-out how many
 * recipients and when to remind. A failure is retried on the BPMN's cycle; on the last attempt it
 * becomes the issueFailed error, and a clerk's task.
 */
@Component("issueDocument")
class IssueDocumentDelegate implements JavaDelegate {

    private final DocumentIssuer issuer;
    private final WorkflowSettings settings;

    private final IssuedNotice issuedNotice;

    IssueDocumentDelegate(DocumentIssuer issuer, WorkflowSettings settings, IssuedNotice issuedNotice) {
        this.issuedNotice = issuedNotice;
        this.issuer = issuer;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long documentId = Long.valueOf(execution.getProcessBusinessKey());
        // checked before issuing, not by catching issue()'s refusal: that would leave the job's
        // transaction marked for rollback, and the BPMN error path could not commit
        DocumentIssuer.Refusal refusal =
                issuer.refusal(documentId, rootProcessInstanceId(execution)).orElse(null);
        if (refusal != null) {
            Variables.DOCUMENTS_OWN_PROCESS.set(execution, refusal.documentsOwnProcess());
            throw new BpmnError(Errors.ISSUE_REFUSED, refusal.reason());
        }
        DocumentIssuer.Issued issued;
        if (LastAttempt.of(execution)) {
            try {
                issued = issuer.issueSeparately(documentId);
            } catch (RuntimeException e) {
                // nothing was kept; a clerk, not an incident in Cockpit, now holds the document
                throw new BpmnError(Errors.ISSUE_FAILED, issuer.recordFailure(documentId, e));
            }
        } else {
            issued = issuer.issue(documentId); // a failure fails the job, which the engine retries
        }
        issuedNotice.tell(documentId);
        Variables.RECIPIENT_COUNT.set(execution, issued.recipients());
        // null: no meeting, or the reminder moment has already passed
        Variables.REMINDER_AT.set(execution, settings.meetingReminderAt(issued.meetingStart()));
    }

    /**
     * The route's process instance, which the document is attached to: this step runs in
     * documentIssuing, called by the route (a call activity), so its own instance is never the
     * document's; a documentIssuing started on its own is its own root, and is refused.
     */
    static String rootProcessInstanceId(DelegateExecution execution) {
        // the super execution (the call activity's) hangs on the called instance's own execution
        DelegateExecution root = execution.getProcessInstance();
        while (root.getSuperExecution() != null) {
            root = root.getSuperExecution().getProcessInstance();
        }
        return root.getId();
    }
}

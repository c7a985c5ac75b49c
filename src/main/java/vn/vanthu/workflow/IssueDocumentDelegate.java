package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/** The "issue" service task: number, render, sign, register; then tells the fan-out how many recipients and when to remind. */
@Component("issueDocument")
class IssueDocumentDelegate implements JavaDelegate {

    private final DocumentIssuer issuer;
    private final WorkflowSettings settings;

    IssueDocumentDelegate(DocumentIssuer issuer, WorkflowSettings settings) {
        this.issuer = issuer;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DocumentIssuer.Issued issued = issuer.issue(Long.valueOf(execution.getProcessBusinessKey()));
        Variables.RECIPIENT_COUNT.set(execution, issued.recipients());
        // null: no meeting, or the reminder moment has already passed
        Variables.REMINDER_AT.set(execution, settings.meetingReminderAt(issued.meetingStart()));
    }
}

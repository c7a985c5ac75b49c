package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import vn.vanthu.issuing.DocumentIssuer;

/** The "issue" service task: number, render, sign, register; then tells the fan-out how many recipients. */
@Component("issueDocument")
class IssueDocumentDelegate implements JavaDelegate {

    private final DocumentIssuer issuer;

    IssueDocumentDelegate(DocumentIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int recipients = issuer.issue(Long.valueOf(execution.getProcessBusinessKey()));
        execution.setVariable("recipientCount", recipients);
    }
}

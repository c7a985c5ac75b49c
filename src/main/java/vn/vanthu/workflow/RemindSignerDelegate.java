package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.vanthu.distribution.SignerReminder;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/** The signer's task has waited too long: email the signer. */
@Component("remindSigner")
class RemindSignerDelegate implements JavaDelegate {

    private final SignerReminder reminder;

    RemindSignerDelegate(SignerReminder reminder) {
        this.reminder = reminder;
    }

    @Override
    public void execute(DelegateExecution execution) {
        reminder.remind(Long.valueOf(execution.getProcessBusinessKey()), Variables.SIGNER.get(execution));
    }
}

package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;
import vn.vanthu.issuing.RemoteLeaderSignature;
import vn.vanthu.signing.RemoteSigningProperties;
import vn.vanthu.workflow.DocumentIssuanceProcess.Errors;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/** The BPMN's side of the remote signing service's wait: its settings and the poll. */
public final class RemoteSignatureDelegates {

    private RemoteSignatureDelegates() {}

    /** ${remoteSigningSettings.pollEvery}, ${remoteSigningSettings.retryCycle}. */
    @Component("remoteSigningSettings")
    public static class Settings {
        private final RemoteSigningProperties properties;

        Settings(RemoteSigningProperties properties) {
            this.properties = properties;
        }

        public String getPollEvery() {
            return properties.pollEvery().toString();
        }

        public String getRetryCycle() {
            return properties.retryCycle();
        }
    }

    /**
     * ${checkRemoteSignature}: one poll. Signed → remoteSigned; still waiting → not yet; anything
     * that ends the request (why is in the history) → the BPMN error back to the sign task.
     */
    @Component("checkRemoteSignature")
    public static class Check implements JavaDelegate {
        private final RemoteLeaderSignature signature;

        Check(RemoteLeaderSignature signature) {
            this.signature = signature;
        }

        @Override
        public void execute(DelegateExecution execution) {
            RemoteLeaderSignature.Outcome outcome = signature.poll(Long.valueOf(execution.getProcessBusinessKey()));
            if (outcome.kind() == RemoteLeaderSignature.Outcome.Kind.REFUSED) {
                throw new BpmnError(Errors.REMOTE_SIGNATURE_REFUSED, outcome.reason());
            }
            Variables.REMOTE_SIGNED.set(execution, outcome.kind() == RemoteLeaderSignature.Outcome.Kind.SIGNED);
        }
    }
}

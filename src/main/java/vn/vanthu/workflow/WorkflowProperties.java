package vn.vanthu.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The process's timings, under the keys the operators already know (one record per prefix; vanthu.invitation is document.InvitationProperties). */
final class WorkflowProperties {

    private WorkflowProperties() {}

    /** {@code vanthu.signing.reminder-after}: a sign task waiting this long reminds its leader (and is due then). */
    @ConfigurationProperties("vanthu.signing")
    record Signing(@DefaultValue("P1D") Duration reminderAfter) {}

    /** {@code vanthu.api.sign-wait}: how long a "sign" request waits for the number before answering. */
    @ConfigurationProperties("vanthu.api")
    record Api(@DefaultValue("PT15S") Duration signWait) {}
}

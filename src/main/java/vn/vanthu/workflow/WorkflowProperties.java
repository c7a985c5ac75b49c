package vn.vanthu.workflow;

import java.time.Duration;
import java.util.List;
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

    /**
     * {@code vanthu.workflow.deadlines.*}: a task's due date ({@link Deadlines}, read by the BPMN's
     * {@code camunda:dueDate}) and the check that escalates overdue tasks ({@link DeadlineEscalation}).
     * urgent: for KHẨN, THƯỢNG KHẨN and HỎA TỐC; working-days: for the others (Monday to Friday,
     * Vietnam time); check-every: how often the check runs; escalate-to: the user ids told besides
     * the task's holder (the office chief; the demo's Chánh Văn phòng by default).
     */
    @ConfigurationProperties("vanthu.workflow.deadlines")
    record Deadlines(
            @DefaultValue("PT4H") Duration urgent,
            @DefaultValue("2") int workingDays,
            @DefaultValue("PT5M") Duration checkEvery,
            @DefaultValue("chanhvanphong") List<String> escalateTo) {}
}

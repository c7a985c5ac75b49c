package vn.vanthu.workflow;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Settings the BPMN reads through expressions, e.g. ${workflowSettings.signingReminderAfter}. */
@Component("workflowSettings")
public class WorkflowSettings {

    private final Duration signingReminderAfter;

    WorkflowSettings(@Value("${vanthu.signing.reminder-after:P1D}") Duration signingReminderAfter) {
        this.signingReminderAfter = signingReminderAfter;
    }

    /** ISO-8601 duration for the signer reminder timer. */
    public String getSigningReminderAfter() {
        return signingReminderAfter.toString();
    }

    /** The sign task's due date: when the reminder goes out. Engine time, so tests can move it. */
    public Date signingDue() {
        return new Date(ClockUtil.getCurrentTime().getTime() + signingReminderAfter.toMillis());
    }
}

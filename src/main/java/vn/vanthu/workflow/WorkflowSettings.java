package vn.vanthu.workflow;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.vanthu.document.InvitationProperties;

/** Settings the BPMN reads through expressions, e.g. ${workflowSettings.signingReminderAfter}. */
@Component("workflowSettings")
public class WorkflowSettings {

    private final Duration signingReminderAfter;
    private final Duration meetingReminderBefore;

    @Autowired
    WorkflowSettings(WorkflowProperties.Signing signing, InvitationProperties invitation) {
        this(signing.reminderAfter(), invitation.reminderBefore());
    }

    WorkflowSettings(Duration signingReminderAfter, Duration meetingReminderBefore) {
        this.signingReminderAfter = signingReminderAfter;
        this.meetingReminderBefore = meetingReminderBefore;
    }

    /** When invitees get the meeting reminder; null when there is no meeting or that moment has passed. */
    public Date meetingReminderAt(java.time.Instant meetingStart) {
        if (meetingStart == null) {
            return null;
        }
        Date at = Date.from(meetingStart.minus(meetingReminderBefore));
        return at.after(ClockUtil.getCurrentTime()) ? at : null;
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

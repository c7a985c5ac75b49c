package vn.vanthu.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.invitation.*}.
 *
 * @param minWorkingDays an invitation reaching invitees fewer working days than this before the
 *                       meeting is marked urgent (Quyết định 45/2018/QĐ-TTg)
 * @param reminderBefore invitees are reminded this long before the meeting
 */
@ConfigurationProperties("vanthu.invitation")
public record InvitationProperties(
        @DefaultValue("3") int minWorkingDays,
        @DefaultValue("P1D") Duration reminderBefore) {

    public InvitationProperties {
        if (minWorkingDays < 0 || reminderBefore.isNegative()) {
            throw new IllegalArgumentException("vanthu.invitation: min-working-days >= 0, reminder-before >= 0");
        }
    }
}

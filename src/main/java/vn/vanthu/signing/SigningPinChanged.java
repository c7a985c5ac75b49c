package vn.vanthu.signing;

import java.time.Instant;
import vn.vanthu.security.AuditedEvent;
import vn.vanthu.security.SecurityAudit;

/** Published when a leader's signing PIN was changed, so that the owner is told (by email). Carries no PIN. */
public record SigningPinChanged(String userId, Instant at) implements AuditedEvent {

    @Override
    public SecurityAudit.Kind auditKind() {
        return SecurityAudit.Kind.SIGNING_PIN_CHANGED;
    }

    @Override
    public String auditActor() {
        return userId;
    }

    @Override
    public String auditDetail() {
        return null;
    }
}

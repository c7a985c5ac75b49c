package vn.vanthu.signing;

import java.time.Instant;
import vn.vanthu.security.AuditedEvent;
import vn.vanthu.security.SecurityAudit;

/** Published when wrong PINs block a leader's key, so that the owner is told (by email). */
public record SigningKeyBlocked(String userId, int failures, Instant until) implements AuditedEvent {

    @Override
    public SecurityAudit.Kind auditKind() {
        return SecurityAudit.Kind.SIGNING_KEY_BLOCKED;
    }

    @Override
    public String auditActor() {
        return userId;
    }

    @Override
    public String auditDetail() {
        return "đến " + until;
    }
}

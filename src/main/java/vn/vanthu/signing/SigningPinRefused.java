package vn.vanthu.signing;

import vn.vanthu.security.AuditedEvent;
import vn.vanthu.security.SecurityAudit;

/** A wrong signing PIN was given for a leader's key (the PIN itself is never in it). */
record SigningPinRefused(String userId, int attemptsLeft) implements AuditedEvent {

    @Override
    public SecurityAudit.Kind auditKind() {
        return SecurityAudit.Kind.SIGNING_PIN_WRONG;
    }

    @Override
    public String auditActor() {
        return userId;
    }

    @Override
    public String auditDetail() {
        return "còn " + attemptsLeft + " lần thử";
    }
}

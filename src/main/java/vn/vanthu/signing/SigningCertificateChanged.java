package vn.vanthu.signing;

import vn.vanthu.security.AuditedEvent;
import vn.vanthu.security.SecurityAudit;

/**
 * A signer's enrolled certificate changed (presented, approved, refused, uploaded, superseded):
 * published by {@link SigningCertificates} for the security trail, which listens (signing
 * depends on security, not the other way round).
 *
 * @param userId whose certificate
 * @param by who did it (the leader presenting, the administrator deciding)
 */
record SigningCertificateChanged(
        SecurityAudit.Kind kind, String userId, String by, long certificateId, String subject, String fingerprint)
        implements AuditedEvent {

    @Override
    public SecurityAudit.Kind auditKind() {
        return kind;
    }

    @Override
    public String auditActor() {
        return userId;
    }

    @Override
    public String auditDetail() {
        return "chứng thư số #" + certificateId + " (" + subject + ", SHA-256 " + fingerprint + ") bởi " + by;
    }
}

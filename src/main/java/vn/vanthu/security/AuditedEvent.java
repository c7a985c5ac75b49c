package vn.vanthu.security;

/**
 * An application event that belongs in the security audit trail: other modules' events implement
 * it, so SecurityAudit records them without knowing those modules (signing depends on security,
 * not the other way round).
 */
public interface AuditedEvent {

    SecurityAudit.Kind auditKind();

    /** Whose account or key it concerns. */
    String auditActor();

    /** What else the trail shows, in Vietnamese; null for nothing. Never a secret. */
    String auditDetail();
}

package vn.vanthu.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.config.OrganisationProperties;

/**
 * The security audit trail (issue 15, item 9): each event in the table {@code security_event},
 * shown to administrators at {@code /quan-tri/nhat-ky}, and in the log (logger
 * {@code vn.vanthu.security.audit}). Written in a transaction of its own: a refused request rolls
 * back, its trace stays. Successful sign-ins are not recorded: HTTP Basic signs in on every request.
 */
@Component
public class SecurityAudit {

    public enum Kind {
        LOGIN_FAILED("Sai mật khẩu"),
        LOGIN_THROTTLED("Đăng nhập bị tạm chặn"),
        LOGIN_LOCK_LIFTED("Quản trị viên mở khóa đăng nhập"),
        LOGIN_BLOCKED("Chặn đăng nhập vì sai mật khẩu nhiều lần"),
        PASSWORD_CHANGED("Cán bộ đổi mật khẩu"),
        OWN_GROUPS_REFUSED("Từ chối tự đổi nhóm của mình"),
        CAMUNDA_API_REFUSED("Thao tác bị chặn ở giao diện Camunda"),
        SIGNING_PIN_WRONG("Sai mã PIN ký số"),
        SIGNING_KEY_BLOCKED("Khóa ký số bị tạm khóa"),
        SIGNING_PIN_CHANGED("Đổi mã PIN ký số"),
        // a signer's enrolled certificate (issue 23, item 2): whose signature counts as the leader's
        SIGNING_CERTIFICATE_PRESENTED("Lãnh đạo gửi chứng thư số ký để đăng ký"),
        SIGNING_CERTIFICATE_APPROVED("Duyệt chứng thư số ký của lãnh đạo"),
        SIGNING_CERTIFICATE_REFUSED("Từ chối chứng thư số ký của lãnh đạo"),
        SIGNING_CERTIFICATE_UPLOADED("Quản trị viên nạp chứng thư số ký cho lãnh đạo"),
        SIGNING_CERTIFICATE_SUPERSEDED("Chứng thư số ký cũ được thay thế"),
        // the office's own changes (issue 14, items 3 and 7): who changed which address, group, account
        ADDRESS_ENTRY_ADDED("Thêm vào danh bạ"),
        ADDRESS_ENTRY_CHANGED("Sửa danh bạ"),
        ADDRESS_ENTRY_DISABLED("Ngừng dùng mục danh bạ"),
        ADDRESS_ENTRY_ENABLED("Dùng lại mục danh bạ"),
        RECIPIENT_GROUP_ADDED("Thêm nhóm nơi nhận"),
        RECIPIENT_GROUP_CHANGED("Sửa nhóm nơi nhận"),
        SIGNER_POSITION_CHANGED("Đổi chức vụ người ký"),
        ACCOUNT_CREATED("Tạo tài khoản cán bộ"),
        ACCOUNT_GROUPS_CHANGED("Đổi nhóm của tài khoản"),
        PASSWORD_RESET("Đặt lại mật khẩu"),
        DELIVERY_ADDRESS_CORRECTED("Sửa địa chỉ nơi nhận và gửi lại"),
        PAPER_DELIVERY_RECORDED("Ghi nhận gửi bản giấy"),
        // the routes an office draws (docs/routes.md): who deployed which, which type starts on which
        ROUTE_DEPLOYED("Triển khai quy trình"),
        ROUTE_BOUND("Gán quy trình cho loại văn bản"),
        ROUTE_UNBOUND("Bỏ gán quy trình, loại văn bản dùng quy trình mặc định");

        /** The office's changes to addresses, groups and accounts: shown to clerks on the address book's page. */
        public static final java.util.Set<Kind> OFFICE =
                java.util.EnumSet.range(ADDRESS_ENTRY_ADDED, PAPER_DELIVERY_RECORDED);

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One line of the trail, in Vietnam time. */
    public record Event(OffsetDateTime at, Kind kind, String actor, String client, String detail) {}

    private static final Logger log = LoggerFactory.getLogger("vn.vanthu.security.audit");

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TransactionTemplate separately;
    private final List<String> trustedProxies;
    private final java.time.Period retention;
    /** The day this node last removed events older than {@link #retention}: once a day is enough. */
    private final java.util.concurrent.atomic.AtomicReference<java.time.LocalDate> prunedOn =
            new java.util.concurrent.atomic.AtomicReference<>();

    SecurityAudit(JdbcTemplate jdbc, Clock clock, PlatformTransactionManager transactions, SecuritySettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.trustedProxies = settings.login().trustedProxies();
        this.retention = settings.auditRetention();
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** An act done through this request, with the client's address as {@link ClientAddress} finds it. */
    public void recordFrom(Kind kind, String actor, jakarta.servlet.http.HttpServletRequest request, String detail) {
        record(kind, actor, ClientAddress.of(request, trustedProxies), detail);
    }

    public void record(Kind kind, String actor, String client, String detail) {
        log.info("{} actor={} client={} {}", kind, actor, client, detail == null ? "" : detail);
        try {
            separately.executeWithoutResult(status -> jdbc.update(
                    "insert into security_event (occurred_at, kind, actor, client, detail) values (?, ?, ?, ?, ?)",
                    Timestamp.from(clock.instant()),
                    kind.name(),
                    cut(actor, 64),
                    cut(client, 64),
                    cut(detail, 500)));
        } catch (RuntimeException e) {
            // the trail must never turn a refusal into a 500: the log line above keeps the event
            log.error("Cannot write the security event {} of {}", kind, actor, e);
        }
        pruneOncePerDay();
    }

    /**
     * Removes the events older than {@code vanthu.security.audit-retention}, at the first event of
     * each day on each node (several nodes removing the same rows is harmless).
     */
    void pruneOncePerDay() {
        if (retention.isZero()) {
            return;
        }
        java.time.ZonedDateTime now = clock.instant().atZone(OrganisationProperties.VIETNAM);
        java.time.LocalDate today = now.toLocalDate();
        java.time.LocalDate last = prunedOn.get();
        if (today.equals(last) || !prunedOn.compareAndSet(last, today)) {
            return;
        }
        try {
            int removed = separately.execute(status -> jdbc.update(
                    "delete from security_event where occurred_at < ?",
                    Timestamp.from(now.minus(retention).toInstant())));
            if (removed != 0) {
                log.info("Removed {} security events older than {}", removed, retention);
            }
        } catch (RuntimeException e) {
            log.error("Cannot remove old security events", e);
        }
    }

    /** The newest events first. */
    public List<Event> newest(int limit) {
        return newest("", limit);
    }

    /** The newest events of these kinds first. */
    public List<Event> newest(java.util.Set<Kind> kinds, int limit) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        String in = kinds.stream().map(k -> "'" + k.name() + "'").collect(java.util.stream.Collectors.joining(","));
        return newest("where kind in (" + in + ") ", limit);
    }

    private List<Event> newest(String where, int limit) {
        return jdbc.query(
                "select occurred_at, kind, actor, client, detail from security_event " + where
                        + "order by occurred_at desc, id desc fetch first " + Math.max(1, Math.min(limit, 1000))
                        + " rows only",
                (rs, i) -> new Event(
                        rs.getTimestamp("occurred_at")
                                .toInstant()
                                .atZone(OrganisationProperties.VIETNAM)
                                .toOffsetDateTime(),
                        Kind.valueOf(rs.getString("kind")),
                        rs.getString("actor"),
                        rs.getString("client"),
                        rs.getString("detail")));
    }

    /** Other modules' events for the trail (a wrong signing PIN, a blocked key, a changed PIN...). */
    @EventListener
    void on(AuditedEvent event) {
        record(event.auditKind(), event.auditActor(), null, event.auditDetail());
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

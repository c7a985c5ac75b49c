package vn.vanthu.signing;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit.Kind;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.system.InvalidInputException;
import vn.vanthu.system.NotFoundException;

/**
 * Each signer's enrolled certificate (docs/signing.md, "Enrolment"; table {@code signer_certificate}):
 * the leader presents the token's certificate (PENDING), an administrator approves it (APPROVED, the
 * previous one SUPERSEDED in the same transaction) or refuses it (REFUSED); or an administrator
 * uploads one (APPROVED at once). The certificate enrolled for a leader is the one a token's
 * signature must carry ({@code issuing.ClientLeaderSignature}) and whose name is printed. Every
 * change is published as {@link SigningCertificateChanged} for the security trail.
 */
@Service
public class SigningCertificates {

    public static final String FIELD = SigningCertificatePaths.FIELD;
    public static final String NOTE = "note";

    public enum State {
        PENDING,
        APPROVED,
        SUPERSEDED,
        REFUSED
    }

    /** One row, with what the administrators' list shows of its certificate. */
    public record Enrolment(
            long id,
            String userId,
            State state,
            String subject,
            String issuer,
            Instant notBefore,
            Instant notAfter,
            String fingerprint,
            String presentedBy,
            Instant presentedAt,
            String decidedBy,
            Instant decidedAt,
            String note,
            X509Certificate certificate) {}

    private final JdbcTemplate jdbc;
    private final SigningKeys keys;
    private final Directory directory;
    private final AccessPolicy access;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SigningCertificates(
            JdbcTemplate jdbc,
            SigningKeys keys,
            Directory directory,
            AccessPolicy access,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.directory = directory;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /** The leader presents their own token's certificate: PENDING until an administrator decides. */
    @Transactional
    public Enrolment present(Caller caller, List<byte[]> chain) {
        access.check(caller, Action.PRESENT_SIGNING_CERTIFICATE);
        List<X509Certificate> given = checked(SigningCertificatePaths.parse(chain));
        long id = insert(caller.userId(), given, State.PENDING, caller.userId());
        Enrolment enrolment = find(id).orElseThrow();
        publish(Kind.SIGNING_CERTIFICATE_PRESENTED, enrolment, caller.userId());
        return enrolment;
    }

    /** An administrator uploads a signer's certificate: APPROVED at once, the previous one superseded. */
    @Transactional
    public Enrolment upload(String userId, List<byte[]> chain, Caller admin) {
        access.check(admin, Action.MANAGE_SIGNING_CERTIFICATES);
        if (userId == null || directory.user(userId).isEmpty()) {
            throw new NotFoundException("Không có tài khoản " + userId + ".");
        }
        if (!directory.isMember(userId, Groups.SIGNERS)) {
            throw InvalidInputException.of(
                    "userId", "Tài khoản " + userId + " không thuộc nhóm lãnh đạo ký (signers).");
        }
        List<X509Certificate> given = checked(SigningCertificatePaths.parse(chain));
        lockUser(userId);
        long id = insert(userId, given, State.PENDING, admin.userId());
        Enrolment enrolment = makeApproved(find(id).orElseThrow(), admin.userId());
        publish(Kind.SIGNING_CERTIFICATE_UPLOADED, enrolment, admin.userId());
        return enrolment;
    }

    /** An administrator approves a pending certificate; the leader's previous one is superseded. */
    @Transactional
    public Enrolment approve(long id, Caller admin) {
        access.check(admin, Action.MANAGE_SIGNING_CERTIFICATES);
        Enrolment pending = pending(id);
        if (pending.presentedBy().equals(admin.userId())) {
            // four eyes: whoever presented a certificate does not also vouch for it
            throw new ForbiddenException("Quản trị viên không được tự duyệt chứng thư số do chính mình gửi.");
        }
        lockUser(pending.userId());
        pending = pending(id); // again under the lock: another administrator may have decided meanwhile
        Enrolment approved = makeApproved(pending, admin.userId());
        publish(Kind.SIGNING_CERTIFICATE_APPROVED, approved, admin.userId());
        return approved;
    }

    /** An administrator refuses a pending certificate, saying why. */
    @Transactional
    public Enrolment refuse(long id, Caller admin, String note) {
        access.check(admin, Action.MANAGE_SIGNING_CERTIFICATES);
        if (note != null && note.length() > 500) {
            throw InvalidInputException.of(NOTE, "Lý do từ chối dài quá 500 ký tự.");
        }
        pending(id);
        int updated = jdbc.update(
                "update signer_certificate set state = ?, decided_by = ?, decided_at = ?, note = ?,"
                        + " live_fingerprint = null where id = ? and state = ?",
                State.REFUSED.name(),
                admin.userId(),
                Timestamp.from(clock.instant()),
                blankToNull(note),
                id,
                State.PENDING.name());
        if (updated == 0) {
            throw notPending(id);
        }
        Enrolment refused = find(id).orElseThrow();
        publish(Kind.SIGNING_CERTIFICATE_REFUSED, refused, admin.userId());
        return refused;
    }

    /** The administrators' list, newest first; every state when {@code state} is null. */
    public List<Enrolment> list(Caller admin, State state) {
        access.check(admin, Action.MANAGE_SIGNING_CERTIFICATES);
        return state == null
                ? jdbc.query(SELECT + " order by presented_at desc, id desc", this::row)
                : jdbc.query(SELECT + " where state = ? order by presented_at desc, id desc", this::row, state.name());
    }

    public Optional<Enrolment> find(long id) {
        return jdbc.query(SELECT + " where id = ?", this::row, id).stream().findFirst();
    }

    /** The APPROVED certificate of this user, if an administrator approved or uploaded one. */
    public Optional<X509Certificate> approved(String userId) {
        return jdbc
                .query(
                        "select certificate from signer_certificate where approved_user = ?",
                        (rs, i) -> SigningCertificatePaths.certificate(rs.getBytes(1)),
                        userId)
                .stream()
                .findFirst();
    }

    /**
     * The certificate enrolled for this leader: the APPROVED one; without one, the certificate of
     * the key held on the server ({@code {user}.cer}, {@link SigningKeys#signerCertificate}), so
     * that on the embedded default the demo leaders count as enrolled and their PKCS#12 files stand
     * in for a token, and an installation that keeps its leaders' keys needs no enrolment. Empty
     * when there is neither.
     */
    public Optional<X509Certificate> enrolled(String userId) {
        Optional<X509Certificate> approved = approved(userId);
        if (approved.isPresent()) {
            return approved;
        }
        try {
            return Optional.of(keys.signerCertificate(userId));
        } catch (NoSigningKeyException e) {
            return Optional.empty();
        }
    }

    private Enrolment makeApproved(Enrolment pending, String admin) {
        Instant now = clock.instant();
        // the previous APPROVED one, if any, first: approved_user is unique
        List<Enrolment> previous = jdbc.query(SELECT + " where approved_user = ?", this::row, pending.userId());
        jdbc.update(
                "update signer_certificate set state = ?, approved_user = null, live_fingerprint = null"
                        + " where approved_user = ?",
                State.SUPERSEDED.name(),
                pending.userId());
        try {
            int updated = jdbc.update(
                    "update signer_certificate set state = ?, approved_user = user_id, decided_by = ?, decided_at = ?"
                            + " where id = ? and state = ?",
                    State.APPROVED.name(),
                    admin,
                    Timestamp.from(now),
                    pending.id(),
                    State.PENDING.name());
            if (updated == 0) {
                throw notPending(pending.id());
            }
        } catch (DuplicateKeyException e) {
            throw new ConflictException(
                    "Tài khoản " + pending.userId() + " vừa có chứng thư số khác được duyệt; hãy tải lại danh sách.");
        }
        previous.forEach(old -> publish(Kind.SIGNING_CERTIFICATE_SUPERSEDED, old, admin));
        return find(pending.id()).orElseThrow();
    }

    /** Approving for a user waits for anyone else approving for them (their rows, locked). */
    private void lockUser(String userId) {
        jdbc.queryForList("select id from signer_certificate where user_id = ? for update", Long.class, userId);
    }

    private Enrolment pending(long id) {
        Enrolment enrolment =
                find(id).orElseThrow(() -> new NotFoundException("Không có chứng thư số đăng ký #" + id + "."));
        if (enrolment.state() != State.PENDING) {
            throw notPending(id);
        }
        return enrolment;
    }

    private ConflictException notPending(long id) {
        String state = find(id).map(e -> e.state().name()).orElse("?");
        return new ConflictException("Chứng thư số #" + id + " không còn chờ duyệt (trạng thái " + state + ").");
    }

    private long insert(String userId, List<X509Certificate> chain, State state, String by) {
        X509Certificate leaf = chain.get(0);
        String fingerprint = fingerprint(leaf);
        List<Enrolment> live = jdbc.query(SELECT + " where live_fingerprint = ?", this::row, fingerprint);
        for (Enrolment other : live) {
            if (!other.userId().equals(userId) && other.state() == State.APPROVED) {
                throw new ForbiddenException("Chứng thư số này đã được đăng ký cho tài khoản khác.");
            }
            throw new ConflictException(
                    other.state() == State.APPROVED
                            ? "Chứng thư số này đã được duyệt (#" + other.id() + ")."
                            : "Chứng thư số này đang chờ duyệt (#" + other.id() + ").");
        }
        org.springframework.jdbc.support.GeneratedKeyHolder holder =
                new org.springframework.jdbc.support.GeneratedKeyHolder();
        try {
            jdbc.update(
                    connection -> {
                        var ps = connection.prepareStatement(
                                "insert into signer_certificate (user_id, certificate, chain, fingerprint, state,"
                                        + " presented_by, presented_at, live_fingerprint) values (?, ?, ?, ?, ?, ?, ?, ?)",
                                new String[] {"id"});
                        ps.setString(1, userId);
                        ps.setBytes(2, encoded(leaf));
                        ps.setBytes(3, SigningCertificatePaths.encode(chain));
                        ps.setString(4, fingerprint);
                        ps.setString(5, state.name());
                        ps.setString(6, by);
                        ps.setTimestamp(7, Timestamp.from(clock.instant()));
                        ps.setString(8, fingerprint);
                        return ps;
                    },
                    holder);
        } catch (DuplicateKeyException e) { // presented at the same moment by another request
            throw new ConflictException("Chứng thư số này đang chờ duyệt hoặc đã được duyệt.");
        }
        return holder.getKey().longValue();
    }

    private void publish(Kind kind, Enrolment enrolment, String by) {
        events.publishEvent(new SigningCertificateChanged(
                kind, enrolment.userId(), by, enrolment.id(), enrolment.subject(), enrolment.fingerprint()));
    }

    /** The rules of an enrolled certificate (SigningCertificatePaths); an untrusted one is bad input here. */
    private List<X509Certificate> checked(List<X509Certificate> given) {
        try {
            SigningCertificatePaths.forSigning(given, keys.trustAnchors(), clock.instant());
        } catch (SigningCertificatePaths.UntrustedException e) {
            throw InvalidInputException.of(FIELD, e.getMessage());
        }
        return given;
    }

    public static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded(certificate)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SELECT = "select id, user_id, certificate, fingerprint, state, presented_by,"
            + " presented_at, decided_by, decided_at, note from signer_certificate";

    private Enrolment row(ResultSet rs, int i) throws SQLException {
        X509Certificate certificate = SigningCertificatePaths.certificate(rs.getBytes("certificate"));
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Enrolment(
                rs.getLong("id"),
                rs.getString("user_id"),
                State.valueOf(rs.getString("state")),
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                rs.getString("fingerprint"),
                rs.getString("presented_by"),
                rs.getTimestamp("presented_at").toInstant(),
                rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("note"),
                certificate);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

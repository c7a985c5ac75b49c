package vn.vanthu.distribution;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.document.Recipient;
import vn.vanthu.monitoring.spi.EmailCounts;

/** The delivery table. */
@Repository
class Deliveries implements EmailCounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;

    Deliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public java.util.Map<String, Long> byState() {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.query("select state, count(*) from delivery group by state", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    void createPending(Long documentId, Delivery.Kind kind, List<Recipient> recipients) {
        List<Integer> positions = IntStream.range(0, recipients.size()).boxed().toList();
        jdbc.batchUpdate("""
                insert into delivery (document_id, position, kind, name, email, state, attempts, reply_secret)
                values (?, ?, ?, ?, ?, 'PENDING', 0, ?)""", positions, 500, (ps, position) -> {
            Recipient r = recipients.get(position);
            ps.setLong(1, documentId);
            ps.setInt(2, position);
            ps.setString(3, kind.name());
            ps.setString(4, r.getName());
            ps.setString(5, r.getEmail());
            // each invitee's calendar event carries a secret of their own (CalendarReplies)
            ps.setString(6, kind == Delivery.Kind.ISSUE ? newReplySecret() : null);
        });
    }

    /** 128 random bits, hex: a UID's local part keeps it intact through every calendar client. */
    static String newReplySecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The secret in this recipient's calendar event; empty for an invitation sent before secrets. */
    Optional<String> replySecret(Long documentId, int position) {
        return jdbc
                .queryForList(
                        "select reply_secret from delivery where document_id = ? and kind = 'ISSUE' and position = ?",
                        String.class,
                        documentId,
                        position)
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst();
    }

    /** The issue delivery whose calendar event carries this secret. */
    Optional<Delivery> byReplySecret(Long documentId, String secret) {
        return jdbc
                .query(
                        "select * from delivery where document_id = ? and kind = 'ISSUE' and reply_secret = ?",
                        Deliveries::map,
                        documentId,
                        secret)
                .stream()
                .findFirst();
    }

    /** The delivery of this kind, created from the recipient's issue delivery if it does not exist yet. */
    Delivery findOrCreate(Long documentId, Delivery.Kind kind, int position) {
        return find(documentId, kind, position).orElseGet(() -> {
            Delivery issue = find(documentId, Delivery.Kind.ISSUE, position)
                    .orElseThrow(() ->
                            new IllegalStateException("no recipient " + position + " for document " + documentId));
            try {
                jdbc.update("""
                        insert into delivery (document_id, position, kind, name, email, state, attempts)
                        values (?, ?, ?, ?, ?, 'PENDING', 0)""", documentId, position, kind.name(), issue.name(), issue.email());
            } catch (DuplicateKeyException createdMeanwhile) {
                // a concurrent run created it: use that one
            }
            return find(documentId, kind, position).orElseThrow();
        });
    }

    Optional<Delivery> find(Long documentId, Delivery.Kind kind, int position) {
        return jdbc
                .query(
                        "select * from delivery where document_id = ? and kind = ? and position = ?",
                        Deliveries::map,
                        documentId,
                        kind.name(),
                        position)
                .stream()
                .findFirst();
    }

    Optional<Delivery> find(Long id) {
        return jdbc.query("select * from delivery where id = ?", Deliveries::map, id).stream()
                .findFirst();
    }

    List<Delivery> forDocument(Long documentId, Delivery.Kind kind) {
        return jdbc.query(
                "select * from delivery where document_id = ? and kind = ? order by position",
                Deliveries::map,
                documentId,
                kind.name());
    }

    /** Without number and title: the register has them (DeliveryService.failed). */
    List<FailedDelivery> failed(int limit) {
        return jdbc.query(
                """
                select d.id, d.document_id, d.kind, d.name, d.email, d.attempts, d.last_error
                from delivery d where d.state = 'FAILED' order by d.id desc limit ?""",
                (rs, i) -> new FailedDelivery(
                        rs.getLong("id"),
                        rs.getLong("document_id"),
                        Delivery.Kind.valueOf(rs.getString("kind")),
                        null,
                        null,
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getInt("attempts"),
                        rs.getString("last_error")),
                limit);
    }

    void markSent(Long id, String messageId, Instant at) {
        jdbc.update(
                "update delivery set state = 'SENT', sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = null where id = ?",
                Timestamp.from(at),
                messageId,
                id);
    }

    /** Counts a failed attempt; returns the attempts so far. */
    int recordFailure(Long id, String error, boolean finalFailure) {
        jdbc.update(
                "update delivery set attempts = attempts + 1, last_error = ?, state = ? where id = ? and state <> 'SENT'",
                error.length() > 2000 ? error.substring(0, 2000) : error,
                finalFailure ? "FAILED" : "PENDING",
                id);
        return jdbc.queryForObject("select attempts from delivery where id = ?", Integer.class, id);
    }

    void markFailed(Long id) {
        jdbc.update("update delivery set state = 'FAILED' where id = ? and state <> 'SENT'", id);
    }

    void markCancelled(Long id) {
        jdbc.update("update delivery set state = 'CANCELLED' where id = ? and state = 'PENDING'", id);
    }

    /**
     * A clerk's retry, counting the attempts as already made so far: 1 if the row was still FAILED,
     * 0 if another retry got there first (the condition is what makes parallel retries send once).
     */
    int markPending(Long id, int attempts) {
        return jdbc.update(
                "update delivery set state = 'PENDING', attempts = ? where id = ? and state = 'FAILED'", attempts, id);
    }

    /** The first confirmation (the receipt button or an answer) is the receipt; later ones keep its time. */
    void recordReceipt(Long documentId, int position, Instant at) {
        jdbc.update(
                "update delivery set confirmed_at = coalesce(confirmed_at, ?) where document_id = ? and kind = 'ISSUE' and position = ?",
                Timestamp.from(at),
                documentId,
                position);
    }

    void recordResponse(Long documentId, int position, Delivery.Answer answer, Instant at) {
        boolean delegated = answer.response() == Delivery.Response.DELEGATED;
        jdbc.update(
                """
                update delivery set response = ?, delegate_name = ?, delegate_position = ?, decline_reason = ?,
                answered_at = ?, answered_via = ? where document_id = ? and kind = 'ISSUE' and position = ?""",
                answer.response().name(),
                delegated ? answer.delegateName() : null,
                delegated ? answer.delegatePosition() : null,
                answer.response() == Delivery.Response.DECLINED ? answer.declineReason() : null,
                Timestamp.from(at),
                answer.via().name(),
                documentId,
                position);
    }

    /**
     * A clerk's corrected address: the delivery takes it and becomes FAILED, from where the retry
     * sends it again; 0 when it is neither FAILED nor SENT (still being sent, or cancelled).
     */
    int correctAddress(Long id, String email, String note) {
        return jdbc.update(
                "update delivery set email = ?, state = 'FAILED', last_error = ? where id = ? "
                        + "and state in ('FAILED', 'SENT')",
                email,
                note,
                id);
    }

    /** Later mails to the same recipient (reminder, recall) go to the corrected address too. */
    void correctLaterAddresses(Long documentId, int position, String email) {
        jdbc.update(
                "update delivery set email = ? where document_id = ? and position = ? and kind <> 'ISSUE' "
                        + "and state in ('PENDING', 'FAILED')",
                email,
                documentId,
                position);
    }

    void recordPaper(Long id, Instant at, String note) {
        jdbc.update("update delivery set paper_at = ?, paper_note = ? where id = ?", Timestamp.from(at), note, id);
    }

    /** When a delivery was handed over on paper, and the clerk's note; empty if never. */
    Optional<Paper> paper(Long id) {
        return jdbc
                .query(
                        "select paper_at, paper_note from delivery where id = ? and paper_at is not null",
                        (rs, i) -> new Paper(rs.getTimestamp(1).toInstant(), rs.getString(2)),
                        id)
                .stream()
                .findFirst();
    }

    record Paper(Instant at, String note) {}

    /** The calendar replies to a document not proven to come from the invitee, newest first. */
    List<Attendance.UnverifiedReply> unverifiedReplies(Long documentId) {
        return jdbc.query(
                """
                select attendee, sender, part_stat, note, read_at from calendar_reply
                where document_id = ? and outcome = 'UNVERIFIED' order by read_at desc limit 200""",
                (rs, i) -> new Attendance.UnverifiedReply(
                        rs.getString("attendee"),
                        rs.getString("sender"),
                        Attendance.partStatLabel(rs.getString("part_stat")),
                        rs.getString("note"),
                        Attendance.vn(instant(rs.getTimestamp("read_at")))),
                documentId);
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(
                rs.getLong("id"),
                rs.getLong("document_id"),
                rs.getInt("position"),
                Delivery.Kind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("email"),
                Delivery.State.valueOf(rs.getString("state")),
                rs.getInt("attempts"),
                rs.getString("last_error"),
                instant(rs.getTimestamp("sent_at")),
                rs.getString("message_id"),
                instant(rs.getTimestamp("confirmed_at")),
                rs.getString("response"),
                rs.getString("delegate_name"),
                rs.getString("decline_reason"),
                rs.getString("delegate_position"),
                instant(rs.getTimestamp("answered_at")),
                rs.getString("answered_via"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

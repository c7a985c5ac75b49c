package vn.vanthu.distribution;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import vn.vanthu.document.Recipient;

/** The delivery table. */
@Repository
class Deliveries {

    private final JdbcTemplate jdbc;

    Deliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void createPending(Long documentId, Delivery.Kind kind, List<Recipient> recipients) {
        List<Integer> positions = java.util.stream.IntStream.range(0, recipients.size()).boxed().toList();
        jdbc.batchUpdate("""
                insert into delivery (document_id, position, kind, name, email, state, attempts)
                values (?, ?, ?, ?, ?, 'PENDING', 0)""", positions, 500, (ps, position) -> {
            Recipient r = recipients.get(position);
            ps.setLong(1, documentId);
            ps.setInt(2, position);
            ps.setString(3, kind.name());
            ps.setString(4, r.getName());
            ps.setString(5, r.getEmail());
        });
    }

    Optional<Delivery> find(Long documentId, Delivery.Kind kind, int position) {
        return jdbc.query("select * from delivery where document_id = ? and kind = ? and position = ?",
                Deliveries::map, documentId, kind.name(), position).stream().findFirst();
    }

    List<Delivery> forDocument(Long documentId, Delivery.Kind kind) {
        return jdbc.query("select * from delivery where document_id = ? and kind = ? order by position",
                Deliveries::map, documentId, kind.name());
    }

    void markSent(Long id, String messageId, Instant at) {
        jdbc.update("update delivery set state = 'SENT', sent_at = ?, message_id = ?, attempts = attempts + 1, last_error = null where id = ?",
                Timestamp.from(at), messageId, id);
    }

    /** Counts a failed attempt; returns the attempts so far. */
    int recordFailure(Long id, String error, boolean finalFailure) {
        jdbc.update("update delivery set attempts = attempts + 1, last_error = ?, state = ? where id = ? and state <> 'SENT'",
                error.length() > 2000 ? error.substring(0, 2000) : error, finalFailure ? "FAILED" : "PENDING", id);
        return jdbc.queryForObject("select attempts from delivery where id = ?", Integer.class, id);
    }

    void markFailed(Long id) {
        jdbc.update("update delivery set state = 'FAILED' where id = ? and state <> 'SENT'", id);
    }

    private static Delivery map(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getLong("document_id"), rs.getInt("position"),
                Delivery.Kind.valueOf(rs.getString("kind")), rs.getString("name"), rs.getString("email"),
                Delivery.State.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getString("last_error"),
                instant(rs.getTimestamp("sent_at")), rs.getString("message_id"), instant(rs.getTimestamp("confirmed_at")),
                rs.getString("response"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

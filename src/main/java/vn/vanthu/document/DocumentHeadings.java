package vn.vanthu.document;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.config.OrganisationProperties;

/**
 * What other modules' lists show of a document (its type and the current version's title), read
 * for a whole list in one query, so that they name no table of this module in their own SQL.
 */
@Repository
public class DocumentHeadings {

    /** A document as a line of a list names it. */
    public record Heading(Long id, String type, String title, DocumentStatus status, OffsetDateTime updatedAt) {}

    private static final String SELECT = """
            select d.id, d.doc_type, v.title, d.status, d.updated_at
            from document d join document_version v on v.document_id = d.id and v.version_no = d.current_version
            """;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    DocumentHeadings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** These documents' headings by id; an id with no document is absent. */
    public Map<Long, Heading> of(Collection<Long> ids) {
        Map<Long, Heading> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        named.query(SELECT + "where d.id in (:ids)", new MapSqlParameterSource("ids", ids), rs -> {
            Heading h = map(rs);
            byId.put(h.id(), h);
        });
        return byId;
    }

    /** The signer's documents waiting for the remote signing service's approval, the latest first. */
    public List<Heading> awaitingRemoteSignature(String signer) {
        return jdbc.query(
                SELECT + "where d.status = 'AWAITING_REMOTE_SIGNATURE' and d.signer = ? order by d.updated_at desc",
                (rs, i) -> map(rs),
                signer);
    }

    /** How many of the signer's documents wait for the remote signing service's approval. */
    public int countAwaitingRemoteSignature(String signer) {
        Integer n = jdbc.queryForObject(
                "select count(*) from document where status = 'AWAITING_REMOTE_SIGNATURE' and signer = ?",
                Integer.class,
                signer);
        return n == null ? 0 : n;
    }

    /** How many documents stand in each status (the monitoring's gauges). */
    public Map<String, Long> countByStatus() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select status, count(*) from document group by status", rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    /** An issued (or recalled) invitation's meeting, as calendars show it. */
    public record Meeting(
            Long documentId,
            String number,
            String title,
            java.time.Instant start,
            java.time.Instant end,
            String location,
            String chair,
            boolean recalled,
            String drafter,
            String signer) {}

    /** Issued and recalled invitations whose meeting starts in [from, to), by start then id. */
    public List<Meeting> meetings(java.time.Instant from, java.time.Instant to) {
        return jdbc.query(
                """
                select d.id, d.number, d.status, v.title, v.meeting_start, v.meeting_end, v.location, v.chair,
                    d.drafter, d.signer
                from document d join document_version v on v.document_id = d.id and v.version_no = d.current_version
                where d.status in ('ISSUED', 'RECALLED') and v.meeting_start >= ? and v.meeting_start < ?
                order by v.meeting_start, d.id""",
                (rs, i) -> new Meeting(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(4),
                        instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)),
                        rs.getString(7),
                        rs.getString(8),
                        "RECALLED".equals(rs.getString(3)),
                        rs.getString(9),
                        rs.getString(10)),
                Timestamp.from(from),
                Timestamp.from(to));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Heading map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        return new Heading(
                rs.getLong("id"),
                rs.getString("doc_type"),
                rs.getString("title"),
                DocumentStatus.valueOf(rs.getString("status")),
                updated == null
                        ? null
                        : updated.toInstant()
                                .atZone(OrganisationProperties.VIETNAM)
                                .toOffsetDateTime());
    }
}

package vn.vanthu.distribution;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.numbering.spi.DeliveryProgress;

/** The register's ngày chuyển and ký nhận, from the issue deliveries. */
@Repository
class IssueDeliveryProgress implements DeliveryProgress {

    private static final String PROGRESS = """
            select document_id, min(sent_at) first_sent,
                sum(case when confirmed_at is not null then 1 else 0 end) confirmed, count(*) deliveries
            from delivery where kind = 'ISSUE' and document_id in (:ids) group by document_id""";

    private final NamedParameterJdbcTemplate jdbc;

    IssueDeliveryProgress(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    @Override
    public Map<Long, Progress> ofDocuments(Collection<Long> documentIds) {
        Map<Long, Progress> byDocument = new HashMap<>();
        List<Long> ids = documentIds.stream().distinct().toList();
        IdChunks.forEach(
                ids,
                slice -> jdbc.query(PROGRESS, new MapSqlParameterSource("ids", slice), rs -> {
                    Timestamp first = rs.getTimestamp("first_sent");
                    byDocument.put(
                            rs.getLong("document_id"),
                            new Progress(
                                    first == null ? null : first.toInstant(),
                                    rs.getInt("confirmed"),
                                    rs.getInt("deliveries")));
                }));
        return byDocument;
    }
}

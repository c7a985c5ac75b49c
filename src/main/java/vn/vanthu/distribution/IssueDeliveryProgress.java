package vn.vanthu.distribution;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.numbering.spi.DeliveryProgress;

/** The register's ngày chuyển and ký nhận, from the issue deliveries. */
@Repository
class IssueDeliveryProgress implements DeliveryProgress {

    private static final String PROGRESS = """
            select document_id, min(sent_at) first_sent,
                sum(case when confirmed_at is not null then 1 else 0 end) confirmed, count(*) deliveries
            from delivery where kind = 'ISSUE' and document_id in (%s) group by document_id""";

    private final JdbcTemplate jdbc;

    IssueDeliveryProgress(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<Long, Progress> ofDocuments(Collection<Long> documentIds) {
        Map<Long, Progress> byDocument = new HashMap<>();
        List<Long> ids = documentIds.stream().distinct().toList();
        IdChunks.forEach(
                ids,
                // the ids as literals, not parameters: H2 checks each row found against an IN list
                // of parameters one value after another (a year's book: 60,000 deliveries × up to
                // 1,000 ids, most of GET /api/register's time, docs/benchmarks.md "Scale"), but
                // against an IN list of constants in a hash set. Numbers only, so nothing to quote.
                slice -> jdbc.query(PROGRESS.formatted(literals(slice)), rs -> {
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

    static String literals(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}

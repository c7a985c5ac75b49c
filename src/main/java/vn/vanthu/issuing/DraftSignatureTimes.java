package vn.vanthu.issuing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.vanthu.monitoring.spi.SignatureTimes;

/** The sign-to-inbox timer's start: when the leader's signed text was kept ({@code signed_draft}). */
@Repository
class DraftSignatureTimes implements SignatureTimes {

    private final JdbcTemplate jdbc;

    DraftSignatureTimes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> lastSignedAt(Long documentId) {
        Timestamp signed = jdbc.queryForObject(
                "select max(signed_at) from signed_draft where document_id = ?", Timestamp.class, documentId);
        return Optional.ofNullable(signed).map(Timestamp::toInstant);
    }
}

package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The security trail keeps its events for {@code vanthu.security.audit-retention} and no longer:
 * older ones go at the first event of a day. H2 in memory with the app's migrations; no Spring.
 */
class SecurityAuditRetentionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    @Test
    void eventsOlderThanTheRetentionGoAtTheFirstEventOfTheDay() {
        JdbcTemplate jdbc = database();
        insert(jdbc, "2024-11-01T00:00:00Z", "rất cũ"); // over two years before NOW
        insert(jdbc, "2025-01-15T00:00:00Z", "năm ngoái");
        SecurityAudit audit = audit(jdbc, Period.ofYears(2));

        audit.record(SecurityAudit.Kind.LOGIN_FAILED, "chanhvanphong", "198.51.100.9", "hôm nay");

        assertThat(jdbc.queryForList("select detail from security_event order by occurred_at", String.class))
                .containsExactly("năm ngoái", "hôm nay");
        // once a day: a row that became old meanwhile waits for tomorrow's first event
        insert(jdbc, "2020-01-01T00:00:00Z", "chèn sau");
        audit.record(SecurityAudit.Kind.LOGIN_FAILED, "chanhvanphong", "198.51.100.9", "lần hai");
        assertThat(jdbc.queryForList("select detail from security_event", String.class))
                .contains("chèn sau");
    }

    @Test
    void zeroKeepsEveryEventAndLessThanAYearIsRefused() {
        JdbcTemplate jdbc = database();
        insert(jdbc, "2001-01-01T00:00:00Z", "rất cũ");
        audit(jdbc, Period.ZERO).record(SecurityAudit.Kind.LOGIN_FAILED, "x", "198.51.100.9", null);
        assertThat(jdbc.queryForList("select detail from security_event", String.class))
                .contains("rất cũ");

        assertThatThrownBy(() -> settings(Period.ofMonths(6)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("audit-retention");
        assertThat(settings(Period.ofMonths(12)).auditRetention()).isEqualTo(Period.ofMonths(12));
    }

    private static SecurityAudit audit(JdbcTemplate jdbc, Period retention) {
        return new SecurityAudit(
                jdbc,
                Clock.fixed(NOW, ZoneOffset.UTC),
                new DataSourceTransactionManager(jdbc.getDataSource()),
                settings(retention));
    }

    private static SecuritySettings settings(Period retention) {
        return new SecuritySettings(
                new SecuritySettings.Login(
                        5,
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        200,
                        10,
                        Duration.ofMinutes(15),
                        10_000,
                        List.of()),
                true,
                retention);
    }

    private static JdbcTemplate database() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new JdbcTemplate(db);
    }

    private static void insert(JdbcTemplate jdbc, String at, String detail) {
        jdbc.update(
                "insert into security_event (occurred_at, kind, actor, client, detail) values (?, ?, ?, ?, ?)",
                Timestamp.from(Instant.parse(at)),
                "LOGIN_FAILED",
                "x",
                "198.51.100.1",
                detail);
    }
}

package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.vanthu.support.LocalPostgres;

/**
 * V55, the search's trigram index: a no-op on H2; on PostgreSQL the index, which a
 * {@code like '%word%'} uses; and where the application's user may not create the extension, a
 * warning and a completed migration (the search reads every document then, and still works).
 */
class SearchTrigramIndexTest {

    static Flyway flyway(javax.sql.DataSource db) {
        return Flyway.configure()
                .dataSource(db)
                .locations("classpath:db/migration")
                .javaMigrations(new SearchTrigramIndex())
                .load();
    }

    /** Migrates; true when V55 is recorded as done. */
    static boolean applied(javax.sql.DataSource db) {
        Flyway flyway = flyway(db);
        flyway.migrate();
        return java.util.Arrays.stream(flyway.info().applied())
                .anyMatch(m -> m.getVersion().getVersion().equals("55")
                        && m.getState() == org.flywaydb.core.api.MigrationState.SUCCESS);
    }

    @Test
    void onH2ItIsANoOp() {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:trgm-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        assertThat(applied(db)).isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertThat(jdbc.queryForList(
                        "select index_name from information_schema.indexes where table_name = 'DOCUMENT'",
                        String.class))
                .isNotEmpty()
                .noneMatch(name -> name.toLowerCase().contains("trgm"));
        // the search's like still runs on H2
        assertThat(jdbc.queryForObject(
                        "select count(*) from document where search_text like '%chua%' escape '!'", Integer.class))
                .isZero();
    }

    @Test
    void onPostgresTheSearchUsesTheIndex() {
        LocalPostgres postgres = postgres();
        DriverManagerDataSource db =
                new DriverManagerDataSource(postgres.createDatabase("trgm_" + suffix()), "vanthu", "");
        assertThat(applied(db)).isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        assertThat(jdbc.queryForObject(
                        "select indexdef from pg_indexes where indexname = ?", String.class, SearchTrigramIndex.INDEX))
                .contains("gin_trgm_ops");
        // the planner may take it for the search's like (an empty table: told not to scan it)
        List<String> plan = jdbc.execute((java.sql.Connection c) -> {
            try (var s = c.createStatement()) {
                s.execute("set enable_seqscan = off");
                List<String> lines = new java.util.ArrayList<>();
                try (var rs = s.executeQuery("explain select count(*) from document d"
                        + " where d.search_text like '%chua%' escape '!' and d.search_text like '%chay%' escape '!'")) {
                    while (rs.next()) {
                        lines.add(rs.getString(1));
                    }
                }
                return lines;
            }
        });
        assertThat(String.join("\n", plan)).contains("Bitmap Index Scan on " + SearchTrigramIndex.INDEX);
    }

    @Test
    void withoutTheRightToCreateTheExtensionTheMigrationWarnsAndGoesOn() {
        LocalPostgres postgres = postgres();
        String suffix = suffix();
        String url = postgres.createDatabase("trgm_" + suffix);
        String role = "app_" + suffix;
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url, "vanthu", ""));
        // may connect and create tables in public, not create in the database (which a trusted extension needs)
        admin.execute("create role " + role + " login");
        admin.execute("grant usage, create on schema public to " + role);
        DriverManagerDataSource asApp = new DriverManagerDataSource(url, role, "");
        assertThat(applied(asApp)).isTrue();
        JdbcTemplate jdbc = new JdbcTemplate(asApp);
        assertThat(jdbc.queryForObject("select count(*) from pg_extension where extname = 'pg_trgm'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from pg_indexes where indexname = ?", Integer.class, SearchTrigramIndex.INDEX))
                .isZero();
        // recorded as done above: the failed create did not abort its transaction; and the search runs
        assertThat(jdbc.queryForObject(
                        "select count(*) from document where search_text like '%chua%' escape '!'", Integer.class))
                .isZero();
    }

    static LocalPostgres postgres() {
        var postgres = LocalPostgres.shared();
        assumeTrue(postgres.isPresent(), "PostgreSQL is not installed");
        return postgres.get();
    }

    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

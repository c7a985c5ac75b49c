package vn.vanthu.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.support.LocalPostgres;

/** The application's PostgreSQL connections run without JIT; H2's and an operator's own options are left alone. */
class PostgresSessionOptionsTest {

    static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("vanthu");
        pool.setPassword("");
        pool.setMaximumPoolSize(1);
        new PostgresSessionOptions().postProcessBeforeInitialization(pool, "dataSource");
        return pool;
    }

    @Test
    void onlyPostgresUrlsWithoutOptionsOfTheirOwnGetJitOff() {
        try (HikariDataSource h2 = pool("jdbc:h2:mem:x");
                HikariDataSource own = pool("jdbc:postgresql://db/vanthu?options=-c%20work_mem=64MB")) {
            assertThat(h2.getDataSourceProperties()).doesNotContainKey("options");
            assertThat(own.getDataSourceProperties()).doesNotContainKey("options");
        }
    }

    @Test
    void aPostgresConnectionHasJitOff() {
        var postgres = LocalPostgres.shared();
        assumeTrue(postgres.isPresent(), "PostgreSQL is not installed");
        String url = postgres.get()
                .createDatabase("jit_" + UUID.randomUUID().toString().substring(0, 8));
        try (HikariDataSource pool = pool(url)) {
            assertThat(new JdbcTemplate(pool).queryForObject("show jit", String.class))
                    .isEqualTo("off");
        }
        // the server's own default, for contrast: the setting came from the pool
        try (HikariDataSource plain = new HikariDataSource()) {
            plain.setJdbcUrl(url);
            plain.setUsername("vanthu");
            assertThat(new JdbcTemplate(plain).queryForObject("show jit", String.class))
                    .isEqualTo("on");
        }
    }
}

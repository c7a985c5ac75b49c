package vn.vanthu.document;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Flyway V55: on PostgreSQL, a trigram index on {@code document.search_text}, so that the search's
 * {@code like '%word%'} reads a bitmap index scan instead of every document (docs/benchmarks.md,
 * "Scale"). It needs the {@code pg_trgm} extension: created here if the application's user may
 * (pg_trgm is a trusted extension: the right to create in the database is enough), else the DBA
 * creates it beforehand (docs/operations.md). Without it the start goes on with a warning and the
 * search still finds the same documents, only by reading them all. H2 has no trigram index: a
 * no-op there. A Spring bean, which Spring Boot hands to Flyway with the SQL scripts.
 */
@Component
class SearchTrigramIndex implements JavaMigration {

    static final String INDEX = "document_search_trgm_idx";
    static final String CREATE_INDEX =
            "create index if not exists " + INDEX + " on document using gin (search_text gin_trgm_ops)";

    private static final Logger log = LoggerFactory.getLogger(SearchTrigramIndex.class);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("55");
    }

    @Override
    public String getDescription() {
        return "search trigram index";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
            return;
        }
        // each attempt behind a savepoint: a failed statement would otherwise abort the whole
        // migration's transaction on PostgreSQL
        if (!attempt(c, "create extension if not exists pg_trgm", "the extension pg_trgm")) {
            log.warn(
                    "PostgreSQL: the extension pg_trgm could not be created, so the search reads every document"
                            + " (slower on a large register, the same results). A DBA can run, in this database:"
                            + " create extension pg_trgm; {}; (docs/operations.md)",
                    CREATE_INDEX);
            return;
        }
        if (!attempt(c, CREATE_INDEX, "the index " + INDEX)) {
            log.warn(
                    "PostgreSQL: the search's trigram index could not be created; the search reads every document."
                            + " A DBA can run: {}; (docs/operations.md)",
                    CREATE_INDEX);
        }
    }

    private static boolean attempt(Connection c, String sql, String what) throws SQLException {
        if (c.getAutoCommit()) {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                return true;
            } catch (SQLException e) {
                log.warn("PostgreSQL: could not create {}: {}", what, e.getMessage());
                return false;
            }
        }
        Savepoint before = c.setSavepoint();
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            c.rollback(before);
            log.warn("PostgreSQL: could not create {}: {}", what, e.getMessage());
            return false;
        }
    }
}

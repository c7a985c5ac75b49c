package vn.vanthu.operations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * One node at a time through the start-up, on PostgreSQL: from the moment the engine begins to
 * build (it creates its tables on an empty database) through the admin user, the filter, the BPMN
 * deployment and the demo data, until the node is ready. Two nodes started together on a fresh
 * database otherwise both create Camunda's tables or the same users and one of them fails
 * (seen in ClusterTest: "duplicate key … act_ge_property"). A session-level advisory lock on a
 * connection of its own; a node that dies while holding it loses the session and so the lock.
 * On H2 (one node per database file) it does nothing.
 */
@Component
class StartupLock extends AbstractProcessEnginePlugin implements Ordered, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** "vanthu" and 1: the advisory lock key, the same on every node. */
    static final long KEY = 0x76616e7468750001L;

    private final DataSource dataSource;
    private Connection held; // guarded by this

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Before every other plugin: the engine's schema check and creation come after this. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        acquire();
    }

    synchronized void acquire() {
        if (held != null) {
            return;
        }
        try {
            Connection c = dataSource.getConnection();
            if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
                c.close();
                return;
            }
            long start = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("select pg_advisory_lock(" + KEY + ")");
            }
            held = c;
            long waited = (System.nanoTime() - start) / 1_000_000;
            if (waited > 1000) {
                log.info("Waited {} ms for another node's start-up", waited);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock: " + e.getMessage(), e);
        }
    }

    @EventListener({ApplicationReadyEvent.class, ApplicationFailedEvent.class})
    public synchronized void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held;
                Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            log.warn("Start-up lock: {}", e.getMessage()); // closing the connection ends the session and its lock
        } finally {
            held = null;
        }
    }

    @Override
    public void destroy() {
        release();
    }
}

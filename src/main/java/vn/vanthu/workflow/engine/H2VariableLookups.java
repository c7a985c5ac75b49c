package vn.vanthu.workflow.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * On H2 only: tells the planner that a variable's execution id is selective, so that the engine's
 * most frequent read — an execution's variables, {@code EXECUTION_ID_ = ? AND TASK_ID_ IS NULL} —
 * goes through the foreign key's index. Until H2 has analysed the table, both columns have the same
 * default selectivity and it takes the first index, {@code ACT_IDX_VARIABLE_TASK_ID}, for
 * {@code TASK_ID_ IS NULL}: every process variable of every running instance, read for each lookup
 * (the benchmark's profile: 7 % of all CPU, growing with the instances alive). The plan is kept with
 * the statement in each connection's query cache, so a later automatic ANALYZE does not correct it.
 * H2's own ANALYZE may overwrite the figure later with the measured one, which points the same way.
 */
@Component
class H2VariableLookups extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(H2VariableLookups.class);

    static final String STATEMENT = "ALTER TABLE ACT_RU_VARIABLE ALTER COLUMN EXECUTION_ID_ SELECTIVITY 90";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!"h2".equals(configuration.getDatabaseType())) {
            return;
        }
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(STATEMENT);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            log.warn("Could not set the selectivity of ACT_RU_VARIABLE.EXECUTION_ID_: {}", e.getMessage());
        }
    }
}

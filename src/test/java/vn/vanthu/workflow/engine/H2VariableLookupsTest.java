package vn.vanthu.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.support.IntegrationTest;

/** The engine's variable reads use the execution's index on the embedded H2, not a walk over every variable. */
class H2VariableLookupsTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anExecutionsVariablesAreFoundThroughTheExecutionIndex() {
        // the engine's own statement (VariableInstance.xml, selectVariablesByExecutionId), as H2 plans it
        String plan = jdbc.queryForObject(
                "EXPLAIN SELECT RES.* FROM ACT_RU_VARIABLE RES"
                        + " LEFT JOIN ACT_RU_EXECUTION EXECUTION ON RES.EXECUTION_ID_ = EXECUTION.ID_"
                        + " LEFT JOIN ACT_RU_EXECUTION PARENT_EXECUTION ON EXECUTION.PARENT_ID_ = PARENT_EXECUTION.ID_"
                        + " WHERE EXECUTION_ID_ = ? AND TASK_ID_ IS NULL AND NAME_ IN (?, ?)",
                String.class,
                "some-execution",
                "documentId",
                "recipient");
        assertThat(plan)
                .as(plan)
                .doesNotContain("ACT_IDX_VARIABLE_TASK_ID")
                .containsPattern("/\\* PUBLIC\\.[A-Z_0-9]+: EXECUTION_ID_ = ");
    }
}

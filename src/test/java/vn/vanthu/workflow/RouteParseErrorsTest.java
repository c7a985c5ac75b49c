package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What Văn thư's checks let through but Camunda's parser refuses comes back as errors on their
 * elements (a bare in-memory engine, no Spring).
 */
class RouteParseErrorsTest {

    static final ProcessEngine ENGINE = new StandaloneInMemProcessEngineConfiguration()
            .setJdbcUrl("jdbc:h2:mem:route-parse-test;DB_CLOSE_DELAY=-1")
            .setJobExecutorActivate(false)
            .setHistory("audit")
            .buildProcessEngine();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void aServiceTaskWithoutImplementationIsRefusedOnItsElement() {
        BpmnModelInstance model = RouteSamples.valid("thuParse");
        // a service task Văn thư has no rule about, that the engine cannot run
        UserTask review = model.getModelElementById("review");
        ServiceTask broken = model.newInstance(ServiceTask.class);
        broken.setId("brokenService");
        review.getParentElement().addChildElement(broken);
        assertThat(new RouteValidator(g -> true)
                        .check(RouteSamples.bytes(model))
                        .errors())
                .extracting(RouteError::element)
                .as("our own checks: a flow node without a shape")
                .containsExactly("brokenService");

        ParseException e = catchThrowableOfType(
                () -> ENGINE.getRepositoryService()
                        .createDeployment()
                        .addInputStream("thu.bpmn", new ByteArrayInputStream(RouteSamples.bytes(model)))
                        .deploy(),
                ParseException.class);
        assertThat(Routes.parseErrors(e)).anySatisfy(error -> {
            assertThat(error.element()).isEqualTo("brokenService");
            assertThat(error.message()).startsWith("Camunda không nhận quy trình: ");
        });
    }
}

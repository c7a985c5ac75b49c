package vn.vanthu.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;
import vn.vanthu.workflow.DocumentIssuanceProcess;

/**
 * "engine": the process engine answers from its database and the issuance process is deployed
 * (a node without it could take tasks but never start a document).
 */
@Component
class EngineHealthIndicator extends AbstractHealthIndicator {

    private final ProcessEngine engine;

    EngineHealthIndicator(ProcessEngine engine) {
        super("Process engine check failed");
        this.engine = engine;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long deployed = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(DocumentIssuanceProcess.KEY)
                .count();
        builder.withDetail("name", engine.getName()).withDetail("issuanceProcessVersions", deployed);
        if (deployed == 0) {
            builder.down().withDetail("reason", "process " + DocumentIssuanceProcess.KEY + " is not deployed");
        } else {
            builder.up();
        }
    }
}

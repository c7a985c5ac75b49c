package vn.vanthu.workflow.engine;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;
import vn.vanthu.workflow.DocumentIssuanceProcess;

/**
 * "engine": the process engine answers from its database, and the default route and the issuing
 * process every route calls are deployed (a node without them could take tasks but never issue).
 */
@Component
class EngineHealthIndicator extends AbstractHealthIndicator {

    private final ProcessEngine engine;

    EngineHealthIndicator(ProcessEngine engine) {
        super("Process engine check failed");
        this.engine = engine;
    }

    private long versions(String key) {
        return engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .count();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long deployed = versions(DocumentIssuanceProcess.KEY);
        long issuing = versions(DocumentIssuanceProcess.Issuing.KEY);
        builder.withDetail("name", engine.getName()).withDetail("issuanceProcessVersions", deployed);
        if (deployed == 0 || issuing == 0) {
            builder.down()
                    .withDetail(
                            "reason",
                            "process "
                                    + (deployed == 0
                                            ? DocumentIssuanceProcess.KEY
                                            : DocumentIssuanceProcess.Issuing.KEY)
                                    + " is not deployed");
        } else {
            builder.up();
        }
    }
}

package vn.vanthu.monitoring;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * "jobExecutor": issuing and every email are jobs, so a node whose job executor should run but does
 * not is not ready. A node configured without one (camunda.bpm.job-execution.enabled=false, a
 * web-only node beside others that run the jobs) is up, and says so.
 */
@Component
class JobExecutorHealthIndicator extends AbstractHealthIndicator {

    private final ProcessEngine engine;
    private final boolean enabled;

    JobExecutorHealthIndicator(
            ProcessEngine engine, @Value("${camunda.bpm.job-execution.enabled:true}") boolean enabled) {
        super("Job executor check failed");
        this.engine = engine;
        this.enabled = enabled;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        JobExecutor executor =
                ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        boolean active = executor != null && executor.isActive();
        builder.withDetail("enabled", enabled).withDetail("active", active);
        if (enabled && !active) {
            builder.down();
        } else {
            builder.up();
        }
    }
}

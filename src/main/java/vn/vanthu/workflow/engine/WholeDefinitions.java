package vn.vanthu.workflow.engine;

import java.lang.reflect.Field;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.BpmnModelInstanceCache;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CacheDeployer;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.ProcessDefinitionCache;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * The engine hands out a process definition only once it is whole. When a node loads a definition
 * into its cache (the first use after a start, or one deployed on another node), Camunda 7.24 puts
 * it in the cache first and then, still loading, reads its job definitions from the database and
 * writes their ids into the definition's job declarations. Another thread that asks for the same
 * definition in that window skips the loader's lock and gets it without those ids; the async job it
 * then creates has no process definition, and the engine throws "Invalid process definition id:
 * processDefinitionId is null" (seen in ClusterTest: four signings at once on a node whose first
 * signing it was). Here every lookup takes the loader's lock, so it waits for the load to end.
 * The lock's cost did not show in the benchmark (docs/benchmarks.md, "Session 12").
 */
@Component
class WholeDefinitions extends AbstractProcessEnginePlugin {

    /**
     * After the engine made its own cache (its deployers are known then), before the engine is built:
     * the same cache with the same settings, read from the configuration's fields (it has no getters
     * for them).
     */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        DeploymentCache cache = new Cache((CacheFactory) setting(configuration, "cacheFactory"), (Integer)
                setting(configuration, "cacheCapacity"));
        cache.setDeployers(configuration.getDeployers());
        configuration.setDeploymentCache(cache);
    }

    private static Object setting(ProcessEngineConfigurationImpl configuration, String field) {
        try {
            Field f = ProcessEngineConfigurationImpl.class.getDeclaredField(field);
            f.setAccessible(true);
            return f.get(configuration);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Camunda's configuration has no field " + field, e);
        }
    }

    static final class Cache extends DeploymentCache {
        Cache(CacheFactory factory, int capacity) {
            super(factory, capacity);
            processDefinitionEntityCache = new LockedDefinitions(factory, capacity, cacheDeployer);
            bpmnModelInstanceCache = new BpmnModelInstanceCache(factory, capacity, processDefinitionEntityCache);
        }
    }

    /** The superclass loads under {@code synchronized (this)}; every read takes the same lock. */
    static final class LockedDefinitions extends ProcessDefinitionCache {
        LockedDefinitions(CacheFactory factory, int capacity, CacheDeployer deployer) {
            super(factory, capacity, deployer);
        }

        @Override
        public synchronized ProcessDefinitionEntity resolveDefinition(ProcessDefinitionEntity definition) {
            return super.resolveDefinition(definition);
        }

        @Override
        public synchronized ProcessDefinitionEntity findDefinitionFromCache(String id) {
            return super.findDefinitionFromCache(id);
        }

        @Override
        public synchronized ProcessDefinitionEntity getDefinition(String id) {
            return super.getDefinition(id);
        }
    }
}

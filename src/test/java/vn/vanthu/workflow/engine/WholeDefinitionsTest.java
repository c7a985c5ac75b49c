package vn.vanthu.workflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.CacheFactory;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DefaultCacheFactory;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.commons.utils.cache.Cache;
import org.junit.jupiter.api.Test;

/**
 * A node's first use of a definition by several threads at once: each gets the whole definition.
 * The engine's cache is slowed where the race lies (a definition in the cache whose job declarations
 * are not yet tied to their job definitions) and the other threads sent in while it lasts, so that
 * the test fails without {@link WholeDefinitions} on every run, not once in fifteen as ClusterTest did.
 */
class WholeDefinitionsTest {

    static final int THREADS = 4;

    @Test
    void everyThreadWaitsForTheWholeDefinitionAndEveryAsyncJobHasItsDefinition() throws Exception {
        List<Throwable> failures = signAtOnce(true, "whole");

        assertThat(failures).isEmpty();
    }

    /** If Camunda mends its cache, this fails, and WholeDefinitions can go. */
    @Test
    void withoutItTheEngineHandsOutAHalfLoadedDefinition() throws Exception {
        List<Throwable> failures = signAtOnce(false, "half");

        assertThat(failures)
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f).hasMessageContaining("processDefinitionId is null"));
    }

    /** THREADS instances wait at a user task; the cache is emptied; all tasks are completed at once. */
    private static List<Throwable> signAtOnce(boolean whole, String name) throws Exception {
        SlowCacheFactory caches = new SlowCacheFactory();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration
                .setJdbcUrl("jdbc:h2:mem:whole-definitions-" + name + ";DB_CLOSE_DELAY=-1")
                .setJobExecutorActivate(false)
                .setHistory("none")
                .setEnforceHistoryTimeToLive(false)
                .setProcessEngineName("whole-definitions-" + name);
        configuration.setCacheFactory(caches);
        if (whole) {
            configuration.setProcessEnginePlugins(new ArrayList<>(List.of(new WholeDefinitions())));
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            BpmnModelInstance model = Bpmn.createExecutableProcess("signing")
                    .camundaHistoryTimeToLive(1)
                    .startEvent()
                    .userTask("sign")
                    .serviceTask("issue")
                    .camundaAsyncBefore()
                    .camundaExpression("${true}")
                    .endEvent()
                    .done();
            engine.getRepositoryService()
                    .createDeployment()
                    .addModelInstance("signing.bpmn", model)
                    .deploy();
            for (int i = 0; i < THREADS; i++) {
                engine.getRuntimeService().startProcessInstanceByKey("signing");
            }
            List<String> tasks = engine.getTaskService().createTaskQuery().list().stream()
                    .map(t -> t.getId())
                    .toList();
            // as on a node that has not used the definition since its start
            ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                    .getDeploymentCache()
                    .discardProcessDefinitionCache();
            caches.slow.set(true);

            // the first completion loads the definition; the others come while it is loading
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Future<?>> done = new ArrayList<>();
            for (String task : tasks) {
                boolean first = done.isEmpty();
                done.add(pool.submit(() -> {
                    if (!first) {
                        caches.loading.await();
                    }
                    try {
                        engine.getTaskService().complete(task);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            if (failures.isEmpty()) {
                // the behaviour that matters: each issue job knows its definition and runs
                List<Job> jobs = engine.getManagementService().createJobQuery().list();
                assertThat(jobs).hasSize(THREADS).allSatisfy(j -> {
                    assertThat(j.getProcessDefinitionKey()).isEqualTo("signing");
                    assertThat(j.getJobDefinitionId()).isNotNull();
                });
                jobs.forEach(j -> engine.getManagementService().executeJob(j.getId()));
                assertThat(engine.getRuntimeService()
                                .createProcessInstanceQuery()
                                .count())
                        .isZero();
            }
            return List.copyOf(failures);
        } finally {
            pool.shutdownNow();
            engine.close();
        }
    }

    /** Holds a process definition's load open for a while just after it enters the cache. */
    static final class SlowCacheFactory implements CacheFactory {
        final AtomicBoolean slow = new AtomicBoolean();
        /** Open once a definition is in the cache and its load not yet ended. */
        final CountDownLatch loading = new CountDownLatch(1);

        private final CacheFactory real = new DefaultCacheFactory();

        @Override
        public <T> Cache<String, T> createCache(int capacity) {
            Cache<String, T> cache = real.createCache(capacity);
            return new Cache<>() {
                @Override
                public T get(String key) {
                    return cache.get(key);
                }

                @Override
                public void put(String key, T value) {
                    cache.put(key, value);
                    if (slow.get() && value instanceof ProcessDefinitionEntity) {
                        loading.countDown();
                        try {
                            Thread.sleep(300);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }

                @Override
                public void clear() {
                    cache.clear();
                }

                @Override
                public void remove(String key) {
                    cache.remove(key);
                }

                @Override
                public Set<String> keySet() {
                    return cache.keySet();
                }

                @Override
                public int size() {
                    return cache.size();
                }

                @Override
                public boolean isEmpty() {
                    return cache.isEmpty();
                }
            };
        }
    }
}

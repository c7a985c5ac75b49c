package vn.vanthu.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The baseline of lifecycle.docs-per-s: a bare Camunda engine (in-memory H2, same history level
 * and job executor pool as the app) running a process of the same shape as documentIssuance,
 * with no-op service tasks: review (group) → gateway → sign (assignee, with a non-interrupting
 * reminder timer) → gateway → async issue → parallel split → one async job per recipient
 * (parallel multi-instance) and a far-away reminder timer → join.
 */
public final class BareEngine implements AutoCloseable {

    /** Per process instance, how many no-op "send" jobs have run. */
    final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    /** Per process instance, System.nanoTime() of its latest send job. */
    final Map<String, Long> lastSent = new ConcurrentHashMap<>();

    final ProcessEngine engine;

    BareEngine(String historyLevel) {
        this(historyLevel, "jdbc:h2:mem:bench-bare;DB_CLOSE_DELAY=-1");
    }

    /** The same engine on the given database (lifecycle's second baseline: an H2 file as durable as the app's). */
    BareEngine(String historyLevel, String jdbcUrl) {
        StandaloneInMemProcessEngineConfiguration config = new StandaloneInMemProcessEngineConfiguration();
        config.setProcessEngineName("bench-bare-" + Math.abs(jdbcUrl.hashCode()));
        config.setJdbcUrl(jdbcUrl);
        config.setDatabaseSchemaUpdate("true");
        config.setHistory(historyLevel);
        config.setEnforceHistoryTimeToLive(false);
        config.setJdbcMaxActiveConnections(30);
        DefaultJobExecutor jobs = new DefaultJobExecutor();
        jobs.setCorePoolSize(4);
        jobs.setMaxPoolSize(8);
        jobs.setQueueSize(16);
        jobs.setWaitTimeInMillis(1000);
        jobs.setMaxWait(5000);
        jobs.setLockTimeInMillis(40000);
        config.setJobExecutor(jobs);
        config.setJobExecutorActivate(true);
        Map<Object, Object> beans = new HashMap<>();
        beans.put("bench", this);
        config.setBeans(beans);
        engine = config.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance("bare-issuance.bpmn", model())
                .deploy();
    }

    /** Called by each no-op send job. */
    public void sent(DelegateExecution execution) {
        lastSent.merge(execution.getProcessInstanceId(), System.nanoTime(), Math::max);
        sent.computeIfAbsent(execution.getProcessInstanceId(), k -> new AtomicInteger())
                .incrementAndGet();
    }

    static BpmnModelInstance model() {
        return Bpmn.createExecutableProcess("bareIssuance")
                .camundaHistoryTimeToLive(3650)
                .startEvent("submitted")
                .userTask("review")
                .camundaCandidateGroups("reviewers")
                .exclusiveGateway("reviewDecision")
                .condition("approve", "${reviewDecision == 'approve'}")
                .userTask("sign")
                .camundaAssignee("${signer}")
                .boundaryEvent("signingOverdue")
                .cancelActivity(false)
                .timerWithDuration("P1D")
                .serviceTask("remindSigner")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .endEvent("reminded")
                .moveToActivity("sign")
                .exclusiveGateway("signDecision")
                .condition("sign", "${signDecision == 'sign'}")
                .serviceTask("issue")
                .camundaAsyncBefore()
                .camundaExpression("${true}")
                .parallelGateway("fanOut")
                .serviceTask("send")
                .camundaExpression("${bench.sent(execution)}")
                .multiInstance()
                .parallel()
                .cardinality("${recipientCount}")
                .camundaAsyncBefore()
                .multiInstanceDone()
                .parallelGateway("allSent")
                .endEvent("issued")
                .moveToNode("fanOut")
                .intermediateCatchEvent("meetingReminderDue")
                .timerWithDate("2099-01-01T00:00:00")
                .connectTo("allSent")
                .moveToNode("reviewDecision")
                .condition("return", "${reviewDecision == 'return'}")
                .endEvent("returned")
                .moveToNode("signDecision")
                .condition("reject", "${signDecision == 'reject'}")
                .endEvent("rejected")
                .done();
    }

    /** One document as a client drives it: start, review, sign; the send jobs run in the background. */
    String startOne(String businessKey, int recipients) {
        String instance = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        "bareIssuance",
                        businessKey,
                        Map.of(
                                Variables.DOCUMENT_ID.name(),
                                businessKey,
                                Variables.DRAFTER.name(),
                                "chuyenvien",
                                Variables.SIGNER.name(),
                                "bithu",
                                Variables.RECIPIENT_COUNT.name(),
                                recipients))
                .getId();
        Task review = engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(vn.vanthu.workflow.DocumentIssuanceProcess.Kind.REVIEW.wire())
                .singleResult();
        engine.getTaskService()
                .complete(
                        review.getId(),
                        Map.of(
                                vn.vanthu.workflow.DocumentIssuanceProcess.Kind.REVIEW
                                        .decisionVariable()
                                        .name(),
                                Decision.APPROVE.wire()));
        Task sign = engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instance)
                .taskDefinitionKey(vn.vanthu.workflow.DocumentIssuanceProcess.Kind.SIGN.wire())
                .singleResult();
        engine.getTaskService()
                .complete(
                        sign.getId(),
                        Map.of(
                                vn.vanthu.workflow.DocumentIssuanceProcess.Kind.SIGN
                                        .decisionVariable()
                                        .name(),
                                Decision.SIGN.wire()));
        return instance;
    }

    interface Clients {
        void run(int documents, DocumentTask task) throws Exception;
    }

    interface DocumentTask {
        void run(int n) throws Exception;
    }

    /**
     * Documents per second, measured as for the app: the clients start and sign documents, and the
     * clock stops when the last no-op send job of the last document has run.
     */
    double run(int documents, int recipients, Clients clients) throws Exception {
        Set<String> instances = ConcurrentHashMap.newKeySet();
        long t0 = System.nanoTime();
        clients.run(documents, n -> instances.add(startOne("d" + UUID.randomUUID(), recipients)));
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (!instances.stream()
                .allMatch(i -> sent.containsKey(i) && sent.get(i).get() >= recipients)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bare engine: not every send job ran");
            }
            Thread.sleep(5);
        }
        long end = instances.stream().mapToLong(i -> lastSent.get(i)).max().orElseThrow();
        return documents / ((end - t0) / 1e9);
    }

    @Override
    public void close() {
        engine.close();
    }
}

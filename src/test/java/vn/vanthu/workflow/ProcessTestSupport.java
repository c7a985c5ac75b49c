package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import vn.vanthu.document.DocumentService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;
import vn.vanthu.workflow.engine.TaskKindParseListener;

/**
 * A bare in-memory engine for the process tests (no Spring, no job executor: the test runs each
 * job), the task kinds' parse listener as in the application, and the Spring beans the BPMN names
 * replaced by recorders.
 */
abstract class ProcessTestSupport {

    static final class Engine {
        static final ProcessEngine INSTANCE = build();

        private static ProcessEngine build() {
            StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
            configuration
                    .setJdbcUrl("jdbc:h2:mem:process-test;DB_CLOSE_DELAY=-1")
                    .setJobExecutorActivate(false)
                    .setHistory("audit")
                    .setEnforceHistoryTimeToLive(false)
                    .setExpressionManager(new MockExpressionManager());
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>(List.of(new TaskKindParseListener())));
            return configuration.buildProcessEngine();
        }
    }

    /**
     * Each test class registers its own (the extension forgets its engine after a class):
     * {@code @RegisterExtension static ProcessEngineExtension extension = engineExtension();}
     */
    static ProcessEngineExtension engineExtension() {
        return ProcessEngineExtension.builder()
                .useProcessEngine(Engine.INSTANCE)
                .build();
    }

    /** The extension injects its engine here, Engine.INSTANCE. */
    ProcessEngine processEngine;

    /** Stands in for vn.vanthu.workflow.DocumentStatusListener. */
    public static class StatusRecorder {
        public final List<String> statuses = new ArrayList<>();

        public void mark(DelegateExecution execution, String status) {
            statuses.add(status);
        }
    }

    /** Stands in for DistributionSettings. */
    public static class RetrySettings {
        public String getRetryCycle() {
            return "PT1M,PT5M";
        }
    }

    /** Stands in for the deadlines bean: a review or consult task is due in two days. */
    public static class Deadlines {
        public Date byUrgency(DelegateExecution execution) {
            return new Date(
                    ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis());
        }
    }

    /** Stands in for DocumentService: the listener writes the decisions' history lines into it. */
    final DocumentService history = mock(DocumentService.class);

    final StatusRecorder status = new StatusRecorder();
    final List<Integer> sent = new ArrayList<>();
    final List<String> reminded = new ArrayList<>();
    final List<Integer> meetingReminders = new ArrayList<>();
    int issued;
    Date reminderAt;

    @BeforeEach
    void registerBeans() {
        processEngine = Engine.INSTANCE;
        init(processEngine);
        Mocks.register("documentStatus", status);
        Mocks.register("workflowSettings", new WorkflowSettings(Duration.ofDays(1), Duration.ofDays(1)));
        Mocks.register("distributionSettings", new RetrySettings());
        Mocks.register("deadlines", new Deadlines());
        Mocks.register("issueDocument", (JavaDelegate) execution -> {
            issued++;
            Variables.RECIPIENT_COUNT.set(execution, 3);
            Variables.REMINDER_AT.set(execution, reminderAt);
        });
        Mocks.register("sendMeetingReminder", (JavaDelegate)
                execution -> meetingReminders.add(Variables.LOOP_COUNTER.get(execution)));
        Mocks.register("sendDocument", (JavaDelegate) execution -> sent.add(Variables.LOOP_COUNTER.get(execution)));
        Mocks.register("remindSigner", (JavaDelegate) execution -> reminded.add(Variables.SIGNER.get(execution)));
        Mocks.register("taskDecisions", new TaskDecisionListener(history));
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    /** The variables a task's completion sets: its decision variable with the decision's wire value. */
    static Map<String, Object> decide(Kind kind, Decision decision) {
        return withVariables(kind.decisionVariable().name(), decision.wire());
    }

    /** A return or a rejection, with its reason. */
    static Map<String, Object> decide(Kind kind, Decision decision, String comment) {
        return withVariables(kind.decisionVariable().name(), decision.wire(), Variables.COMMENT.name(), comment);
    }

    /** "sign" as DocumentWorkflow completes it, after LeaderSignature (the only way the listener lets it through). */
    static void signThroughWorkflow(ProcessInstance pi) {
        String taskId = task(pi).getId();
        TaskDecisionListener.throughWorkflow(taskId, "bithu", null, () -> {
            complete(task(pi), decide(Kind.SIGN, Decision.SIGN));
            return null;
        });
    }

    /** "sign" by a leader whose key a remote signing service holds: the digest went out, the process waits. */
    static void signRemotelyThroughWorkflow(ProcessInstance pi) {
        String taskId = task(pi).getId();
        TaskDecisionListener.throughWorkflow(taskId, "bithu", null, true, () -> {
            complete(task(pi), decide(Kind.SIGN, Decision.SIGN));
            return null;
        });
    }

    /** A route started as DocumentWorkflow starts it, for document 42. */
    static ProcessInstance submit(String routeKey) {
        return runtimeService()
                .startProcessInstanceByKey(routeKey, "42", Variables.atSubmit(42L, "chuyenvien", "bithu"));
    }

    /** The documentIssuing instance the route's call activity runs now. */
    static ProcessInstance tail(ProcessInstance route) {
        ProcessInstance tail = runtimeService()
                .createProcessInstanceQuery()
                .superProcessInstanceId(route.getId())
                .singleResult();
        assertThat(tail).as("documentIssuing called by " + route.getId()).isNotNull();
        assertThat(tail.getBusinessKey()).isEqualTo(route.getBusinessKey());
        return tail;
    }

    /** Signed: the tail issues in its own job, then sends one email per recipient; returns the tail. */
    ProcessInstance issueAndSend(ProcessInstance route) {
        ProcessInstance tail = tail(route);
        assertThat(issued).isZero();
        execute(jobQuery().processInstanceId(tail.getId()).singleResult());
        assertThat(issued).isEqualTo(1);
        List<Job> sends = jobQuery().processInstanceId(tail.getId()).list();
        assertThat(sends).hasSize(3);
        sends.forEach(j -> execute(j));
        assertThat(sent).containsExactlyInAnyOrder(0, 1, 2);
        return tail;
    }
}

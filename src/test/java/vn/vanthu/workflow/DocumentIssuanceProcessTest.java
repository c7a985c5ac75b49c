package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

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
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.DocumentService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.DeliveryRetry;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * Every path of bpmn/document-issuance.bpmn on a bare in-memory engine, with the Spring beans the
 * BPMN names replaced by recorders: the flow, the assignments, the statuses it sets, the async
 * boundaries and the signer reminder timer.
 */
@Deployment(resources = {"bpmn/document-issuance.bpmn", "bpmn/document-recall.bpmn", "bpmn/delivery-retry.bpmn"})
class DocumentIssuanceProcessTest {

    /** A bare engine: no Spring, no job executor (the test runs each job), Spring beans as mocks. */
    static final class Engine {
        static final ProcessEngine INSTANCE = new StandaloneInMemProcessEngineConfiguration()
                .setJdbcUrl("jdbc:h2:mem:process-test;DB_CLOSE_DELAY=-1")
                .setJobExecutorActivate(false)
                .setHistory("audit")
                .setEnforceHistoryTimeToLive(false)
                .setExpressionManager(new MockExpressionManager())
                .buildProcessEngine();
    }

    @RegisterExtension
    static ProcessEngineExtension extension =
            ProcessEngineExtension.builder().useProcessEngine(Engine.INSTANCE).build();

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
        init(processEngine);
        Mocks.register("documentStatus", status);
        Mocks.register("workflowSettings", new WorkflowSettings(Duration.ofDays(1), Duration.ofDays(1)));
        Mocks.register("distributionSettings", new RetrySettings());
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

    @Test
    void theRecallProcessNotifiesEveryRecipientInItsOwnJob() {
        List<Integer> notices = new ArrayList<>();
        Mocks.register(
                "sendRecallNotice", (JavaDelegate) execution -> notices.add(Variables.LOOP_COUNTER.get(execution)));
        ProcessInstance pi = runtimeService().startProcessInstanceByKey(Recall.KEY, "42", Variables.atRecall(42L, 3));
        assertThat(notices).isEmpty();
        jobQuery().processInstanceId(pi.getId()).list().forEach(j -> execute(j));
        assertThat(notices).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(pi).isEnded();
    }

    @Test
    void theDeliveryRetryProcessSendsOnceInItsOwnJob() {
        List<String> resent = new ArrayList<>();
        Mocks.register("resendDelivery", (JavaDelegate)
                execution -> resent.add(Variables.KIND.get(execution) + "/" + Variables.POSITION.get(execution)));
        ProcessInstance pi =
                runtimeService().startProcessInstanceByKey(DeliveryRetry.KEY, "42", Variables.atRetry(42L, "ISSUE", 2));
        assertThat(pi).isWaitingAt(Elements.RESEND);
        execute(job(pi));
        assertThat(resent).containsExactly("ISSUE/2");
        assertThat(pi).isEnded();
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
    }

    /** The variables a task's completion sets: its decision variable with the decision's wire value. */
    static Map<String, Object> decide(Kind task, Decision decision) {
        return withVariables(task.decisionVariable().name(), decision.wire());
    }

    /** A return or a rejection, with its reason. */
    static Map<String, Object> decide(Kind task, Decision decision, String comment) {
        return withVariables(task.decisionVariable().name(), decision.wire(), Variables.COMMENT.name(), comment);
    }

    /** "sign" as DocumentWorkflow completes it, after LeaderSignature (the only way the listener lets it through). */
    static void signThroughWorkflow(ProcessInstance pi) {
        String taskId = task(pi).getId();
        TaskDecisionListener.throughWorkflow(taskId, "bithu", null, () -> {
            complete(task(pi), decide(Kind.SIGN, Decision.SIGN));
            return null;
        });
    }

    ProcessInstance submit() {
        return runtimeService()
                .startProcessInstanceByKey(
                        DocumentIssuanceProcess.KEY, "42", Variables.atSubmit(42L, "chuyenvien", "bithu"));
    }

    @Test
    void approvedAndSignedDocumentIsIssuedAndSentToEveryRecipientInItsOwnJob() {
        ProcessInstance pi = submit();
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        assertThat(task(pi)).hasCandidateGroup(Groups.REVIEWERS);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));

        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu").hasDueDate(task(pi).getDueDate());
        signThroughWorkflow(pi);

        // issuing waits for its own job: the signer's transaction has committed before it runs
        assertThat(pi).isWaitingAt(Elements.ISSUE);
        assertThat(issued).isZero();
        execute(job(pi));
        assertThat(issued).isEqualTo(1);

        List<Job> sends = jobQuery().processInstanceId(pi.getId()).list();
        assertThat(sends).hasSize(3);
        sends.forEach(j -> execute(j));
        assertThat(sent).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(pi)
                .hasPassed(Elements.ISSUE, Elements.SEND_DOCUMENT, Elements.REMINDER_DONE)
                .hasNotPassed(Elements.AWAIT_REMINDER)
                .isEnded()
                .hasPassed(Elements.ISSUED);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE");
    }

    /** What IssueDocumentDelegate does when DocumentIssuer refuses: the BPMN error, with whose process it is. */
    void refuseIssuing(boolean documentsOwnProcess) {
        Mocks.register("issueDocument", (JavaDelegate) execution -> {
            Variables.DOCUMENTS_OWN_PROCESS.set(execution, documentsOwnProcess);
            throw new org.camunda.bpm.engine.delegate.BpmnError(
                    DocumentIssuanceProcess.Errors.ISSUE_REFUSED, "chưa ký phiên bản này");
        });
    }

    @Test
    void aRefusedIssueGoesBackToTheSignerNotToAnIncident() {
        refuseIssuing(true);
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        execute(job(pi));
        // the document has somebody holding it again: its signer, with a new sign task
        assertThat(pi)
                .hasPassed(Elements.ISSUE_REFUSED, Elements.ISSUE_REFUSED_GATEWAY)
                .isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu");
        assertThat(runtimeService()
                        .createIncidentQuery()
                        .processInstanceId(pi.getId())
                        .count())
                .isZero();
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE", "AWAITING_SIGNATURE");
        // signed properly this time, it is issued
        registerBeans();
        signThroughWorkflow(pi);
        execute(job(pi));
        assertThat(issued).isEqualTo(1);
    }

    /**
     * What IssueDocumentDelegate does when issuing itself fails (an HSM gone, a disk full): the job
     * fails and is retried, and on its last attempt (LastAttempt, the real one) the failure becomes
     * the issueFailed error.
     */
    void failIssuing() {
        Mocks.register("issueDocument", (JavaDelegate) execution -> {
            if (LastAttempt.of(execution)) {
                throw new org.camunda.bpm.engine.delegate.BpmnError(
                        DocumentIssuanceProcess.Errors.ISSUE_FAILED,
                        "IllegalStateException: thiết bị ký số không trả lời");
            }
            throw new IllegalStateException("thiết bị ký số không trả lời");
        });
    }

    /** Runs the issue job until it stops failing or is gone; returns how many times it ran. */
    int runIssueJobUntilItSettles(ProcessInstance pi) {
        int runs = 0;
        for (Job job = issueJob(pi); job != null && runs < 10; job = issueJob(pi)) {
            runs++;
            try {
                managementService().executeJob(job.getId());
            } catch (IllegalStateException expected) {
                // the engine decrements the retries and schedules the next attempt
            }
        }
        return runs;
    }

    Job issueJob(ProcessInstance pi) {
        return jobQuery()
                .processInstanceId(pi.getId())
                .activityId(Elements.ISSUE)
                .singleResult();
    }

    ProcessInstance signedAndFailingToIssue() {
        failIssuing();
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        // R5/PT1M in the BPMN: the first run and five retries' worth of attempts, then the clerks
        assertThat(runIssueJobUntilItSettles(pi)).isEqualTo(5);
        return pi;
    }

    @Test
    void anIssueThatKeepsFailingGoesToTheClerksWithItsErrorNotToAnIncident() {
        ProcessInstance pi = signedAndFailingToIssue();
        assertThat(pi)
                .hasPassed(Elements.ISSUE_FAILED)
                .isWaitingAt(Elements.RESOLVE_ISSUE_FAILURE)
                .variables()
                .containsEntry(Variables.ISSUE_ERROR.name(), "IllegalStateException: thiết bị ký số không trả lời");
        assertThat(task(pi)).hasCandidateGroup(Groups.CLERKS).isNotAssigned();
        assertThat(runtimeService()
                        .createIncidentQuery()
                        .processInstanceId(pi.getId())
                        .count())
                .isZero();
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE", "ISSUE_FAILED");
        assertThat(issued).isZero();
    }

    @Test
    void theClerkIssuesAgainOnceTheFaultIsMended() {
        ProcessInstance pi = signedAndFailingToIssue();
        registerBeans(); // the HSM is back
        complete(task(pi), decide(Kind.RESOLVE_ISSUE_FAILURE, Decision.RETRY_ISSUE));
        assertThat(pi).hasPassed(Elements.RESOLVE_ISSUE_FAILURE_GATEWAY).isWaitingAt(Elements.ISSUE);
        execute(job(pi));
        assertThat(issued).isEqualTo(1);
        jobQuery().processInstanceId(pi.getId()).list().forEach(j -> execute(j));
        assertThat(pi).isEnded().hasPassed(Elements.ISSUED);
        assertThat(sent).containsExactlyInAnyOrder(0, 1, 2);
        verify(history).record(42L, "system", Decision.RETRY_ISSUE.event(), null);
    }

    @Test
    void theClerkReturnsADraftThatCannotBeIssuedToItsDrafterWithTheReason() {
        ProcessInstance pi = signedAndFailingToIssue();
        assertThatThrownBy(() -> complete(task(pi), decide(Kind.RESOLVE_ISSUE_FAILURE, Decision.RETURN)))
                .hasMessageContaining("lý do");
        complete(
                task(pi), decide(Kind.RESOLVE_ISSUE_FAILURE, Decision.RETURN, "Nội dung có ký tự điều khiển, sửa lại"));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        assertThat(task(pi)).isAssignedTo("chuyenvien");
        assertThat(status.statuses).endsWith("ISSUE_FAILED", "RETURNED");
        assertThat(issued).isZero();
    }

    @Test
    void aProcessThatIsNotTheDocumentsOwnEndsWithoutIssuing() {
        refuseIssuing(false);
        // as Camunda's REST API could start one, straight at "issue"
        ProcessInstance pi = runtimeService()
                .createProcessInstanceByKey(DocumentIssuanceProcess.KEY)
                .businessKey("42")
                .startBeforeActivity(Elements.ISSUE)
                .setVariables(Variables.atSubmit(42L, "chuyenvien", "bithu"))
                .execute();
        execute(job(pi));
        assertThat(pi)
                .hasPassed(Elements.ISSUE_REFUSED)
                .isEnded()
                .hasPassed(Elements.NOT_ISSUED)
                .hasNotPassed(Elements.SEND_DOCUMENT, Elements.ISSUED);
        assertThat(issued).isZero();
    }

    @Test
    void returnedByReviewerGoesToTheDrafterAndBackToReviewAfterResubmit() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Bổ sung thành phần."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        assertThat(task(pi)).isAssignedTo("chuyenvien");

        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "RETURNED", "IN_REVIEW", "AWAITING_SIGNATURE");
    }

    @Test
    void returnedBySignerGoesToTheDrafter() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(pi), decide(Kind.SIGN, Decision.RETURN, "Làm rõ mục 2."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        assertThat(task(pi)).isAssignedTo("chuyenvien");
        assertThat(issued).isZero();
    }

    @Test
    void rejectedBySignerEndsWithoutIssuing() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(pi), decide(Kind.SIGN, Decision.REJECT, "Không tổ chức."));
        assertThat(pi).isEnded().hasPassed(Elements.REJECTED).hasNotPassed(Elements.ISSUE);
        assertThat(status.statuses).endsWith("REJECTED");
        assertThat(issued).isZero();
    }

    @Test
    void withdrawnByDrafterEnds() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Bổ sung thành phần."));
        complete(task(pi), decide(Kind.REVISE, Decision.WITHDRAW));
        assertThat(pi).isEnded().hasPassed(Elements.WITHDRAWN).hasNotPassed(Elements.SIGN);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "RETURNED", "WITHDRAWN");
    }

    @Test
    void signerWhoWaitsLongerThanTheReminderDurationIsRemindedOnceAndTheTaskStays() {
        ClockUtil.setCurrentTime(new Date());
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        Job timer = jobQuery().timers().activityId(Elements.SIGNING_OVERDUE).singleResult();
        assertThat(timer).isNotNull();
        long waited = timer.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime();
        assertThat(waited)
                .isBetween(
                        Duration.ofDays(1).toMillis() - 5_000,
                        Duration.ofDays(1).toMillis() + 5_000);

        ClockUtil.setCurrentTime(new Date(timer.getDuedate().getTime() + 1_000));
        execute(timer);
        assertThat(reminded).isEmpty(); // the reminder email is its own async job
        execute(jobQuery().activityId(Elements.REMIND_SIGNER).singleResult());
        assertThat(reminded).containsExactly("bithu");

        // the non-interrupting timer leaves the signer's task open, and no second timer waits
        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(jobQuery().timers().count()).isZero();
        signThroughWorkflow(pi);
        assertThat(pi).isWaitingAt(Elements.ISSUE);
    }

    @Test
    void signingBeforeTheReminderCancelsTheTimer() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        assertThat(jobQuery().timers().count()).isEqualTo(1);
        signThroughWorkflow(pi);
        assertThat(jobQuery().timers().count()).isZero();
        assertThat(reminded).isEmpty();
        assertThat(pi).isWaitingAt(Elements.ISSUE);
    }

    @Test
    void aFailingEmailIsRetriedOnTheConfiguredIntervals() {
        Mocks.register("sendDocument", (JavaDelegate) execution -> {
            throw new IllegalStateException("SMTP down");
        });
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        execute(job(pi));
        Job send = jobQuery().processInstanceId(pi.getId()).list().get(0);
        try {
            processEngine.getManagementService().executeJob(send.getId());
        } catch (RuntimeException expected) {
            // the engine records the failure and schedules the retry
        }
        Job retried = jobQuery().jobId(send.getId()).singleResult();
        // "PT1M,PT5M": two retries after the first failure, the first one a minute later
        assertThat(retried.getRetries()).isEqualTo(2);
        assertThat(retried.getDuedate())
                .isAfter(new Date(ClockUtil.getCurrentTime().getTime() + 50_000));
        assertThat(pi).isWaitingAt(Elements.SEND_DOCUMENT);
        assertThat(jobQuery().processInstanceId(pi.getId()).count()).isEqualTo(3);
    }

    ProcessInstance issuedInvitation() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        execute(job(pi));
        return pi;
    }

    @Test
    void inviteesAreRemindedWhenTheReminderTimeComesAndTheProcessEndsAfterBothBranches() {
        reminderAt = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis());
        ProcessInstance pi = issuedInvitation();
        assertThat(pi).isWaitingAt(Elements.SEND_DOCUMENT, Elements.AWAIT_REMINDER);
        Job timer = jobQuery().processInstanceId(pi.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(reminderAt);
        jobQuery().processInstanceId(pi.getId()).messages().list().forEach(j -> execute(j));
        assertThat(sent).hasSize(3);
        assertThat(pi).isNotEnded();

        execute(timer);
        jobQuery().processInstanceId(pi.getId()).list().forEach(j -> execute(j));
        assertThat(meetingReminders).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(pi).hasPassed(Elements.SEND_MEETING_REMINDER).isEnded();
    }

    @Test
    void noReminderWhenItsMomentHasPassed() {
        reminderAt = null;
        ProcessInstance pi = issuedInvitation();
        assertThat(jobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
        jobQuery().processInstanceId(pi.getId()).list().forEach(j -> execute(j));
        assertThat(pi)
                .isEnded()
                .hasPassed(Elements.REMINDER_DONE)
                .hasNotPassed(Elements.AWAIT_REMINDER, Elements.SEND_MEETING_REMINDER);
    }

    @Test
    void aRecallCancelsTheWaitingReminder() {
        reminderAt = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis());
        ProcessInstance pi = issuedInvitation();
        jobQuery().processInstanceId(pi.getId()).messages().list().forEach(j -> execute(j));
        runtimeService()
                .createMessageCorrelation(Messages.DOCUMENT_RECALLED)
                .processInstanceBusinessKey("42")
                .correlateAll();
        assertThat(jobQuery().processInstanceId(pi.getId()).timers().count()).isZero();
        assertThat(pi)
                .isEnded()
                .hasPassed(Elements.RECALLED_BEFORE_MEETING)
                .hasNotPassed(Elements.SEND_MEETING_REMINDER);
        assertThat(meetingReminders).isEmpty();
    }

    // ---------------------------------------------------------------- TaskDecisionListener

    @Test
    void signingStraightThroughTheEngineIsRefusedAndTheTaskStays() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        String sign = task(pi).getId();
        // what an admin could send through Camunda's REST API: no LeaderSignature, no PIN
        assertThatThrownBy(() ->
                        taskService().complete(sign, Map.of(Variables.SIGN_DECISION.name(), Decision.SIGN.wire())))
                .hasMessageContaining("mã PIN");
        assertThat(pi).isWaitingAt(Elements.SIGN).hasNotPassed(Elements.ISSUE);
        assertThat(issued).isZero();
        verify(history, never())
                .record(any(), anyString(), org.mockito.ArgumentMatchers.eq(Decision.SIGN.event()), any());
    }

    @Test
    void aReturnOrRejectionWithoutItsReasonIsRefusedWhicheverWay() {
        ProcessInstance pi = submit();
        String review = task(pi).getId();
        assertThatThrownBy(() -> taskService()
                        .complete(review, Map.of(Variables.REVIEW_DECISION.name(), Decision.RETURN.wire())))
                .hasMessageContaining("lý do");
        assertThatThrownBy(() -> taskService()
                        .complete(
                                review,
                                Map.of(
                                        Variables.REVIEW_DECISION.name(),
                                        Decision.RETURN.wire(),
                                        Variables.COMMENT.name(),
                                        "   ")))
                .hasMessageContaining("lý do");
        assertThat(pi).isWaitingAt(Elements.REVIEW);

        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        String sign = task(pi).getId();
        assertThatThrownBy(() ->
                        taskService().complete(sign, Map.of(Variables.SIGN_DECISION.name(), Decision.REJECT.wire())))
                .hasMessageContaining("lý do");
        assertThat(pi).isWaitingAt(Elements.SIGN);
    }

    @Test
    void aMissingOrUnknownDecisionIsRefused() {
        ProcessInstance pi = submit();
        String review = task(pi).getId();
        assertThatThrownBy(() -> taskService().complete(review)).hasMessageContaining(Variables.REVIEW_DECISION.name());
        // a decision of another task is not this task's
        assertThatThrownBy(() ->
                        taskService().complete(review, Map.of(Variables.REVIEW_DECISION.name(), Decision.SIGN.wire())))
                .hasMessageContaining(Variables.REVIEW_DECISION.name());
        assertThatThrownBy(() -> taskService().complete(review, Map.of(Variables.REVIEW_DECISION.name(), 1)))
                .hasMessageContaining(Variables.REVIEW_DECISION.name());
        assertThat(pi).isWaitingAt(Elements.REVIEW);
    }

    @Test
    void aDecisionLeftFromAnEarlierRoundDoesNotStandInForAMissingOne() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Sửa lại."));
        // the reason went into the history; it is not kept for a later task to find
        assertThat(runtimeService().getVariable(pi.getId(), Variables.COMMENT.name()))
                .isNull();
        verify(history).record(42L, "system", Decision.RETURN.event(), "Sửa lại.");
        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        String secondReview = task(pi).getId();
        // reviewDecision was "return" after the first round; the new review task cleared it
        assertThatThrownBy(() -> taskService().complete(secondReview))
                .hasMessageContaining(Variables.REVIEW_DECISION.name());
        assertThat(pi).isWaitingAt(Elements.REVIEW);
    }

    @Test
    void aCompletionOutsideVanThuIsRecordedWithItsReasonUnderTheEnginesUser() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        processEngine.getIdentityService().setAuthenticatedUserId("admin");
        try {
            complete(task(pi), decide(Kind.SIGN, Decision.REJECT, "  Không tổ chức hội nghị.  "));
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        assertThat(pi).isEnded().hasPassed(Elements.REJECTED);
        verify(history).record(42L, "system", Decision.APPROVE.event(), null);
        verify(history).record(42L, "admin", Decision.REJECT.event(), "Không tổ chức hội nghị.");
    }

    @Test
    void aCompletionThroughDocumentWorkflowIsRecordedOnceUnderTheCaller() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        verify(history).record(42L, "bithu", Decision.SIGN.event(), null);
        assertThat(pi).isWaitingAt(Elements.ISSUE);
    }

    /** "sign" by a leader whose key a remote signing service holds: the digest went out, the process waits. */
    static void signRemotelyThroughWorkflow(ProcessInstance pi) {
        String taskId = task(pi).getId();
        TaskDecisionListener.throughWorkflow(taskId, "bithu", null, true, () -> {
            complete(task(pi), decide(Kind.SIGN, Decision.SIGN));
            return null;
        });
    }

    /** The poll's answers, in order: "pending", "signed" or "refused". */
    final List<String> pollAnswers = new ArrayList<>();

    int polls;

    ProcessInstance waitingOnThePhone() {
        Mocks.register(
                "remoteSigningSettings",
                new RemoteSignatureDelegates.Settings(new vn.vanthu.signing.RemoteSigningProperties(
                        List.of("bithu"),
                        java.net.URI.create("http://localhost:1"),
                        null,
                        Duration.ofSeconds(5),
                        List.of(Duration.ofSeconds(10)),
                        null,
                        null)));
        Mocks.register("checkRemoteSignature", (JavaDelegate) execution -> {
            String answer = pollAnswers.get(polls++);
            if (answer.equals("refused")) {
                throw new org.camunda.bpm.engine.delegate.BpmnError(
                        DocumentIssuanceProcess.Errors.REMOTE_SIGNATURE_REFUSED);
            }
            Variables.REMOTE_SIGNED.set(execution, answer.equals("signed"));
        });
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signRemotelyThroughWorkflow(pi);
        return pi;
    }

    /** The poll timer fires, then the poll's own (async) job runs. */
    void poll(ProcessInstance pi) {
        // an event-based gateway waits itself, with the poll timer and the cancel message armed
        assertThat(pi).isWaitingAt(Elements.AWAIT_REMOTE_SIGNATURE);
        execute(job(Elements.REMOTE_SIGNATURE_POLL_DUE, pi));
        execute(job(Elements.CHECK_REMOTE_SIGNATURE, pi));
    }

    @Test
    void aRemoteSignatureWaitsPollingUntilItArrivesThenIssues() {
        pollAnswers.addAll(List.of("pending", "pending", "signed"));
        ProcessInstance pi = waitingOnThePhone();
        // no SIGNED entry yet: it is recorded when the signature arrives
        verify(history, never())
                .record(any(), anyString(), org.mockito.ArgumentMatchers.eq(Decision.SIGN.event()), any());
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE", "AWAITING_REMOTE_SIGNATURE");
        assertThat(pi).isWaitingAt(Elements.AWAIT_REMOTE_SIGNATURE);
        assertThat(runtimeService()
                        .createEventSubscriptionQuery()
                        .processInstanceId(pi.getId())
                        .eventName(Messages.REMOTE_SIGNATURE_CANCELLED)
                        .count())
                .isEqualTo(1);
        poll(pi);
        poll(pi);
        assertThat(issued).isZero();
        poll(pi);
        assertThat(pi).isWaitingAt(Elements.ISSUE);
        execute(job(pi));
        assertThat(issued).isEqualTo(1);
        assertThat(polls).isEqualTo(3);
    }

    @Test
    void aRefusedRemoteSignatureGoesBackToTheSignTask() {
        pollAnswers.addAll(List.of("pending", "refused"));
        ProcessInstance pi = waitingOnThePhone();
        poll(pi);
        poll(pi);
        assertThat(pi).isWaitingAt(Elements.SIGN).hasPassed(Elements.REMOTE_SIGNATURE_REFUSED);
        assertThat(task(pi)).isAssignedTo("bithu");
        assertThat(status.statuses).endsWith("AWAITING_REMOTE_SIGNATURE", "AWAITING_SIGNATURE");
        assertThat(issued).isZero();
    }

    @Test
    void theLeadersCancelTakesTheWaitBackToTheSignTask() {
        ProcessInstance pi = waitingOnThePhone();
        runtimeService()
                .createMessageCorrelation(Messages.REMOTE_SIGNATURE_CANCELLED)
                .processInstanceBusinessKey("42")
                .correlateAllWithResult();
        assertThat(pi).isWaitingAt(Elements.SIGN).hasPassed(Elements.REMOTE_SIGNATURE_WITHDRAWN);
        assertThat(jobQuery()
                        .processInstanceId(pi.getId())
                        .activityId(Elements.REMOTE_SIGNATURE_POLL_DUE)
                        .count())
                .isZero();
        assertThat(polls).isZero();
    }

    @Test
    void aServiceThatCannotBeReachedIsRetriedOnTheConfiguredCycle() {
        ProcessInstance pi = waitingOnThePhone();
        Mocks.register("checkRemoteSignature", (JavaDelegate) execution -> {
            throw new IllegalStateException("503");
        });
        execute(job(Elements.REMOTE_SIGNATURE_POLL_DUE, pi));
        Job check = job(Elements.CHECK_REMOTE_SIGNATURE, pi);
        try {
            processEngine.getManagementService().executeJob(check.getId());
        } catch (RuntimeException expected) {
            // recorded, retried
        }
        Job retried = jobQuery().jobId(check.getId()).singleResult();
        assertThat(retried.getRetries()).isEqualTo(1); // "PT10S": one retry
        assertThat(retried.getDuedate())
                .isAfter(new Date(ClockUtil.getCurrentTime().getTime() + 8_000));
    }
}

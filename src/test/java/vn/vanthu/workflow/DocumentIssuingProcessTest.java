package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vanthu.directory.Groups;
import vn.vanthu.issuing.DocumentIssuer;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Errors;
import vn.vanthu.workflow.DocumentIssuanceProcess.Issuing;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Messages;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * Every path of bpmn/document-issuing.bpmn, the tail every route calls once signed: the remote
 * signature's wait, the issue step's refusals and failures, the emails and the meeting reminder.
 * Driven through the default route, whose call activity catches what goes back.
 */
@Deployment(resources = {"bpmn/document-issuance.bpmn", "bpmn/document-issuing.bpmn"})
class DocumentIssuingProcessTest extends ProcessTestSupport {

    @RegisterExtension
    static ProcessEngineExtension extension = engineExtension();

    ProcessInstance signed() {
        ProcessInstance pi = submit(DocumentIssuanceProcess.KEY);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        return pi;
    }

    @Test
    void theIssueStepSeesTheRoutesInstanceAsTheDocumentsProcessAndItsJobIsFoundByIt() {
        DocumentIssuer issuer = mock(DocumentIssuer.class);
        ProcessInstance pi = signed();
        // what WorkflowController waits on: the issue job, found from the document's (the route's) instance
        assertThat(issueJob(pi)).isNotNull();
        when(issuer.refusal(42L, pi.getId())).thenReturn(Optional.empty());
        when(issuer.issue(42L)).thenReturn(new DocumentIssuer.Issued(3, null));
        IssuedNotice notice = mock(IssuedNotice.class);
        Mocks.register(
                "issueDocument",
                new IssueDocumentDelegate(
                        issuer, new WorkflowSettings(Duration.ofDays(1), Duration.ofDays(1)), notice));
        ProcessInstance tail = tail(pi);
        execute(job(tail));
        verify(issuer).refusal(42L, pi.getId());
        verify(issuer).issue(42L);
        verify(notice).tell(42L); // the drafter's bell
        assertThat(tail).isWaitingAt(Elements.SEND_DOCUMENT);
    }

    @Test
    void aTailStartedOnItsOwnIsNotTheDocumentsProcessAndEndsWithoutIssuing() {
        DocumentIssuer issuer = mock(DocumentIssuer.class);
        ProcessInstance tail =
                runtimeService().startProcessInstanceByKey(Issuing.KEY, "42", Variables.atSubmit(42L, "x", "bithu"));
        when(issuer.refusal(42L, tail.getId()))
                .thenReturn(Optional.of(new DocumentIssuer.Refusal("không phải quy trình của văn bản", false)));
        Mocks.register(
                "issueDocument",
                new IssueDocumentDelegate(
                        issuer,
                        new WorkflowSettings(Duration.ofDays(1), Duration.ofDays(1)),
                        mock(IssuedNotice.class)));
        execute(job(tail));
        // nobody catches its error end: it just ends, having changed nothing
        assertThat(tail).hasPassed(Elements.NOT_THIS_DOCUMENTS_PROCESS).isEnded();
        verify(issuer, never()).issue(any());
    }

    /**
     * What IssueDocumentDelegate does when issuing itself fails (an HSM gone, a disk full): the job
     * fails and is retried, and on its last attempt (LastAttempt, the real one) the failure becomes
     * the issueFailed error.
     */
    void failIssuing() {
        Mocks.register("issueDocument", (JavaDelegate) execution -> {
            if (LastAttempt.of(execution)) {
                throw new BpmnError(Errors.ISSUE_FAILED, "IllegalStateException: thiết bị ký số không trả lời");
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

    Job issueJob(ProcessInstance route) {
        // as WorkflowController finds it: among the instances under the route's (a failed job
        // does not keep its root process instance id in the application's engine)
        java.util.Set<String> instances =
                runtimeService().createProcessInstanceQuery().rootProcessInstanceId(route.getId()).list().stream()
                        .map(ProcessInstance::getId)
                        .collect(java.util.stream.Collectors.toSet());
        return instances.stream()
                .map(instance -> jobQuery()
                        .processInstanceId(instance)
                        .activityId(Elements.ISSUE)
                        .singleResult())
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    ProcessInstance signedAndFailingToIssue() {
        failIssuing();
        ProcessInstance pi = signed();
        // R5/PT1M in the BPMN: the first run and five retries' worth of attempts, then the clerks
        assertThat(runIssueJobUntilItSettles(pi)).isEqualTo(5);
        return pi;
    }

    @Test
    void anIssueThatKeepsFailingGoesToTheClerksWithItsErrorNotToAnIncident() {
        ProcessInstance pi = signedAndFailingToIssue();
        ProcessInstance tail = tail(pi);
        assertThat(tail)
                .hasPassed(Elements.ISSUE_FAILED)
                .isWaitingAt(Elements.RESOLVE_ISSUE_FAILURE)
                .variables()
                .containsEntry(Variables.ISSUE_ERROR.name(), "IllegalStateException: thiết bị ký số không trả lời");
        assertThat(task(tail)).hasCandidateGroup(Groups.CLERKS).isNotAssigned();
        assertThat(runtimeService().createIncidentQuery().count()).isZero();
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE", "ISSUE_FAILED");
        assertThat(issued).isZero();
    }

    @Test
    void theClerkIssuesAgainOnceTheFaultIsMended() {
        ProcessInstance pi = signedAndFailingToIssue();
        ProcessInstance tail = tail(pi);
        registerBeans(); // the HSM is back
        complete(task(tail), decide(Kind.RESOLVE_ISSUE_FAILURE, Decision.RETRY_ISSUE));
        assertThat(tail).hasPassed(Elements.RESOLVE_ISSUE_FAILURE_GATEWAY).isWaitingAt(Elements.ISSUE);
        issueAndSend(pi);
        assertThat(pi).isEnded().hasPassed(Elements.ISSUED);
        verify(history).record(42L, "system", Decision.RETRY_ISSUE.event(), null);
    }

    @Test
    void theClerkReturnsADraftThatCannotBeIssuedToItsDrafterWithTheReason() {
        ProcessInstance pi = signedAndFailingToIssue();
        ProcessInstance tail = tail(pi);
        assertThatThrownBy(() -> complete(task(tail), decide(Kind.RESOLVE_ISSUE_FAILURE, Decision.RETURN)))
                .hasMessageContaining("lý do");
        complete(
                task(tail),
                decide(Kind.RESOLVE_ISSUE_FAILURE, Decision.RETURN, "Nội dung có ký tự điều khiển, sửa lại"));
        assertThat(tail).hasPassed(Elements.RETURNED_TO_DRAFTER).isEnded();
        assertThat(pi).hasPassed(Elements.BACK_TO_DRAFTER).isWaitingAt(Elements.REVISE);
        assertThat(task(pi)).isAssignedTo("chuyenvien");
        assertThat(status.statuses).endsWith("ISSUE_FAILED", "RETURNED");
        assertThat(issued).isZero();
    }

    @Test
    void aFailingEmailIsRetriedOnTheConfiguredIntervals() {
        Mocks.register("sendDocument", (JavaDelegate) execution -> {
            throw new IllegalStateException("SMTP down");
        });
        ProcessInstance tail = tail(signed());
        execute(job(tail));
        Job send = jobQuery().processInstanceId(tail.getId()).list().get(0);
        try {
            managementService().executeJob(send.getId());
        } catch (RuntimeException expected) {
            // the engine records the failure and schedules the retry
        }
        Job retried = jobQuery().jobId(send.getId()).singleResult();
        // "PT1M,PT5M": two retries after the first failure, the first one a minute later
        assertThat(retried.getRetries()).isEqualTo(2);
        assertThat(retried.getDuedate())
                .isAfter(new Date(ClockUtil.getCurrentTime().getTime() + 50_000));
        assertThat(tail).isWaitingAt(Elements.SEND_DOCUMENT);
        assertThat(jobQuery().processInstanceId(tail.getId()).count()).isEqualTo(3);
    }

    ProcessInstance issuedInvitation() {
        ProcessInstance tail = tail(signed());
        execute(job(tail));
        return tail;
    }

    @Test
    void inviteesAreRemindedWhenTheReminderTimeComesAndTheProcessEndsAfterBothBranches() {
        reminderAt = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis());
        ProcessInstance tail = issuedInvitation();
        assertThat(tail).isWaitingAt(Elements.SEND_DOCUMENT, Elements.AWAIT_REMINDER);
        Job timer = jobQuery().processInstanceId(tail.getId()).timers().singleResult();
        assertThat(timer.getDuedate()).isEqualTo(reminderAt);
        jobQuery().processInstanceId(tail.getId()).messages().list().forEach(j -> execute(j));
        assertThat(sent).hasSize(3);
        assertThat(tail).isNotEnded();

        execute(timer);
        jobQuery().processInstanceId(tail.getId()).list().forEach(j -> execute(j));
        assertThat(meetingReminders).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(tail).hasPassed(Elements.SEND_MEETING_REMINDER).isEnded();
    }

    @Test
    void noReminderWhenItsMomentHasPassed() {
        reminderAt = null;
        ProcessInstance tail = issuedInvitation();
        assertThat(jobQuery().processInstanceId(tail.getId()).timers().count()).isZero();
        jobQuery().processInstanceId(tail.getId()).list().forEach(j -> execute(j));
        assertThat(tail)
                .isEnded()
                .hasPassed(Elements.REMINDER_DONE)
                .hasNotPassed(Elements.AWAIT_REMINDER, Elements.SEND_MEETING_REMINDER);
    }

    @Test
    void aRecallCancelsTheWaitingReminder() {
        reminderAt = new Date(
                ClockUtil.getCurrentTime().getTime() + Duration.ofDays(2).toMillis());
        ProcessInstance tail = issuedInvitation();
        jobQuery().processInstanceId(tail.getId()).messages().list().forEach(j -> execute(j));
        // as DocumentRecall correlates it: by the business key, which the called instance shares
        runtimeService()
                .createMessageCorrelation(Messages.DOCUMENT_RECALLED)
                .processInstanceBusinessKey("42")
                .correlateAll();
        assertThat(jobQuery().processInstanceId(tail.getId()).timers().count()).isZero();
        assertThat(tail)
                .isEnded()
                .hasPassed(Elements.RECALLED_BEFORE_MEETING)
                .hasNotPassed(Elements.SEND_MEETING_REMINDER);
        assertThat(meetingReminders).isEmpty();
    }

    // ---------------------------------------------------------------- remote signing

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
                throw new BpmnError(Errors.REMOTE_SIGNATURE_REFUSED);
            }
            Variables.REMOTE_SIGNED.set(execution, answer.equals("signed"));
        });
        ProcessInstance pi = submit(DocumentIssuanceProcess.KEY);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signRemotelyThroughWorkflow(pi);
        return pi;
    }

    /** The poll timer fires, then the poll's own (async) job runs. */
    void poll(ProcessInstance tail) {
        // an event-based gateway waits itself, with the poll timer and the cancel message armed
        assertThat(tail).isWaitingAt(Elements.AWAIT_REMOTE_SIGNATURE);
        execute(job(Elements.REMOTE_SIGNATURE_POLL_DUE, tail));
        execute(job(Elements.CHECK_REMOTE_SIGNATURE, tail));
    }

    @Test
    void aRemoteSignatureWaitsPollingUntilItArrivesThenIssues() {
        pollAnswers.addAll(List.of("pending", "pending", "signed"));
        ProcessInstance pi = waitingOnThePhone();
        ProcessInstance tail = tail(pi);
        // no SIGNED entry yet: it is recorded when the signature arrives
        verify(history, never())
                .record(any(), anyString(), org.mockito.ArgumentMatchers.eq(Decision.SIGN.event()), any());
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE", "AWAITING_REMOTE_SIGNATURE");
        assertThat(tail).isWaitingAt(Elements.AWAIT_REMOTE_SIGNATURE);
        assertThat(runtimeService()
                        .createEventSubscriptionQuery()
                        .processInstanceId(tail.getId())
                        .eventName(Messages.REMOTE_SIGNATURE_CANCELLED)
                        .count())
                .isEqualTo(1);
        poll(tail);
        poll(tail);
        assertThat(issued).isZero();
        poll(tail);
        assertThat(tail).isWaitingAt(Elements.ISSUE);
        issueAndSend(pi);
        assertThat(polls).isEqualTo(3);
        assertThat(pi).isEnded().hasPassed(Elements.ISSUED);
    }

    @Test
    void aRefusedRemoteSignatureGoesBackToTheSignTask() {
        pollAnswers.addAll(List.of("pending", "refused"));
        ProcessInstance pi = waitingOnThePhone();
        ProcessInstance tail = tail(pi);
        poll(tail);
        poll(tail);
        assertThat(tail).hasPassed(Elements.REMOTE_SIGNATURE_REFUSED).isEnded();
        assertThat(pi).hasPassed(Elements.BACK_TO_SIGNER).isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu");
        assertThat(status.statuses).endsWith("AWAITING_REMOTE_SIGNATURE", "AWAITING_SIGNATURE");
        assertThat(issued).isZero();
    }

    @Test
    void theLeadersCancelTakesTheWaitBackToTheSignTask() {
        ProcessInstance pi = waitingOnThePhone();
        ProcessInstance tail = tail(pi);
        // as DocumentWorkflow correlates it: by the business key
        runtimeService()
                .createMessageCorrelation(Messages.REMOTE_SIGNATURE_CANCELLED)
                .processInstanceBusinessKey("42")
                .correlateAllWithResult();
        assertThat(tail).hasPassed(Elements.REMOTE_SIGNATURE_WITHDRAWN).isEnded();
        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(jobQuery().activityId(Elements.REMOTE_SIGNATURE_POLL_DUE).count())
                .isZero();
        assertThat(polls).isZero();
    }

    @Test
    void aServiceThatCannotBeReachedIsRetriedOnTheConfiguredCycle() {
        ProcessInstance tail = tail(waitingOnThePhone());
        Mocks.register("checkRemoteSignature", (JavaDelegate) execution -> {
            throw new IllegalStateException("503");
        });
        execute(job(Elements.REMOTE_SIGNATURE_POLL_DUE, tail));
        Job check = job(Elements.CHECK_REMOTE_SIGNATURE, tail);
        try {
            managementService().executeJob(check.getId());
        } catch (RuntimeException expected) {
            // recorded, retried
        }
        Job retried = jobQuery().jobId(check.getId()).singleResult();
        assertThat(retried.getRetries()).isEqualTo(1); // "PT10S": one retry
        assertThat(retried.getDuedate())
                .isAfter(new Date(ClockUtil.getCurrentTime().getTime() + 8_000));
    }
}

package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
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
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.DeliveryRetry;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Recall;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * Every path of the default route, bpmn/document-issuance.bpmn, with the issuing tail it calls
 * (its own paths: DocumentIssuingProcessTest), the recall and delivery retry processes, and the
 * decision listener the kinds bring to every user task.
 */
@Deployment(
        resources = {
            "bpmn/document-issuance.bpmn",
            "bpmn/document-issuing.bpmn",
            "bpmn/document-recall.bpmn",
            "bpmn/delivery-retry.bpmn"
        })
class DocumentIssuanceProcessTest extends ProcessTestSupport {

    @RegisterExtension
    static ProcessEngineExtension extension = engineExtension();

    static ProcessInstance submit() {
        return submit(DocumentIssuanceProcess.KEY);
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

    @Test
    void approvedAndSignedDocumentIsIssuedByTheTailAndSentToEveryRecipientInItsOwnJob() {
        ProcessInstance pi = submit();
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        assertThat(task(pi)).hasCandidateGroup(Groups.REVIEWERS);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));

        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu").hasDueDate(task(pi).getDueDate());
        signThroughWorkflow(pi);

        // issuing waits for its own job in the called process: the signer's transaction has committed
        assertThat(pi).isWaitingAt(Elements.ISSUING);
        ProcessInstance tail = tail(pi);
        assertThat(tail).isWaitingAt(Elements.ISSUE).variables().containsEntry(Variables.SIGNER.name(), "bithu");
        issueAndSend(pi);
        assertThat(tail)
                .hasPassed(Elements.ISSUE, Elements.SEND_DOCUMENT, Elements.REMINDER_DONE)
                .hasNotPassed(Elements.AWAIT_REMINDER)
                .isEnded();
        assertThat(pi).isEnded().hasPassed(Elements.ISSUING, Elements.ISSUED);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE");
    }

    @Test
    void aRefusedIssueGoesBackToTheSignerNotToAnIncident() {
        Mocks.register("issueDocument", (JavaDelegate) execution -> {
            Variables.DOCUMENTS_OWN_PROCESS.set(execution, true);
            throw new org.camunda.bpm.engine.delegate.BpmnError(
                    DocumentIssuanceProcess.Errors.ISSUE_REFUSED, "chưa ký phiên bản này");
        });
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        signThroughWorkflow(pi);
        ProcessInstance tail = tail(pi);
        execute(job(tail));
        assertThat(tail)
                .hasPassed(Elements.ISSUE_REFUSED, Elements.SIGN_AGAIN_ISSUE_REFUSED)
                .isEnded();
        // the document has somebody holding it again: its signer, with a new sign task
        assertThat(pi).hasPassed(Elements.BACK_TO_SIGNER).isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu");
        assertThat(runtimeService().createIncidentQuery().count()).isZero();
        assertThat(status.statuses).containsExactly("IN_REVIEW", "AWAITING_SIGNATURE", "AWAITING_SIGNATURE");
        // signed properly this time, it is issued
        registerBeans();
        signThroughWorkflow(pi);
        issueAndSend(pi);
        assertThat(pi).isEnded().hasPassed(Elements.ISSUED);
    }

    @Test
    void aRouteInstanceThatIsNotTheDocumentsOwnEndsWithoutIssuing() {
        Mocks.register("issueDocument", (JavaDelegate) execution -> {
            Variables.DOCUMENTS_OWN_PROCESS.set(execution, false);
            throw new org.camunda.bpm.engine.delegate.BpmnError(
                    DocumentIssuanceProcess.Errors.ISSUE_REFUSED, "không phải quy trình của văn bản");
        });
        // as Camunda's REST API could start one, straight at the call of the tail
        ProcessInstance pi = runtimeService()
                .createProcessInstanceByKey(DocumentIssuanceProcess.KEY)
                .businessKey("42")
                .startBeforeActivity(Elements.ISSUING)
                .setVariables(Variables.atSubmit(42L, "chuyenvien", "bithu"))
                .execute();
        ProcessInstance tail = tail(pi);
        execute(job(tail));
        assertThat(tail).hasPassed(Elements.NOT_THIS_DOCUMENTS_PROCESS).isEnded();
        assertThat(pi)
                .hasPassed(Elements.NOT_THE_DOCUMENTS_PROCESS, Elements.NOT_ISSUED)
                .hasNotPassed(Elements.ISSUED)
                .isEnded();
        assertThat(sent).isEmpty();
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
        assertThat(pi).isEnded().hasPassed(Elements.REJECTED).hasNotPassed(Elements.ISSUING);
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
        assertThat(tail(pi)).isWaitingAt(Elements.ISSUE);
    }

    @Test
    void signingBeforeTheReminderCancelsTheTimer() {
        ProcessInstance pi = submit();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        assertThat(jobQuery().timers().count()).isEqualTo(1);
        signThroughWorkflow(pi);
        assertThat(jobQuery().timers().count()).isZero();
        assertThat(reminded).isEmpty();
        assertThat(tail(pi)).isWaitingAt(Elements.ISSUE);
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
        assertThat(pi).isWaitingAt(Elements.SIGN).hasNotPassed(Elements.ISSUING);
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
        assertThat(tail(pi)).isWaitingAt(Elements.ISSUE);
    }
}

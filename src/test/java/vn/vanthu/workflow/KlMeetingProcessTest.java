package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.vanthu.directory.Groups;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Routes;

/** bpmn/routes/kl-meeting.bpmn: reviewed, then the Ban Thường vụ meeting's outcome decides. */
@Deployment(resources = {"bpmn/routes/kl-meeting.bpmn", "bpmn/document-issuing.bpmn"})
class KlMeetingProcessTest extends ProcessTestSupport {

    @RegisterExtension
    static ProcessEngineExtension extension = engineExtension();

    ProcessInstance atTheMeeting() {
        ProcessInstance pi = submit(Routes.KL_MEETING);
        assertThat(pi).isWaitingAt(Elements.REVIEW);
        assertThat(task(pi)).hasCandidateGroup(Groups.REVIEWERS);
        assertThat(task(pi).getDueDate()).isNotNull();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        assertThat(pi).isWaitingAt(Elements.MEETING);
        // the office records the meeting's outcome
        assertThat(task(pi)).hasCandidateGroup(Groups.CLERKS).isNotAssigned();
        return pi;
    }

    @Test
    void adoptedGoesToTheSignerAndIsIssued() {
        ProcessInstance pi = atTheMeeting();
        complete(task(pi), decide(Kind.MEETING, Decision.ADOPTED));
        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu");
        signThroughWorkflow(pi);
        issueAndSend(pi);
        assertThat(pi).isEnded().hasPassed(Elements.ISSUED);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "IN_REVIEW", "AWAITING_SIGNATURE");
    }

    @Test
    void adoptedWithChangesGoesBackToTheDrafterThenToReviewAgain() {
        ProcessInstance pi = atTheMeeting();
        complete(task(pi), decide(Kind.MEETING, Decision.ADOPTED_WITH_CHANGES, "Sửa điều 3 theo kết luận."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        assertThat(task(pi)).isAssignedTo("chuyenvien");
        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        assertThat(pi).isWaitingAt(Elements.REVIEW);
    }

    @Test
    void notAdoptedEndsTheDraftRejected() {
        ProcessInstance pi = atTheMeeting();
        complete(task(pi), decide(Kind.MEETING, Decision.NOT_ADOPTED, "Hội nghị không thông qua."));
        assertThat(pi).isEnded().hasPassed(Elements.NOT_ADOPTED).hasNotPassed(Elements.SIGN, Elements.ISSUING);
        assertThat(status.statuses).endsWith("REJECTED");
        assertThat(issued).isZero();
    }

    @Test
    void aReviewerOrTheSignerReturnsToTheDrafter() {
        ProcessInstance pi = submit(Routes.KL_MEETING);
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Bổ sung."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(pi), decide(Kind.MEETING, Decision.ADOPTED));
        complete(task(pi), decide(Kind.SIGN, Decision.RETURN, "Làm rõ."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        complete(task(pi), decide(Kind.REVISE, Decision.WITHDRAW));
        assertThat(pi).isEnded().hasPassed(Elements.WITHDRAWN);
    }
}

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

/** bpmn/routes/two-level-review.bpmn: Phó Chánh Văn phòng, then Chánh Văn phòng, then the signer. */
@Deployment(resources = {"bpmn/routes/two-level-review.bpmn", "bpmn/document-issuing.bpmn"})
class TwoLevelReviewProcessTest extends ProcessTestSupport {

    @RegisterExtension
    static ProcessEngineExtension extension = engineExtension();

    static final String DEPUTY_REVIEWERS = "deputyReviewers";

    @Test
    void bothLevelsApproveThenTheLeaderSignsAndTheTailIssues() {
        ProcessInstance pi = submit(Routes.TWO_LEVEL_REVIEW);
        assertThat(pi).isWaitingAt(Elements.DEPUTY_REVIEW);
        assertThat(task(pi)).hasCandidateGroup(DEPUTY_REVIEWERS).hasDueDate(task(pi).getDueDate());
        assertThat(task(pi).getDueDate()).isNotNull();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));

        assertThat(pi).isWaitingAt(Elements.REVIEW);
        assertThat(task(pi)).hasCandidateGroup(Groups.REVIEWERS);
        assertThat(task(pi).getDueDate()).isNotNull();
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));

        assertThat(pi).isWaitingAt(Elements.SIGN);
        assertThat(task(pi)).isAssignedTo("bithu");
        signThroughWorkflow(pi);
        issueAndSend(pi);
        assertThat(pi).isEnded().hasPassed(Elements.ISSUING, Elements.ISSUED);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "IN_REVIEW", "AWAITING_SIGNATURE");
    }

    @Test
    void aReturnAtTheFirstLevelGoesToTheDrafterAndTheResubmittedDraftStartsThereAgain() {
        ProcessInstance pi = submit(Routes.TWO_LEVEL_REVIEW);
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Thiếu căn cứ."));
        assertThat(pi).isWaitingAt(Elements.REVISE);
        assertThat(task(pi)).isAssignedTo("chuyenvien");
        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        assertThat(pi).isWaitingAt(Elements.DEPUTY_REVIEW);
        assertThat(status.statuses).containsExactly("IN_REVIEW", "RETURNED", "IN_REVIEW");
    }

    @Test
    void aReturnAtTheSecondLevelGoesToTheDrafterAndTheResubmittedDraftStartsAtTheFirstLevel() {
        ProcessInstance pi = submit(Routes.TWO_LEVEL_REVIEW);
        complete(task(pi), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(pi), decide(Kind.REVIEW, Decision.RETURN, "Sửa thể thức."));
        assertThat(pi).isWaitingAt(Elements.REVISE).hasPassed(Elements.DEPUTY_REVIEW, Elements.REVIEW);
        complete(task(pi), decide(Kind.REVISE, Decision.RESUBMIT));
        assertThat(pi).isWaitingAt(Elements.DEPUTY_REVIEW);
        assertThat(task(pi)).hasCandidateGroup(DEPUTY_REVIEWERS);
    }

    @Test
    void theSignerReturnsRejectsOrTheDrafterWithdraws() {
        ProcessInstance returned = submit(Routes.TWO_LEVEL_REVIEW);
        complete(task(returned), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(returned), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(returned), decide(Kind.SIGN, Decision.RETURN, "Làm rõ mục 2."));
        assertThat(returned).isWaitingAt(Elements.REVISE);
        complete(task(returned), decide(Kind.REVISE, Decision.WITHDRAW));
        assertThat(returned).isEnded().hasPassed(Elements.WITHDRAWN);

        ProcessInstance rejected = submit(Routes.TWO_LEVEL_REVIEW);
        complete(task(rejected), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(rejected), decide(Kind.REVIEW, Decision.APPROVE));
        complete(task(rejected), decide(Kind.SIGN, Decision.REJECT, "Không ban hành."));
        assertThat(rejected).isEnded().hasPassed(Elements.REJECTED).hasNotPassed(Elements.ISSUING);
        assertThat(status.statuses).contains("WITHDRAWN", "REJECTED");
    }
}

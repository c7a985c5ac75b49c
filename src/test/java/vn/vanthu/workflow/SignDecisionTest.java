package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The sign decision, whichever way it comes (issue 11 item 2): only the document's own signer,
 * only through Văn thư (LeaderSignature with the PIN), and a return or rejection always with its
 * reason in the history, also when the task is completed in the engine directly.
 */
class SignDecisionTest extends IntegrationTest {

    @Autowired
    TaskService taskService;

    final Flow flow = new Flow(this);

    /** A Giấy mời for bithu, approved: its sign task is open. */
    long awaitingSignature(String title) {
        long id = flow.create(Drafts.invitation(title + " " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        return id;
    }

    @Test
    void signingStraightThroughTheEngineIsRefusedAndNothingIsIssued() {
        long id = awaitingSignature("Ký thẳng qua engine");
        String sign = flow.taskOf("bithu", id, Kind.SIGN);

        // what Camunda's REST API or Tasklist would do for an admin: no LeaderSignature, no PIN
        assertThatThrownBy(
                        () -> taskService.complete(sign, Map.of(Variables.SIGN_DECISION.name(), Decision.SIGN.wire())))
                .hasMessageContaining("mã PIN");

        JsonNode document = flow.document(id);
        assertThat(document.get("status").asText()).isEqualTo(DocumentStatus.AWAITING_SIGNATURE.name());
        assertThat(document.get("number").isNull()).isTrue();
        assertThat(actions(document)).doesNotContain(Decision.SIGN.event());
        assertThat(flow.taskOf("bithu", id, Kind.SIGN)).isEqualTo(sign);
    }

    /** One wins; the others are told someone else did it (409): never "not yours", never a server error. */
    @Test
    void theSameReviewDecidedFourTimesAtOnceIsDecidedOnce() throws Exception {
        long id = flow.create(Drafts.invitation("Duyệt bốn lần một lúc", Drafts.uniqueDomain(), 1));
        flow.submit(id);
        String review = flow.taskOf("chanhvanphong", id, Kind.REVIEW);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return flow.decide("chanhvanphong", review, Decision.APPROVE, null);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).as(statuses.toString()).containsOnlyOnce(200);
            // whichever check a late one meets (the task, its kind, its holders, the engine), it is told "done"
            assertThat(statuses).allSatisfy(s -> assertThat(s).isIn(200, 409));
        } finally {
            pool.shutdownNow();
        }
        JsonNode document = flow.document(id);
        assertThat(document.get("status").asText()).isEqualTo(DocumentStatus.AWAITING_SIGNATURE.name());
        assertThat(actions(document)).containsOnlyOnce(Decision.APPROVE.event());
    }

    @Test
    void aRejectionWithoutItsReasonIsRefusedInTheEngineToo() {
        long id = awaitingSignature("Không ký, không lý do");
        String sign = flow.taskOf("bithu", id, Kind.SIGN);
        assertThatThrownBy(() ->
                        taskService.complete(sign, Map.of(Variables.SIGN_DECISION.name(), Decision.REJECT.wire())))
                .hasMessageContaining("lý do");
        assertThat(flow.document(id).get("status").asText()).isEqualTo(DocumentStatus.AWAITING_SIGNATURE.name());
    }

    @Test
    void aReturnMadeInTheEngineLeavesItsHistoryWithItsReason() {
        long id = awaitingSignature("Trả lại qua engine");
        String sign = flow.taskOf("bithu", id, Kind.SIGN);
        taskService.complete(
                sign,
                Map.of(
                        Variables.SIGN_DECISION.name(),
                        Decision.RETURN.wire(),
                        Variables.COMMENT.name(),
                        "Làm rõ thành phần."));
        JsonNode document = flow.document(id);
        assertThat(document.get("status").asText()).isEqualTo(DocumentStatus.RETURNED.name());
        JsonNode last = document.get("history").get(document.get("history").size() - 1);
        assertThat(last.get("action").asText()).isEqualTo(Decision.RETURN.event());
        assertThat(last.get("comment").asText()).isEqualTo("Làm rõ thành phần.");
    }

    @Test
    void aSignTaskHandedToTheOtherLeaderDoesNotLetHerSignButTheDocumentsSignerStillCan() {
        long id = awaitingSignature("Chuyển việc ký");
        String sign = flow.taskOf("bithu", id, Kind.SIGN);
        // bithu hands his task to phobithu in Camunda's Tasklist
        taskService.setAssignee(sign, "phobithu");

        Api.Response refused = flow.decide("phobithu", sign, Decision.SIGN, null);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(flow.document(id).get("status").asText()).isEqualTo(DocumentStatus.AWAITING_SIGNATURE.name());

        Api.Response signed = flow.decide("bithu", sign, Decision.SIGN, null);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(actions(flow.document(id))).contains(Decision.SIGN.event());
    }

    @Test
    void aRejectionThroughTheApiLeavesItsHistoryWithTheComment() {
        long id = awaitingSignature("Không ký qua API");
        Api.Response rejected = flow.decide(
                "bithu", flow.taskOf("bithu", id, Kind.SIGN), Decision.REJECT, "Không tổ chức hội nghị này.");
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        JsonNode document = rejected.json();
        assertThat(document.get("status").asText()).isEqualTo(DocumentStatus.REJECTED.name());
        JsonNode entries = document.get("history");
        long found = 0;
        for (JsonNode entry : entries) {
            if (entry.get("action").asText().equals(Decision.REJECT.event())) {
                found++;
                assertThat(entry.get("actor").asText()).isEqualTo("bithu");
                assertThat(entry.get("comment").asText()).isEqualTo("Không tổ chức hội nghị này.");
            }
        }
        assertThat(found).as("one REJECTED entry: " + entries).isEqualTo(1);
    }

    static java.util.List<String> actions(JsonNode document) {
        java.util.List<String> actions = new java.util.ArrayList<>();
        document.get("history").forEach(entry -> actions.add(entry.get("action").asText()));
        return actions;
    }
}

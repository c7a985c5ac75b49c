package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.RouteUploads;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Each route of bpmn/routes/ as an office would use it: uploaded through the admin API, bound to a
 * type, and a document taken through it by the task list's kinds alone (no task id is known here).
 */
class ShippedRoutesTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    /** Uploads bpmn/routes/{file} and binds it to the type; returns the process key. */
    String deployAndBind(String file, String type) throws Exception {
        Api.Response deployed =
                RouteUploads.upload(as("admin"), file, Files.readAllBytes(Path.of("bpmn", "routes", file)));
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        String key = deployed.json().get("processKey").asText();
        as("admin")
                .put("/api/admin/routes/bindings/" + type, Map.of("processKey", key))
                .ok();
        return key;
    }

    void unbind(String type) {
        as("admin").delete("/api/admin/routes/bindings/" + type).ok();
    }

    /** The route's steps as "elementId:state", in order. */
    List<String> steps(long id) {
        List<String> steps = new ArrayList<>();
        as("chuyenvien")
                .get("/api/documents/" + id + "/route")
                .ok()
                .get("steps")
                .forEach(s ->
                        steps.add(s.get("kind").asText() + ":" + s.get("state").asText()));
        return steps;
    }

    @Test
    void twoLevelReviewTakesTwoDifferentReviewersThenTheSignature() throws Exception {
        String key = deployAndBind("two-level-review.bpmn", "GM");
        try {
            long id = flow.create(Drafts.invitation("Hai cấp thẩm định", Drafts.uniqueDomain(), 2));
            flow.submit(id);
            assertThat(as("chuyenvien")
                            .get("/api/documents/" + id + "/route")
                            .ok()
                            .get("processKey")
                            .asText())
                    .isEqualTo(key);
            // the first level is the deputy's: the office chief holds nothing yet
            String first = flow.taskOf("phochanhvanphong", id, Kind.REVIEW);
            assertThat(flow.decide("chanhvanphong", first, Decision.APPROVE, null)
                            .status())
                    .isEqualTo(403);
            // a return at the first level goes back to the drafter, and the draft starts again there
            flow.decideOk("phochanhvanphong", id, Kind.REVIEW, Decision.RETURN, "Sửa thành phần mời.");
            assertThat(flow.document(id).get("status").asText()).isEqualTo("RETURNED");
            flow.submit(id);
            flow.decideOk("phochanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            assertThat(flow.document(id).get("status").asText()).isEqualTo("IN_REVIEW");
            flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            JsonNode issued = flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);
            assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
            assertThat(issued.get("number").asText()).matches("\\d{2,}-GM/ĐUK");
            assertThat(steps(id)).startsWith("review:done", "review:done", "sign:done");
        } finally {
            unbind("GM");
        }
    }

    @Test
    void consultationAsksEveryBoardAndTheReviewerSeesTheirOpinions() throws Exception {
        deployAndBind("consultation.bpmn", "GM");
        try {
            Map<String, Object> draft = Drafts.invitation("Xin ý kiến các ban", Drafts.uniqueDomain(), 2);
            draft.put("consultees", List.of("bantuyengiao", "bantochuc"));
            long id = flow.create(draft);
            flow.submit(id);
            // each board holds its own opinion task and reads the draft; nobody else answers for it
            String tuyenGiao = flow.taskOf("bantuyengiao", id, Kind.CONSULT);
            assertThat(as("bantuyengiao").get("/api/documents/" + id).status()).isEqualTo(200);
            assertThat(flow.decide("bantochuc", tuyenGiao, Decision.OPINION, "Thay ý kiến.")
                            .status())
                    .isEqualTo(403);
            assertThat(flow.decide("bantuyengiao", tuyenGiao, Decision.OPINION, null)
                            .status())
                    .as("an opinion says something")
                    .isEqualTo(400);
            flow.decideOk("bantuyengiao", id, Kind.CONSULT, Decision.OPINION, "Đề nghị bổ sung báo cáo viên.");
            assertThat(flow.document(id).get("status").asText()).isEqualTo("IN_REVIEW");
            flow.decideOk("bantochuc", id, Kind.CONSULT, Decision.OPINION, "Thống nhất với dự thảo.");

            // the reviewer now holds the review (each answer leaves in a job of its own), with both
            // opinions in the history
            String review = org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> flow.taskOf("chanhvanphong", id, Kind.REVIEW), t -> t != null);
            JsonNode history =
                    as("chanhvanphong").get("/api/documents/" + id).ok().get("history");
            List<String> opinions = new ArrayList<>();
            history.forEach(h -> {
                if ("OPINION_GIVEN".equals(h.get("action").asText())) {
                    opinions.add(
                            h.get("actor").asText() + ": " + h.get("comment").asText());
                }
            });
            assertThat(opinions)
                    .containsExactlyInAnyOrder(
                            "bantuyengiao: Đề nghị bổ sung báo cáo viên.", "bantochuc: Thống nhất với dự thảo.");
            assertThat(flow.decide("chanhvanphong", review, Decision.APPROVE, null)
                            .status())
                    .isEqualTo(200);
            JsonNode issued = flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);
            assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
        } finally {
            unbind("GM");
        }
    }

    @Test
    void aConclusionIsAdoptedAtTheMeetingBeforeItIsSigned() throws Exception {
        deployAndBind("kl-meeting.bpmn", "KL");
        try {
            long id = flow.create(Drafts.conclusion("Kết luận hội nghị", Drafts.uniqueDomain(), 1));
            flow.submit(id);
            flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            // the office records the meeting's outcome; changes asked for go back to the drafter
            flow.decideOk("vanthu", id, Kind.MEETING, Decision.ADOPTED_WITH_CHANGES, "Sửa mục 2.");
            assertThat(flow.document(id).get("status").asText()).isEqualTo("RETURNED");
            flow.submit(id);
            flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            flow.decideOk("vanthu", id, Kind.MEETING, Decision.ADOPTED, null);
            JsonNode issued = flow.decideOk("phobithu", id, Kind.SIGN, Decision.SIGN, null);
            assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
            assertThat(issued.get("number").asText()).matches("\\d{2,}-KL/ĐUK");

            long refused = flow.create(Drafts.conclusion("Không được thông qua", Drafts.uniqueDomain(), 1));
            flow.submit(refused);
            flow.decideOk("chanhvanphong", refused, Kind.REVIEW, Decision.APPROVE, null);
            flow.decideOk("vanthu", refused, Kind.MEETING, Decision.NOT_ADOPTED, "Chưa đủ cơ sở.");
            assertThat(flow.document(refused).get("status").asText()).isEqualTo("REJECTED");
        } finally {
            unbind("KL");
        }
    }
}

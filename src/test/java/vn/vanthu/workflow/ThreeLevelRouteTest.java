package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import vn.vanthu.support.Api;
import vn.vanthu.support.Chromium;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.RouteUploads;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A route drawn here with three review levels (deputy reviewers, reviewers, then one named
 * person), deployed and bound to GM over the API, and a Giấy mời taken through it using only the
 * task list's kinds; GET /api/documents/{id}/route follows it.
 */
class ThreeLevelRouteTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    static BpmnModelInstance threeLevels(String key) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key)
                .name("Thẩm định ba cấp")
                .camundaHistoryTimeToLive(3650)
                .startEvent("submitted")
                .name("Dự thảo được trình")
                .exclusiveGateway("reviewJoin")
                .userTask("level1")
                .name("Phó Chánh Văn phòng thẩm định")
                .camundaCandidateGroups("deputyReviewers")
                .exclusiveGateway("level1Gateway")
                .condition("đồng ý", "${reviewDecision == 'approve'}")
                .userTask("level2")
                .name("Chánh Văn phòng thẩm định")
                .camundaCandidateGroups("reviewers")
                .exclusiveGateway("level2Gateway")
                .condition("đồng ý", "${reviewDecision == 'approve'}")
                .userTask("level3")
                .name("Phó Bí thư thẩm định")
                .camundaCandidateUsers("phobithu")
                .exclusiveGateway("level3Gateway")
                .condition("đồng ý", "${reviewDecision == 'approve'}")
                .userTask("sign")
                .name("Ký ban hành")
                .camundaAssignee("${signer}")
                .exclusiveGateway("signGateway")
                .condition("ký", "${signDecision == 'sign'}")
                .callActivity("issuing")
                .name("Ban hành")
                .calledElement(RouteValidator.ISSUING_PROCESS)
                .endEvent("issued")
                .name("Đã ban hành")
                .moveToNode("level1Gateway")
                .condition("trả lại", "${reviewDecision == 'return'}")
                .exclusiveGateway("reviseJoin")
                .userTask("revise")
                .name("Chỉnh sửa dự thảo")
                .camundaAssignee("${drafter}")
                .exclusiveGateway("reviseGateway")
                .condition("trình lại", "${reviseDecision == 'resubmit'}")
                .connectTo("reviewJoin")
                .moveToNode("reviseGateway")
                .condition("rút", "${reviseDecision == 'withdraw'}")
                .endEvent("withdrawn")
                .moveToNode("level2Gateway")
                .condition("trả lại", "${reviewDecision == 'return'}")
                .connectTo("reviseJoin")
                .moveToNode("level3Gateway")
                .condition("trả lại", "${reviewDecision == 'return'}")
                .connectTo("reviseJoin")
                .moveToNode("signGateway")
                .condition("trả lại", "${signDecision == 'return'}")
                .connectTo("reviseJoin")
                .moveToNode("signGateway")
                .condition("không ký", "${signDecision == 'reject'}")
                .endEvent("rejected")
                .done();
        RouteSamples.kind(model, "level1", "review");
        RouteSamples.kind(model, "level2", "review");
        RouteSamples.kind(model, "level3", "review");
        RouteSamples.kind(model, "sign", "sign");
        RouteSamples.kind(model, "revise", "revise");
        // the called process runs on the document (business key) with the route's variables
        CallActivity issuing = model.getModelElementById("issuing");
        ExtensionElements extensions = issuing.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            issuing.setExtensionElements(extensions);
        }
        extensions.addExtensionElement(CamundaIn.class).setCamundaBusinessKey("#{execution.processBusinessKey}");
        extensions.addExtensionElement(CamundaIn.class).setCamundaVariables("all");
        return model;
    }

    /** elementId → state, holders, doneBy of GET /api/documents/{id}/route, as "state holders doneBy". */
    Map<String, JsonNode> route(long id, String key, int version) {
        JsonNode route = as("chuyenvien").get("/api/documents/" + id + "/route").ok();
        assertThat(route.get("processKey").asText()).isEqualTo(key);
        assertThat(route.get("version").asInt()).isEqualTo(version);
        Map<String, JsonNode> steps = new java.util.LinkedHashMap<>();
        route.get("steps").forEach(s -> steps.put(s.get("elementId").asText(), s));
        return steps;
    }

    static String state(Map<String, JsonNode> steps, String element) {
        return steps.get(element).get("state").asText();
    }

    static List<String> holders(Map<String, JsonNode> steps, String element) {
        List<String> users = new ArrayList<>();
        steps.get(element).get("holders").forEach(h -> users.add(h.asText()));
        return users;
    }

    @Test
    void aGiayMoiThroughThreeReviewLevelsOfARouteDeployedAndBoundOverTheApi() throws Exception {
        String key = "baCap" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Api.Response deployed = RouteUploads.upload(as("admin"), "ba-cap.bpmn", RouteSamples.bytes(threeLevels(key)));
        assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
        int version = deployed.json().get("version").asInt();
        try {
            JsonNode bound = as("admin")
                    .put("/api/admin/routes/bindings/GM", Map.of("processKey", key))
                    .ok();
            assertThat(bound.get("processKey").asText()).isEqualTo(key);
            assertThat(bound.get("bound").asBoolean()).isTrue();
            assertThat(bound.get("boundBy").asText()).isEqualTo("admin");

            long id = flow.create(Drafts.invitation("Hội nghị ba cấp thẩm định", Drafts.uniqueDomain(), 2));
            Map<String, JsonNode> steps = route(id, key, version);
            assertThat(steps.keySet()).containsExactly("level1", "level2", "level3", "sign", "revise");
            assertThat(steps.values())
                    .allSatisfy(s -> assertThat(s.get("state").asText()).isEqualTo("pending"));

            assertThat(flow.submit(id).get("status").asText()).isEqualTo("IN_REVIEW");
            steps = route(id, key, version);
            assertThat(state(steps, "level1")).isEqualTo("active");
            assertThat(holders(steps, "level1")).containsExactly("phochanhvanphong");
            assertThat(steps.get("level1").get("kind").asText()).isEqualTo("review");
            assertThat(state(steps, "level2")).isEqualTo("pending");
            // the office chief is no holder of the first level
            assertThat(flow.decide(
                                    "chanhvanphong",
                                    flow.taskOf("phochanhvanphong", id, Kind.REVIEW),
                                    Decision.APPROVE,
                                    null)
                            .status())
                    .isEqualTo(403);

            flow.decideOk("phochanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            steps = route(id, key, version);
            assertThat(state(steps, "level1")).isEqualTo("done");
            assertThat(steps.get("level1").get("doneBy").asText()).isEqualTo("phochanhvanphong");
            assertThat(steps.get("level1").get("doneAt").asText()).isNotBlank();
            assertThat(state(steps, "level2")).isEqualTo("active");
            assertThat(holders(steps, "level2")).contains("chanhvanphong");

            // a return at the second level: after resubmitting, the route starts again at the first
            flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.RETURN, "Bổ sung thành phần.");
            steps = route(id, key, version);
            assertThat(state(steps, "revise")).isEqualTo("active");
            assertThat(holders(steps, "revise")).containsExactly("chuyenvien");
            assertThat(flow.submit(id).get("status").asText()).isEqualTo("IN_REVIEW");
            steps = route(id, key, version);
            assertThat(state(steps, "level1")).isEqualTo("active");
            assertThat(state(steps, "level2"))
                    .as("done in the earlier round only")
                    .isEqualTo("pending");
            assertThat(state(steps, "revise")).isEqualTo("pending");

            flow.decideOk("phochanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
            steps = route(id, key, version);
            assertThat(state(steps, "level2")).isEqualTo("done");
            assertThat(state(steps, "level3")).isEqualTo("active");
            assertThat(holders(steps, "level3")).containsExactly("phobithu");
            screenshot(id, "route-level3");

            flow.decideOk("phobithu", id, Kind.REVIEW, Decision.APPROVE, null);
            assertThat(flow.document(id).get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
            steps = route(id, key, version);
            assertThat(steps.get("level3").get("doneBy").asText()).isEqualTo("phobithu");
            assertThat(state(steps, "sign")).isEqualTo("active");
            assertThat(holders(steps, "sign")).containsExactly("bithu");

            JsonNode issued = flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);
            assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
            assertThat(issued.get("number").asText()).matches("\\d{2,}-GM/ĐUK");
            steps = route(id, key, version);
            assertThat(state(steps, "sign")).isEqualTo("done");
            assertThat(steps.get("sign").get("doneBy").asText()).isEqualTo("bithu");
            assertThat(List.of("level1", "level2", "level3"))
                    .allSatisfy(
                            s -> assertThat(state(route(id, key, version), s)).isEqualTo("done"));
            screenshot(id, "route-issued");
        } finally {
            // the context is shared: GM goes back to its configured route
            JsonNode restored =
                    as("admin").delete("/api/admin/routes/bindings/GM").ok();
            assertThat(restored.get("bound").asBoolean()).isFalse();
        }
        long after = flow.create(Drafts.invitation("Sau khi bỏ gán", Drafts.uniqueDomain(), 1));
        assertThat(as("chuyenvien")
                        .get("/api/documents/" + after + "/route")
                        .ok()
                        .get("processKey")
                        .asText())
                .isEqualTo(DocumentIssuanceProcess.KEY);
    }

    /** The document page as the clerk sees it, into target/route-screens (when Chromium is installed). */
    void screenshot(long id, String name) throws Exception {
        if (!Chromium.available()) {
            return;
        }
        Path profile = Files.createTempDirectory("vanthu-route-shot");
        ChromeDriver browser = Chromium.start(profile, "1400,1600");
        try {
            browser.get("http://localhost:" + port + "/login");
            browser.findElement(By.id("username")).sendKeys("vanthu");
            browser.findElement(By.id("password")).sendKeys("demo");
            browser.findElement(By.cssSelector("form button[type=submit]")).click();
            browser.findElement(By.cssSelector("header"));
            browser.get("http://localhost:" + port + "/van-ban/" + id);
            assertThat(browser.findElements(By.cssSelector("#quy-trinh svg.route-diagram")))
                    .hasSize(1);
            browser.executeScript("document.getElementById('quy-trinh').scrollIntoView()");
            Path dir = Path.of("target", "route-screens");
            Files.createDirectories(dir);
            Files.copy(
                    browser.getScreenshotAs(OutputType.FILE).toPath(),
                    dir.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.quit();
        }
    }
}

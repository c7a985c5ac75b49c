package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.RouteUploads;

/** POST/GET /api/admin/routes and the bindings over HTTP: every refusal on its element, and who may. */
class RouteAdminApiTest extends IntegrationTest {

    static String key() {
        return "thu" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    Api.Response upload(BpmnModelInstance model) {
        return RouteUploads.upload(as("admin"), "thu.bpmn", RouteSamples.bytes(model));
    }

    /** 400 whose errors include this element; returns that error's message. */
    String refusedOn(Api.Response response, String element) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        for (JsonNode error : response.json().get("errors")) {
            if (error.get("element").asText().equals(element)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error on " + element + ": " + response);
    }

    @Test
    void aValidRouteIsDeployedOnceListedAndOnlyByAdministrators() {
        String key = key();
        byte[] file = RouteSamples.bytes(RouteSamples.valid(key));
        Api.Response first = RouteUploads.upload(as("admin"), key + ".bpmn", file);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("processKey").asText()).isEqualTo(key);
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        // the same file again: the same version (duplicate filtering)
        Api.Response again = RouteUploads.upload(as("admin"), key + ".bpmn", file);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json().get("version").asInt()).isEqualTo(1);
        // a changed file: a new version
        BpmnModelInstance changed = RouteSamples.valid(key);
        changed.<UserTask>getModelElementById("review").setName("Thẩm định lại");
        assertThat(upload(changed).json().get("version").asInt()).isEqualTo(2);

        JsonNode listed = as("admin").get("/api/admin/routes").ok();
        JsonNode route = null;
        for (JsonNode r : listed.get("routes")) {
            if (r.get("processKey").asText().equals(key)) {
                route = r;
            }
        }
        assertThat(route).as(listed.toString()).isNotNull();
        assertThat(route.get("version").asInt()).isEqualTo(2);
        assertThat(route.get("name").asText()).isEqualTo("Quy trình thử");
        assertThat(route.get("versions")).hasSize(2);
        assertThat(route.get("deployedAt").asText()).isNotBlank();
        assertThat(listed.get("bindings").findValuesAsText("type")).contains("GM", "KL");
        assertThat(listed.toString()).doesNotContain("\"processKey\":\"documentRecall\"");

        for (String user : new String[] {"chanhvanphong", "vanthu", "bithu", "chuyenvien"}) {
            assertThat(RouteUploads.upload(as(user), key + ".bpmn", file).status())
                    .isEqualTo(403);
            assertThat(as(user).get("/api/admin/routes").status()).isEqualTo(403);
            assertThat(as(user).put("/api/admin/routes/bindings/GM", Map.of("processKey", key))
                            .status())
                    .isEqualTo(403);
            assertThat(as(user).delete("/api/admin/routes/bindings/GM").status())
                    .isEqualTo(403);
        }
        assertThat(as("admin").get("/api/admin/routes").ok().get("bindings").toString())
                .doesNotContain("\"processKey\":\"" + key + "\"");
    }

    @Test
    void notBpmnAndTheFileName() {
        assertThat(refusedOn(
                        RouteUploads.upload(as("admin"), "x.bpmn", "<khong".getBytes(StandardCharsets.UTF_8)), "file"))
                .contains("Không đọc được");
        assertThat(refusedOn(
                        RouteUploads.upload(as("admin"), "x.txt", RouteSamples.bytes(RouteSamples.valid(key()))),
                        "file"))
                .contains(".bpmn");
        assertThat(refusedOn(as("admin").post("/api/admin/routes", Map.of()), "file"))
                .isNotBlank();
        byte[] big = new byte[Routes.MAX_FILE_SIZE + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(refusedOn(RouteUploads.upload(as("admin"), "lon.bpmn", big), "file"))
                .contains("1 MB");
    }

    @Test
    void notExactlyOneExecutableProcess() {
        BpmnModelInstance model = RouteSamples.valid(key());
        model.getModelElementsByType(Process.class).forEach(p -> p.setExecutable(false));
        assertThat(refusedOn(upload(model), "file")).contains("đúng một quy trình");
    }

    @Test
    void aSystemProcessId() {
        assertThat(refusedOn(upload(RouteSamples.valid("deliveryRetry")), "deliveryRetry"))
                .contains("hệ thống");
        assertThat(refusedOn(upload(RouteSamples.valid("documentIssuing")), "documentIssuing"))
                .contains("hệ thống");
    }

    @Test
    void noHistoryTimeToLive() {
        String key = key();
        BpmnModelInstance model = RouteSamples.valid(key);
        model.<Process>getModelElementById(key).setCamundaHistoryTimeToLiveString(null);
        assertThat(refusedOn(upload(model), key)).contains("thời gian giữ lịch sử");
    }

    @Test
    void aUserTaskWithoutKindOrWithAnUnknownOne() {
        BpmnModelInstance model = RouteSamples.valid(key());
        UserTask review = model.getModelElementById("review");
        review.removeChildElement(review.getExtensionElements());
        assertThat(refusedOn(upload(model), "review")).contains("chưa khai báo loại");

        BpmnModelInstance unknown = RouteSamples.valid(key());
        unknown.getModelElementsByType(CamundaProperty.class).stream()
                .filter(p -> "review".equals(p.getCamundaValue()))
                .forEach(p -> p.setCamundaValue("duyet"));
        assertThat(refusedOn(upload(unknown), "review")).contains("«duyet»");
    }

    @Test
    void aCandidateGroupUnknownToTheIdentityService() {
        BpmnModelInstance model = RouteSamples.valid(key());
        model.<UserTask>getModelElementById("review").setCamundaCandidateGroups("deputyReviewers,banKhongCo");
        String message = refusedOn(upload(model), "review");
        assertThat(message).contains("«banKhongCo»");
        assertThat(message).doesNotContain("deputyReviewers");
    }

    @Test
    void anElementNotDrawnAndNoDiagram() {
        BpmnModelInstance model = RouteSamples.valid(key());
        BpmnShape sign = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> s.getBpmnElement().getId().equals("sign"))
                .findFirst()
                .orElseThrow();
        sign.getParentElement().removeChildElement(sign);
        assertThat(refusedOn(upload(model), "sign")).contains("chưa được vẽ");

        BpmnModelInstance bare = RouteSamples.valid(key());
        BpmnDiagram diagram =
                bare.getModelElementsByType(BpmnDiagram.class).iterator().next();
        diagram.getParentElement().removeChildElement(diagram);
        Api.Response refused = upload(bare);
        assertThat(refusedOn(refused, "file")).contains("không có sơ đồ");
        assertThat(refused.json().get("errors")).hasSize(1);
    }

    @Test
    void noSignTaskOrNoIssueStep() {
        String key = key();
        BpmnModelInstance model = RouteSamples.valid(key);
        model.getModelElementsByType(CamundaProperty.class).stream()
                .filter(p -> "sign".equals(p.getCamundaValue()))
                .forEach(p -> p.setCamundaValue("review"));
        assertThat(refusedOn(upload(model), key)).contains("không có bước ký");

        String other = key();
        BpmnModelInstance noIssue = RouteSamples.valid(other);
        noIssue.<CallActivity>getModelElementById("issue").setCalledElement("documentRecall");
        assertThat(refusedOn(upload(noIssue), other)).contains("không có bước ban hành");
    }

    @Test
    void aPathAroundTheSignTask() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key())
                .camundaHistoryTimeToLive(3650)
                .startEvent("start")
                .userTask("review")
                .camundaCandidateGroups("reviewers")
                .exclusiveGateway("fork")
                .condition("ký", "${reviewDecision == 'approve'}")
                .userTask("sign")
                .camundaAssignee("${signer}")
                .callActivity("issue")
                .calledElement(RouteValidator.ISSUING_PROCESS)
                .endEvent("end")
                .moveToNode("fork")
                .condition("tắt", "${reviewDecision == 'return'}")
                .connectTo("issue")
                .done();
        RouteSamples.kind(model, "review", "review");
        RouteSamples.kind(model, "sign", "sign");
        assertThat(refusedOn(upload(model), "issue")).contains("không qua bước ký");
    }

    @Test
    void whatCamundasParserRefusesComesBackOnItsElement() {
        BpmnModelInstance model = Bpmn.createExecutableProcess(key())
                .camundaHistoryTimeToLive(3650)
                .startEvent("start")
                .userTask("sign")
                .camundaAssignee("${signer}")
                .serviceTask("noImplementation")
                .name("Việc máy không biết làm")
                .callActivity("issue")
                .calledElement(RouteValidator.ISSUING_PROCESS)
                .endEvent("end")
                .done();
        RouteSamples.kind(model, "sign", "sign");
        assertThat(refusedOn(upload(model), "noImplementation")).startsWith("Camunda không nhận quy trình");
    }

    @Test
    void bindingsRefuseUnknownTypesUndeployedAndSystemRoutes() {
        Api admin = as("admin");
        Api.Response unknownType = admin.put("/api/admin/routes/bindings/XX", Map.of("processKey", "documentIssuance"));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.json().get("errors").get(0).get("field").asText())
                .isEqualTo("type");
        Api.Response undeployed = admin.put("/api/admin/routes/bindings/GM", Map.of("processKey", "khongCoQuyTrinh"));
        assertThat(undeployed.status()).isEqualTo(400);
        assertThat(undeployed.json().get("errors").get(0).get("field").asText()).isEqualTo("processKey");
        Api.Response system = admin.put("/api/admin/routes/bindings/GM", Map.of("processKey", "documentRecall"));
        assertThat(system.status()).isEqualTo(400);
        Api.Response nothing = admin.put("/api/admin/routes/bindings/GM", Map.of());
        assertThat(nothing.status()).isEqualTo(400);
        // back to the default: the binding says so
        JsonNode unbound = admin.delete("/api/admin/routes/bindings/GM").ok();
        assertThat(unbound.get("bound").asBoolean()).isFalse();
        assertThat(unbound.get("processKey").asText()).isEqualTo(DocumentIssuanceProcess.KEY);
    }
}

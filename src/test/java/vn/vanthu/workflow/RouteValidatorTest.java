package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** Each of Văn thư's refusals of a route, on a small route built here (no Spring, no engine). */
class RouteValidatorTest {

    static final Set<String> GROUPS = Set.of("reviewers", "deputyReviewers", "signers", "clerks");

    final RouteValidator validator = new RouteValidator(GROUPS::contains);

    List<RouteError> errors(BpmnModelInstance model) {
        return validator.check(RouteSamples.bytes(model)).errors();
    }

    @Test
    void aValidRouteHasNoErrorsAndTheBuilderDrawsTheDiagram() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        assertThat(model.getModelElementsByType(BpmnShape.class)).isNotEmpty();
        assertThat(model.getModelElementsByType(BpmnEdge.class)).isNotEmpty();
        RouteValidator.Checked checked = validator.check(RouteSamples.bytes(model));
        assertThat(checked.errors()).isEmpty();
        assertThat(checked.processKey()).isEqualTo("thu");
        assertThat(checked.name()).isEqualTo("Quy trình thử");
    }

    @Test
    void notBpmn() {
        assertThat(validator
                        .check("<khong-phai".getBytes(StandardCharsets.UTF_8))
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.element()).isEqualTo("file"));
        assertThat(validator
                        .check(
                                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                                        .getBytes(StandardCharsets.UTF_8))
                        .errors())
                .extracting(RouteError::element)
                .containsExactly("file");
    }

    @Test
    void notExactlyOneExecutableProcess() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        model.<Process>getModelElementById("thu").setExecutable(false);
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("file");
            assertThat(e.message()).contains("đúng một quy trình");
        });
    }

    @Test
    void aSystemProcessId() {
        assertThat(errors(RouteSamples.valid("documentRecall")))
                .extracting(RouteError::element)
                .containsExactly("documentRecall");
        assertThat(errors(RouteSamples.valid(RouteValidator.ISSUING_PROCESS)))
                .extracting(RouteError::element)
                .containsExactly(RouteValidator.ISSUING_PROCESS);
    }

    @Test
    void noHistoryTimeToLive() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        model.<Process>getModelElementById("thu").setCamundaHistoryTimeToLiveString(null);
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("thu");
            assertThat(e.message()).contains("thời gian giữ lịch sử");
        });
    }

    @Test
    void aUserTaskWithoutKind() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        UserTask review = model.getModelElementById("review");
        review.removeChildElement(review.getExtensionElements());
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("review");
            assertThat(e.message()).contains("chưa khai báo loại");
        });
    }

    @Test
    void aUserTaskWithAnUnknownKind() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        model.getModelElementsByType(CamundaProperty.class).stream()
                .filter(p -> "review".equals(p.getCamundaValue()))
                .forEach(p -> p.setCamundaValue("approve"));
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("review");
            assertThat(e.message()).contains("«approve»");
        });
    }

    @Test
    void aCandidateGroupThatDoesNotExist() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        model.<UserTask>getModelElementById("review").setCamundaCandidateGroups("reviewers, banKhongCo");
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("review");
            assertThat(e.message()).contains("«banKhongCo»");
        });
        // an expression is known only when the task is created
        model.<UserTask>getModelElementById("review").setCamundaCandidateGroups("${boardsOf(document)}");
        assertThat(errors(model)).isEmpty();
    }

    @Test
    void aFlowNodeOrFlowNotDrawn() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        BpmnShape review = model.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> s.getBpmnElement().getId().equals("review"))
                .findFirst()
                .orElseThrow();
        review.getParentElement().removeChildElement(review);
        BpmnEdge edge = model.getModelElementsByType(BpmnEdge.class).iterator().next();
        String flowId = edge.getBpmnElement().getId();
        edge.getParentElement().removeChildElement(edge);
        assertThat(errors(model)).extracting(RouteError::element).containsExactlyInAnyOrder("review", flowId);
    }

    @Test
    void noDiagramAtAll() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        BpmnDiagram diagram =
                model.getModelElementsByType(BpmnDiagram.class).iterator().next();
        diagram.getParentElement().removeChildElement(diagram);
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("file");
            assertThat(e.message()).contains("không có sơ đồ");
        });
    }

    @Test
    void noSignTask() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        model.getModelElementsByType(CamundaProperty.class).stream()
                .filter(p -> "sign".equals(p.getCamundaValue()))
                .forEach(p -> p.setCamundaValue("review"));
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("thu");
            assertThat(e.message()).contains("không có bước ký");
        });
    }

    @Test
    void noIssueStep() {
        BpmnModelInstance model = RouteSamples.valid("thu");
        model.<CallActivity>getModelElementById("issue").setCalledElement("somethingElse");
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("thu");
            assertThat(e.message()).contains("không có bước ban hành");
        });
    }

    @Test
    void aPathToTheIssueStepAroundTheSignTask() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("tat")
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
                .condition("tắt", "${reviewDecision == 'urgent'}")
                .connectTo("issue")
                .done();
        RouteSamples.kind(model, "review", "review");
        RouteSamples.kind(model, "sign", "sign");
        assertThat(errors(model)).singleElement().satisfies(e -> {
            assertThat(e.element()).isEqualTo("issue");
            assertThat(e.message()).contains("không qua bước ký");
        });
    }

    @Test
    void aSignTaskInsideASubProcessGuardsTheIssueStepAfterIt() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("con")
                .camundaHistoryTimeToLive(3650)
                .startEvent("start")
                .subProcess("approval")
                .embeddedSubProcess()
                .startEvent("innerStart")
                .userTask("sign")
                .camundaAssignee("${signer}")
                .endEvent("innerEnd")
                .subProcessDone()
                .callActivity("issue")
                .calledElement(RouteValidator.ISSUING_PROCESS)
                .endEvent("end")
                .done();
        RouteSamples.kind(model, "sign", "sign");
        assertThat(errors(model)).isEmpty();
    }
}

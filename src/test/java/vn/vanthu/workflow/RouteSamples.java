package vn.vanthu.workflow;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/** Small routes for the validation tests, built with Camunda's fluent builder (which draws the diagram too). */
public final class RouteSamples {

    private RouteSamples() {}

    /** start → review (reviewers) → sign (${signer}) → issue (calls documentIssuing) → end; every task has its kind. */
    public static BpmnModelInstance valid(String processKey) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(processKey)
                .name("Quy trình thử")
                .camundaHistoryTimeToLive(3650)
                .startEvent("start")
                .name("Trình")
                .userTask("review")
                .name("Thẩm định")
                .camundaCandidateGroups("reviewers")
                .userTask("sign")
                .name("Ký")
                .camundaAssignee("${signer}")
                .callActivity("issue")
                .name("Ban hành")
                .calledElement(RouteValidator.ISSUING_PROCESS)
                .endEvent("end")
                .name("Xong")
                .done();
        kind(model, "review", "review");
        kind(model, "sign", "sign");
        return model;
    }

    /** Gives a user task the kind property. */
    public static void kind(BpmnModelInstance model, String taskId, String kind) {
        UserTask task = model.getModelElementById(taskId);
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            extensions = model.newInstance(ExtensionElements.class);
            task.setExtensionElements(extensions);
        }
        CamundaProperties properties = extensions.addExtensionElement(CamundaProperties.class);
        CamundaProperty property = model.newInstance(CamundaProperty.class);
        property.setCamundaName("kind");
        property.setCamundaValue(kind);
        properties.getCamundaProperties().add(property);
    }

    public static byte[] bytes(BpmnModelInstance model) {
        return Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
    }
}

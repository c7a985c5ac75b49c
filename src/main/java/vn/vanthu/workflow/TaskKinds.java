package vn.vanthu.workflow;

import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A user task's {@link Kind}, read from the extension property its route declares. Java asks this,
 * never a task's id, so that an office may draw its own route (docs/routes.md).
 */
final class TaskKinds {

    /**
     * Documents in flight on versions of documentIssuance deployed before tasks declared a kind
     * finish on their version; their tasks are known by the ids those versions used.
     */
    private static final Map<String, Kind> BEFORE_KINDS = Map.of(
            "review", Kind.REVIEW,
            "sign", Kind.SIGN,
            "revise", Kind.REVISE,
            "resolveIssueFailure", Kind.RESOLVE_ISSUE_FAILURE);

    private TaskKinds() {}

    /** The kind of a task the engine is creating or completing. */
    public static Optional<Kind> of(DelegateTask task) {
        Optional<Kind> declared = of(task.getBpmnModelElementInstance());
        if (declared.isPresent()) {
            return declared;
        }
        return declaresKind(task.getBpmnModelElementInstance())
                ? Optional.empty()
                : Optional.ofNullable(BEFORE_KINDS.get(task.getTaskDefinitionKey()));
    }

    /** The kind a model element declares (a user task of a route), if it is one Văn thư knows. */
    public static Optional<Kind> of(ModelElementInstance element) {
        return declared(element).flatMap(Kind::byWire);
    }

    /** The raw value of the element's kind property, known or not. */
    public static Optional<String> declared(ModelElementInstance element) {
        if (!(element instanceof UserTask task)) {
            return Optional.empty();
        }
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions == null) {
            return Optional.empty();
        }
        return extensions.getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(p -> DocumentIssuanceProcess.KIND_PROPERTY.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .map(v -> v == null ? "" : v.strip())
                .findFirst();
    }

    private static boolean declaresKind(ModelElementInstance element) {
        return declared(element).isPresent();
    }
}

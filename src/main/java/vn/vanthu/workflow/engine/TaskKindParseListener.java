package vn.vanthu.workflow.engine;

import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.listener.ExpressionExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.el.ExpressionManager;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.task.listener.DelegateExpressionTaskListener;
import org.camunda.bpm.engine.impl.util.xml.Element;
import vn.vanthu.workflow.DocumentIssuanceProcess;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Gives every user task that declares a {@link Kind} what the kind means, whatever route it is
 * drawn in: the decision listener {@code ${taskDecisions}} on create and complete (which refuses a
 * completion without a known decision, whichever API completes it), and the document's status while
 * the task is open. An office's route cannot leave them out, so Camunda's REST API cannot reach a
 * task around them.
 */
public class TaskKindParseListener extends AbstractBpmnParseListener {

    static final String DECISIONS = "${taskDecisions}";

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        Kind kind = kind(userTaskElement);
        if (kind == null || !(activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior)) {
            return;
        }
        ExpressionManager expressions = Context.getProcessEngineConfiguration().getExpressionManager();
        TaskDefinition definition = behavior.getTaskDefinition();
        for (String event : List.of(TaskListener.EVENTNAME_CREATE, TaskListener.EVENTNAME_COMPLETE)) {
            boolean drawn = definition.getTaskListeners().getOrDefault(event, List.of()).stream()
                    .anyMatch(l ->
                            l instanceof DelegateExpressionTaskListener d && DECISIONS.equals(d.getExpressionText()));
            if (!drawn) {
                definition.addTaskListener(
                        event, new DelegateExpressionTaskListener(expressions.createExpression(DECISIONS), List.of()));
            }
        }
        activity.addListener(
                ExecutionListener.EVENTNAME_START,
                new ExpressionExecutionListener(
                        expressions.createExpression("${documentStatus.mark(execution, '" + kind.status() + "')}")));
    }

    /** The kind the task's camunda:properties declare, if Văn thư knows it. */
    static Kind kind(Element userTask) {
        Element extensions = userTask.element("extensionElements");
        if (extensions == null) {
            return null;
        }
        Element properties = extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
        if (properties == null) {
            return null;
        }
        return properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property").stream()
                .filter(p -> DocumentIssuanceProcess.KIND_PROPERTY.equals(p.attribute("name")))
                .map(p -> p.attribute("value"))
                .map(v -> Kind.byWire(v == null ? "" : v.strip()).orElse(null))
                .findFirst()
                .orElse(null);
    }
}

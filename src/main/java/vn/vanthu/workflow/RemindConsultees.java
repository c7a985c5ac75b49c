package vn.vanthu.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * ${remindConsultees}: the consultation's reminder timer fired; each consultee whose consult task
 * is still open hears of it by email (StepNotices' mail), those who answered do not.
 */
@Component("remindConsultees")
class RemindConsultees implements JavaDelegate {

    private final TaskService tasks;
    private final StepNotices notices;

    RemindConsultees(TaskService tasks, StepNotices notices) {
        this.tasks = tasks;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Map<String, String> open = new LinkedHashMap<>();
        for (Task task : tasks.createTaskQuery()
                .processInstanceId(execution.getProcessInstanceId())
                .active()
                .list()) {
            if (task.getAssignee() != null && isConsult(execution, task.getTaskDefinitionKey())) {
                open.put(task.getAssignee(), task.getId());
            }
        }
        notices.remind(
                DocumentIssuanceProcess.Variables.DOCUMENT_ID.get(execution),
                open,
                "Dự thảo chờ ý kiến góp ý của đồng chí, sắp hết hạn");
    }

    /** Known by its kind, not its id: an office may draw its own consult tasks. */
    private static boolean isConsult(DelegateExecution execution, String taskDefinitionKey) {
        ModelElementInstance task = execution.getBpmnModelInstance().getModelElementById(taskDefinitionKey);
        return TaskKinds.of(task)
                .filter(kind -> kind == DocumentIssuanceProcess.Kind.CONSULT)
                .isPresent();
    }
}

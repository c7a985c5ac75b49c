package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;

/**
 * Whether the job running a service task is on its last attempt: the engine turns a failure then
 * into an incident that only Cockpit shows, so a step that must never leave a document with nobody
 * holding it takes its BPMN error path instead.
 */
final class LastAttempt {

    private LastAttempt() {}

    /**
     * True when the job of this execution's activity has one retry left (with a retry cycle of R5
     * the job runs with 5, 4, 3, 2, 1). Not run by a job of this activity (a synchronous call):
     * true, as no retry will follow.
     */
    static boolean of(DelegateExecution execution) {
        // the engine's own record of the job it runs (a query would not find it: an async
        // continuation's job is deleted before its activity runs, and restored only on failure)
        CommandContext command = Context.getCommandContext();
        JobEntity job = command == null ? null : command.getCurrentJob();
        // the activity's own execution is a child of the job's when the activity is a scope (it
        // has a boundary event): the process instance and the activity say whose job it is
        boolean ours = job != null
                && execution.getProcessInstanceId().equals(job.getProcessInstanceId())
                && execution.getCurrentActivityId().equals(job.getActivityId());
        return !ours || job.getRetries() <= 1;
    }
}

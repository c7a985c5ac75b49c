package vn.vanthu.workflow;

import java.util.Objects;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import vn.vanthu.workflow.DocumentIssuanceProcess.DeliveryRetry;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import vn.vanthu.distribution.Delivery;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.security.AccessPolicy;
import vn.vanthu.security.AccessPolicy.Action;
import vn.vanthu.security.Caller;

/**
 * The clerk's retry of a FAILED email. If its job still waits in an incident (retries ran out),
 * the job is re-armed in place, so the process it belongs to can finish; if the job has ended
 * (the address was refused for good), bpmn/delivery-retry.bpmn sends it once more.
 */
@Service
public class Redelivery {

    private final DeliveryService deliveries;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final AccessPolicy access;

    Redelivery(DeliveryService deliveries, ManagementService management, RuntimeService runtime, AccessPolicy access) {
        this.access = access;
        this.deliveries = deliveries;
        this.management = management;
        this.runtime = runtime;
    }

    @Transactional
    public Delivery retry(Long deliveryId, Caller caller) {
        access.check(caller, Action.RETRY_DELIVERY);
        Delivery delivery = deliveries.reopen(deliveryId);
        String activity = switch (delivery.kind()) {
            case ISSUE -> Elements.SEND_DOCUMENT;
            case REMINDER -> Elements.SEND_MEETING_REMINDER;
            case RECALL -> Elements.SEND_RECALL_NOTICE;
        };
        Job stuck = runtime.createProcessInstanceQuery().processInstanceBusinessKey(delivery.documentId().toString())
                .list().stream()
                .flatMap(instance -> management.createJobDefinitionQuery()
                        .processDefinitionId(instance.getProcessDefinitionId()).activityIdIn(activity).list().stream()
                        .flatMap(definition -> management.createJobQuery().processInstanceId(instance.getId())
                                .jobDefinitionId(definition.getId()).noRetriesLeft().list().stream()))
                .filter(job -> Objects.equals(Variables.LOOP_COUNTER.convert(
                        runtime.getVariableLocal(job.getExecutionId(), Variables.LOOP_COUNTER.name())), delivery.position()))
                .findFirst().orElse(null);
        if (stuck != null) {
            management.setJobRetries(stuck.getId(), 1);
        } else {
            runtime.startProcessInstanceByKey(DeliveryRetry.KEY, delivery.documentId().toString(),
                    Variables.atRetry(delivery.documentId(), delivery.kind().name(), delivery.position()));
        }
        return deliveries.get(deliveryId);
    }
}

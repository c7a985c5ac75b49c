package vn.vanthu.workflow;

import java.util.Objects;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.AccessPolicy.Action;
import vn.vanthu.security.Caller;
import vn.vanthu.workflow.DocumentIssuanceProcess.DeliveryRetry;
import vn.vanthu.workflow.DocumentIssuanceProcess.Elements;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The clerk's retry of a FAILED email. If its job still waits in an incident (retries ran out),
 * the job is re-armed in place for one run, so the process it belongs to can finish; if the job
 * has ended (the address was refused for good), bpmn/delivery-retry.bpmn sends it once more with
 * the retry schedule. Either way a failure brings the delivery back to FAILED with its error, and
 * parallel clicks send one email: only one of them turns the FAILED row into PENDING.
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

    /**
     * The clerk's corrected address (issue 14, item 7): the delivery takes it and goes out again
     * through the same retry path. Returns the delivery as it was before (its old address).
     */
    @Transactional
    public Delivery correctAndResend(Long deliveryId, String email, Caller caller) {
        access.check(caller, Action.CORRECT_DELIVERY);
        Delivery before = deliveries.correctAddress(deliveryId, email);
        retry(deliveryId, caller);
        return before;
    }

    @Transactional
    public Delivery retry(Long deliveryId, Caller caller) {
        access.check(caller, Action.RETRY_DELIVERY);
        Delivery delivery = deliveries.get(deliveryId);
        String activity = switch (delivery.kind()) {
            case ISSUE -> Elements.SEND_DOCUMENT;
            case REMINDER -> Elements.SEND_MEETING_REMINDER;
            case RECALL -> Elements.SEND_RECALL_NOTICE;
        };
        Job stuck = runtime
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(delivery.documentId().toString())
                .list()
                .stream()
                .flatMap(instance -> management
                        .createJobDefinitionQuery()
                        .processDefinitionId(instance.getProcessDefinitionId())
                        .activityIdIn(activity)
                        .list()
                        .stream()
                        .flatMap(definition -> management
                                .createJobQuery()
                                .processInstanceId(instance.getId())
                                .jobDefinitionId(definition.getId())
                                .noRetriesLeft()
                                .list()
                                .stream()))
                .filter(job -> Objects.equals(
                        Variables.LOOP_COUNTER.convert(
                                runtime.getVariableLocal(job.getExecutionId(), Variables.LOOP_COUNTER.name())),
                        delivery.position()))
                .findFirst()
                .orElse(null);
        // the conditional reopen first: a parallel retry that lost the race stops here with 409,
        // before it touches the job or starts a process
        if (stuck != null) {
            // one more run of the old job, so that its failure marks the delivery FAILED again
            // (with a fresh count it would stay PENDING behind an incident for ever)
            deliveries.reopen(deliveryId, 1);
            management.setJobRetries(stuck.getId(), 1);
        } else {
            // a new job with the whole retry schedule; its last failed attempt marks it FAILED
            deliveries.reopen(deliveryId, deliveries.fullSchedule());
            runtime.startProcessInstanceByKey(
                    DeliveryRetry.KEY,
                    delivery.documentId().toString(),
                    Variables.atRetry(delivery.documentId(), delivery.kind().name(), delivery.position()));
        }
        return deliveries.get(deliveryId);
    }
}

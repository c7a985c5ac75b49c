package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import vn.vanthu.distribution.DeliveryService;

/** One instance of the fan-out: the email to recipient number loopCounter. */
@Component("sendDocument")
class SendDocumentDelegate implements JavaDelegate {

    private final DeliveryService deliveries;

    SendDocumentDelegate(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public void execute(DelegateExecution execution) {
        int position = (Integer) execution.getVariable("loopCounter");
        deliveries.sendIssued(Long.valueOf(execution.getProcessBusinessKey()), position);
    }
}

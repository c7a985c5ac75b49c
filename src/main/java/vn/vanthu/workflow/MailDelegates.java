package vn.vanthu.workflow;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.distribution.DeliveryService;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * The BPMN's mail steps, each one email to the recipient at position loopCounter of a
 * multi-instance (one job per recipient): ${sendDocument}, ${sendMeetingReminder}, ${sendRecallNotice}.
 */
@Configuration
class MailDelegates {

    @Bean
    JavaDelegate sendDocument(DeliveryService deliveries) {
        return execution -> deliveries.send(documentId(execution), Delivery.Kind.ISSUE, position(execution));
    }

    @Bean
    JavaDelegate sendMeetingReminder(DeliveryService deliveries) {
        return execution -> deliveries.send(documentId(execution), Delivery.Kind.REMINDER, position(execution));
    }

    @Bean
    JavaDelegate sendRecallNotice(DeliveryService deliveries) {
        return execution -> deliveries.send(documentId(execution), Delivery.Kind.RECALL, position(execution));
    }

    /** A clerk's retry of one delivery, in its own small process (bpmn/delivery-retry.bpmn). */
    @Bean
    JavaDelegate resendDelivery(DeliveryService deliveries) {
        return execution -> deliveries.send(
                documentId(execution),
                Delivery.Kind.valueOf(Variables.KIND.get(execution)),
                Variables.POSITION.get(execution));
    }

    static Long documentId(DelegateExecution execution) {
        return Long.valueOf(execution.getProcessBusinessKey());
    }

    static int position(DelegateExecution execution) {
        return Variables.LOOP_COUNTER.get(execution);
    }
}

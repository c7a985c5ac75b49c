package vn.vanthu.workflow;

import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import vn.vanthu.document.DocumentService;

/**
 * What bpmn/routes/consultation.bpmn (and any route an office draws with a consult task) reads:
 * {@code ${consultation.consultees(execution)}}, {@code ${consultation.remindAfter}},
 * {@code ${consultation.answerWithin}}.
 */
@Component("consultation")
public class Consultation {

    /** vanthu.workflow.consultation.*: when the consultees are reminded, and when the route goes on without them. */
    @ConfigurationProperties("vanthu.workflow.consultation")
    record Settings(
            @DefaultValue("P1D") Duration remindAfter,
            @DefaultValue("P3D") Duration answerWithin) {}

    private final DocumentService documents;
    private final Settings settings;

    Consultation(DocumentService documents, Settings settings) {
        this.documents = documents;
        this.settings = settings;
    }

    /** The staff user ids the draft names for consultation, one consult task each; empty: no consultation. */
    public List<String> consultees(DelegateExecution execution) {
        List<String> consultees = documents.consultees(DocumentIssuanceProcess.Variables.DOCUMENT_ID.get(execution));
        return consultees == null ? List.of() : List.copyOf(consultees);
    }

    /** ISO-8601 duration of the non-interrupting reminder timer. */
    public String getRemindAfter() {
        return settings.remindAfter().toString();
    }

    /** ISO-8601 duration after which the consultation closes with the opinions given. */
    public String getAnswerWithin() {
        return settings.answerWithin().toString();
    }
}

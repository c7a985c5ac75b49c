package vn.vanthu.workflow;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Optional;
import java.util.function.Function;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.Urgency;
import vn.vanthu.workflow.DocumentIssuanceProcess.Variables;

/**
 * Hạn xử lý of a step, for the BPMN: {@code camunda:dueDate="${deadlines.byUrgency(execution)}"}.
 * An urgent document (any độ khẩn: KHẨN, THƯỢNG KHẨN, HỎA TỐC) is due {@code urgent} after the step
 * opens, any other {@code working-days} working days later at the same time of day (Saturday and
 * Sunday skipped in Vietnam time; public holidays are not known here). Engine time, so that tests
 * can move it.
 */
@Component("deadlines")
public class Deadlines {

    private final Duration urgent;
    private final int workingDays;
    private final Function<Long, Optional<Urgency>> urgencyOf;

    @Autowired
    Deadlines(WorkflowProperties.Deadlines settings, DocumentService documents) {
        this(
                settings.urgent(),
                settings.workingDays(),
                id -> documents
                        .find(id)
                        .map(d -> documents.currentVersion(d).content().urgency()));
    }

    /** Without Spring (a bare engine's test): the document's urgency from the function. */
    public Deadlines(Duration urgent, int workingDays, Function<Long, Optional<Urgency>> urgencyOf) {
        if (urgent.isNegative() || workingDays < 0) {
            throw new IllegalArgumentException(
                    "vanthu.workflow.deadlines: urgent and working-days must not be negative");
        }
        this.urgent = urgent;
        this.workingDays = workingDays;
        this.urgencyOf = urgencyOf;
    }

    /** When a step opened now for the execution's document is due. */
    public Date byUrgency(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        Long documentId = key != null && !key.isBlank() ? Long.valueOf(key) : Variables.DOCUMENT_ID.get(execution);
        Urgency urgency =
                documentId == null ? null : urgencyOf.apply(documentId).orElse(null);
        return Date.from(due(ClockUtil.getCurrentTime().toInstant(), urgency));
    }

    /** now + urgent for an urgent document, else now + working days (same time of day, weekends skipped). */
    Instant due(Instant now, Urgency urgency) {
        if (urgency != null) {
            return now.plus(urgent);
        }
        ZonedDateTime at = now.atZone(OrganisationProperties.VIETNAM);
        for (int left = workingDays; left > 0; ) {
            at = at.plusDays(1);
            if (at.getDayOfWeek() != DayOfWeek.SATURDAY && at.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return at.toInstant();
    }
}

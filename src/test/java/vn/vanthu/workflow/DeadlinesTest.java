package vn.vanthu.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.Urgency;

/** Hạn xử lý without Spring: urgent documents by the hour, the others by working days in Vietnam time. */
class DeadlinesTest {

    final Deadlines deadlines = new Deadlines(Duration.ofHours(4), 2, id -> Optional.empty());

    static Instant vn(String localDateTime) {
        return LocalDateTime.parse(localDateTime)
                .atZone(OrganisationProperties.VIETNAM)
                .toInstant();
    }

    @Test
    void fridayAfternoonPlusTwoWorkingDaysIsTuesdaySameTime() {
        // 04/12/2026 is a Friday
        assertThat(deadlines.due(vn("2026-12-04T16:00"), null)).isEqualTo(vn("2026-12-08T16:00"));
    }

    @Test
    void midweekSkipsNothing() {
        assertThat(deadlines.due(vn("2026-12-07T09:30"), null)).isEqualTo(vn("2026-12-09T09:30"));
        assertThat(deadlines.due(vn("2026-12-09T09:30"), null)).isEqualTo(vn("2026-12-11T09:30"));
        assertThat(deadlines.due(vn("2026-12-10T09:30"), null)).isEqualTo(vn("2026-12-14T09:30"));
    }

    @Test
    void aStepOpenedAtTheWeekendCountsFromMonday() {
        assertThat(deadlines.due(vn("2026-12-05T10:00"), null)).isEqualTo(vn("2026-12-08T10:00"));
        assertThat(deadlines.due(vn("2026-12-06T10:00"), null)).isEqualTo(vn("2026-12-08T10:00"));
    }

    @Test
    void theWeekdayIsVietnamsNotUtcs() {
        // Saturday 05/12 06:00 in Vietnam is still Friday 23:00 UTC: the weekend is skipped all the same
        assertThat(deadlines.due(vn("2026-12-05T06:00"), null)).isEqualTo(vn("2026-12-08T06:00"));
    }

    @Test
    void everyUrgencyIsDueInFourHoursEvenAtTheWeekend() {
        for (Urgency urgency : Urgency.values()) {
            assertThat(deadlines.due(vn("2026-12-04T16:00"), urgency)).isEqualTo(vn("2026-12-04T20:00"));
        }
        assertThat(deadlines.due(vn("2026-12-05T22:00"), Urgency.KHAN)).isEqualTo(vn("2026-12-06T02:00"));
    }

    @Test
    void theSettingsAreTheirs() {
        Deadlines other = new Deadlines(Duration.ofMinutes(90), 5, id -> Optional.empty());
        assertThat(other.due(vn("2026-12-04T16:00"), null)).isEqualTo(vn("2026-12-11T16:00"));
        assertThat(other.due(vn("2026-12-04T16:00"), Urgency.HOA_TOC)).isEqualTo(vn("2026-12-04T17:30"));
        assertThatThrownBy(() -> new Deadlines(Duration.ofHours(-1), 2, id -> Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theExpressionReadsTheDocumentOfTheBusinessKeyAtEngineTime() {
        ClockUtil.setCurrentTime(java.util.Date.from(vn("2026-12-04T16:00")));
        Deadlines byDocument = new Deadlines(
                Duration.ofHours(4), 2, id -> id == 7L ? Optional.of(Urgency.THUONG_KHAN) : Optional.empty());
        DelegateExecution urgent = Mockito.mock(DelegateExecution.class);
        Mockito.when(urgent.getProcessBusinessKey()).thenReturn("7");
        DelegateExecution plain = Mockito.mock(DelegateExecution.class);
        Mockito.when(plain.getProcessBusinessKey()).thenReturn("8");

        assertThat(byDocument.byUrgency(urgent).toInstant()).isEqualTo(vn("2026-12-04T20:00"));
        assertThat(byDocument.byUrgency(plain).toInstant()).isEqualTo(vn("2026-12-08T16:00"));
    }
}

package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import vn.vanthu.directory.Groups;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** Every code the pages show has its Vietnamese label: a new enum value without one fails here. No Spring. */
class WebLabelsTest {

    /** The directory is only asked for people's names, which these tests do not ask. */
    final WebLabels labels = new WebLabels(null, null);

    @ParameterizedTest
    @EnumSource(DocumentStatus.class)
    void everyStatus(DocumentStatus status) {
        assertThat(labels.status(status)).isNotBlank().isNotEqualTo(status.name());
    }

    @ParameterizedTest
    @EnumSource(Decision.class)
    void everyDecisionTakesItsLabelFromTheEnum(Decision decision) {
        assertThat(decision.label()).isNotBlank();
        assertThat(labels.action(decision.event())).isEqualTo(decision.label());
        assertThat(labels.decision(decision.wire())).isEqualTo(decision.label());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyStep(Kind task) {
        assertThat(labels.step(task.wire())).isNotBlank().isNotEqualTo(task.wire());
    }

    @ParameterizedTest
    @EnumSource(Delivery.State.class)
    void everyDeliveryState(Delivery.State state) {
        assertThat(labels.delivery(state.name()))
                .isNotBlank()
                .isNotEqualTo(state.name())
                .isNotEqualTo("—");
    }

    @ParameterizedTest
    @EnumSource(Delivery.Response.class)
    void everyAnswerToAnInvitationAndItsHistoryLine(Delivery.Response response) {
        String label = labels.response(response.name());
        assertThat(label).isNotBlank().isNotEqualTo(response.name()).isNotEqualTo("—");
        assertThat(labels.action(WebLabels.ANSWERED + response.name())).contains(label);
    }

    @Test
    void everyOtherHistoryEvent() {
        // what DocumentService, DocumentWorkflow, DocumentIssuer, DocumentRecall and DeliveryService record
        for (String event : List.of("CREATED", "EDITED", "SUBMITTED", "ISSUED", "RECALLED", "RECEIVED")) {
            assertThat(labels.action(event)).as(event).isNotBlank().isNotEqualTo(event);
        }
        // issue 14: meeting papers, the attendance reminder, a calendar's "maybe"
        for (String event : List.of("PAPER_ADDED", "PAPER_REMOVED", "REMINDED_UNANSWERED", "CALENDAR_TENTATIVE")) {
            assertThat(labels.action(event)).as(event).isNotBlank().isNotEqualTo(event);
        }
        assertThat(WebLabels.ACTIONS.keySet())
                .as("no event is labelled twice")
                .doesNotContainAnyElementsOf(java.util.Arrays.stream(Decision.values())
                        .map(Decision::event)
                        .toList());
    }

    @Test
    void everyGroup() {
        for (String group : Groups.STAFF) {
            assertThat(labels.group(group)).as(group).isNotBlank().isNotEqualTo(group);
        }
    }

    @Test
    void nothingShowsAsNull() {
        assertThat(labels.status(null)).isEmpty();
        assertThat(labels.delivery(null)).isEqualTo("—");
        assertThat(labels.response(null)).isEqualTo("—");
        assertThat(labels.action(null)).isEmpty();
    }
}

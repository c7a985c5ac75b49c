package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.vanthu.document.DocumentView.HistoryEntry;

/** The document page's history: recipients' lines folded into one, and read as people. No Spring. */
class HistoryLinesTest {

    static final OffsetDateTime T = OffsetDateTime.parse("2026-12-07T08:00+07:00");

    @Test
    void receiptsAndAnswersBecomeOneLineAndTheApprovalTrailStays() {
        List<HistoryEntry> history = List.of(
                new HistoryEntry(T, "chuyenvien", "CREATED", 1, null),
                new HistoryEntry(T.plusMinutes(1), "chanhvanphong", "APPROVED", 1, null),
                new HistoryEntry(T.plusMinutes(2), "bithu", "SIGNED", 1, null),
                new HistoryEntry(T.plusHours(1), "recipient:a@x.vn", "RECEIVED", 1, null),
                new HistoryEntry(T.plusHours(2), "recipient:a@x.vn", "ANSWERED_ATTENDING", 1, null),
                new HistoryEntry(T.plusHours(3), "recipient:b@x.vn", "RECEIVED", 1, null),
                new HistoryEntry(T.plusHours(4), "recipient:a@x.vn", "ANSWERED_DECLINED", 1, "Lý do: bận"),
                new HistoryEntry(T.plusHours(5), "recipient:c@x.vn", "RECEIVED", 1, null));

        HistoryLines lines = HistoryLines.of(history);

        assertThat(lines.steps()).extracting(HistoryEntry::action).containsExactly("CREATED", "APPROVED", "SIGNED");
        assertThat(lines.recipients().text()).isEqualTo("3 nơi nhận đã nhận, 1 đã trả lời");
        assertThat(lines.recipients().last()).isEqualTo(T.plusHours(5));
    }

    @Test
    void noRecipientYetNoLine() {
        HistoryLines lines = HistoryLines.of(List.of(new HistoryEntry(T, "chuyenvien", "CREATED", 1, null)));
        assertThat(lines.recipients()).isNull();
        assertThat(lines.steps()).hasSize(1);
    }

    @Test
    void aRecipientActorReadsAsTheirAddressNotACode() {
        assertThat(new WebLabels(null, null).person("recipient:vanphong@sotp.vn"))
                .isEqualTo("Nơi nhận vanphong@sotp.vn");
    }
}

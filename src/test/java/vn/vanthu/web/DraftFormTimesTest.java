package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.directory.AddressBook;
import vn.vanthu.document.DraftContent;
import vn.vanthu.document.DraftRequest;

/**
 * Meeting times are typed dd/MM/yyyy HH:mm, 24-hour, Vietnam time, whatever the browser's
 * language (issue 14, item 8); what cannot be read is said in those words. No Spring.
 */
class DraftFormTimesTest {

    /** No address book: these forms pick no entries. */
    static final AddressBook NONE = new AddressBook(null) {
        @Override
        public List<Entry> resolve(Collection<Long> entryIds, Collection<Long> groupIds) {
            return List.of();
        }
    };

    static DraftRequest.MeetingInput meeting(String start, String end) {
        DraftForm form = DraftForm.blank("GM", true);
        form.setMeetingStart(start);
        form.setMeetingEnd(end);
        return new DraftFormMapper(form).toRequest(NONE, true).meeting();
    }

    @Test
    void typedTimesAreVietnamTime() {
        DraftRequest.MeetingInput m = meeting("10/12/2026 14:00", "5/1/2027 8:30");
        assertThat(m.start()).isEqualTo("2026-12-10T14:00+07:00");
        assertThat(m.end()).isEqualTo("2027-01-05T08:30+07:00");
        // what scripts and older forms post still reads
        assertThat(meeting("2026-12-10T14:00", null).start()).isEqualTo("2026-12-10T14:00+07:00");
    }

    @Test
    void aTwelveHourTimeIsRefusedBesideItsField() {
        DraftForm form = DraftForm.blank("GM", true);
        form.setMeetingStart("12/10/2026 02:00 PM");
        form.setMeetingEnd("31/02/2026 10:00");
        DraftFormMapper mapper = new DraftFormMapper(form);
        mapper.toRequest(NONE, true);
        Map<String, String> errors =
                mapper.formErrors(Map.of("meeting.start", "ISO-8601…", "meeting.end", "ISO-8601…"));
        assertThat(errors.get("meeting.start")).contains("ngày/tháng/năm giờ:phút (24 giờ)");
        assertThat(errors.get("meeting.end")).contains("10/12/2026 14:00");
    }

    @Test
    void aSavedMeetingIsShownAsItIsTyped() {
        Instant start = Instant.parse("2026-12-10T07:00:00Z");
        DraftContent content = new DraftContent(
                "Hội nghị",
                "Nội dung",
                List.of(),
                "bithu",
                new DraftContent.Meeting(
                        start, start.plusSeconds(3 * 3600), "Hội trường", null, null, null, null, null));
        DraftForm form = DraftFormMapper.formOf("GM", content, List.of());
        assertThat(form.getMeetingStart()).isEqualTo("10/12/2026 14:00");
        assertThat(form.getMeetingEnd()).isEqualTo("10/12/2026 17:00");
    }
}

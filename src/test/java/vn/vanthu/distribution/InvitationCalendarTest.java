package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The calendar part on its own: hostile text stays inside its property, one DTSTAMP, folded lines. */
class InvitationCalendarTest {

    static final Instant START = Instant.parse("2030-06-01T01:00:00Z");
    static final Instant STAMP = Instant.parse("2026-11-28T05:00:00Z");

    static String request(String summary, String place, String chair, String attendeeName) {
        return InvitationCalendar.request(
                new InvitationCalendar.Meeting(
                        "vanthu-1@vanthu.local", summary, START, START.plusSeconds(3 * 3600), place, chair),
                new InvitationCalendar.Person("Đảng ủy Khối", "vanphong@vanthu.local"),
                new InvitationCalendar.Person(attendeeName, "nguoi1@x.vn"),
                STAMP);
    }

    @Test
    void carriageReturnsAndLineFeedsNeverStartAProperty() throws Exception {
        String injected = "\rDTSTART:20300101T000000Z\rATTENDEE:mailto:evil@x.vn";
        String ics = request(
                "Họp" + injected,
                "Hội trường" + injected,
                "Chủ trì\r\nATTENDEE:mailto:evil2@x.vn",
                "Đồng chí A\nATTENDEE:mailto:evil3@x.vn\r");
        // the event's own lines (the VTIMEZONE has DTSTARTs of its own, one per observance)
        String vevent = ics.substring(ics.indexOf("BEGIN:VEVENT"), ics.indexOf("END:VEVENT"));
        List<String> lines = Arrays.asList(vevent.split("\r\n"));
        assertThat(ics.replace("\r\n", "")).doesNotContain("\r", "\n");
        assertThat(lines).filteredOn(l -> l.startsWith("DTSTART")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("ATTENDEE")).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("DTSTAMP")).containsExactly("DTSTAMP:20261128T050000Z");

        VEvent event = (VEvent) new CalendarBuilder()
                .build(new StringReader(ics))
                .getComponent("VEVENT")
                .orElseThrow();
        assertThat(event.getProperties(Property.DTSTART)).hasSize(1);
        assertThat(event.getProperties(Property.DTSTAMP)).hasSize(1);
        List<Property> attendees = event.getProperties(Property.ATTENDEE);
        assertThat(attendees).extracting(Property::getValue).containsExactly("mailto:nguoi1@x.vn");
        // the text survives as text, its line breaks as escaped newlines
        assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue())
                .isEqualTo("Hội trường\nDTSTART:20300101T000000Z\nATTENDEE:mailto:evil@x.vn");
        // in the office's time zone, with its VTIMEZONE
        assertThat(lines).contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20300601T080000");
        assertThat(ics).contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Ho_Chi_Minh");
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20300601T080000");
    }

    @Test
    void specialCharactersAreEscapedAndLongLinesFoldedAt75Octets() throws Exception {
        String place = "Hội trường; tầng 3, phòng \\A "
                + "Đảng ủy Khối các cơ quan tỉnh ".repeat(6).strip();
        String ics = request("Hội nghị", place, null, "Nguyễn \"Văn\" A");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics).endsWith("\r\n");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        calendar.validate();
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        assertThat(event.getProperty(Property.LOCATION).orElseThrow().getValue())
                .isEqualTo(place);
        assertThat(event.getProperty(Property.ATTENDEE)
                        .orElseThrow()
                        .getParameter("CN")
                        .orElseThrow()
                        .getValue())
                .isEqualTo("Nguyễn 'Văn' A");
    }
}

package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading a calendar client's iTIP REPLY, without Spring. */
class ItipReplyTest {

    @Test
    void outlooksDeclineWithAFoldedAttendeeAndAComment() {
        String ics = """
                BEGIN:VCALENDAR\r
                METHOD:REPLY\r
                PRODID:Microsoft Exchange Server 2010\r
                VERSION:2.0\r
                BEGIN:VTIMEZONE\r
                TZID:SE Asia Standard Time\r
                BEGIN:STANDARD\r
                DTSTART:16010101T000000\r
                TZOFFSETFROM:+0700\r
                TZOFFSETTO:+0700\r
                END:STANDARD\r
                END:VTIMEZONE\r
                BEGIN:VEVENT\r
                ATTENDEE;PARTSTAT=DECLINED;CN="Trần Văn B; Phó ban":mailto:Nguoi2@Ban\r
                 ToChuc.vn\r
                COMMENT;LANGUAGE=vi-VN:Trùng lịch\\, xin phép vắng\\nCảm ơn\r
                ORGANIZER;CN="Văn phòng":MAILTO:vanphong@vanthu.local\r
                UID:vanthu-42@vanthu.local\r
                DTSTART;TZID=SE Asia Standard Time:20261210T080000\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;
        ItipReply.Reply reply = ItipReply.parse(ics).orElseThrow();
        assertThat(reply.uid()).isEqualTo("vanthu-42@vanthu.local");
        assertThat(reply.organizer()).isEqualTo("vanphong@vanthu.local");
        assertThat(reply.attendee()).isEqualTo("nguoi2@bantochuc.vn");
        assertThat(reply.partStat()).isEqualTo(ItipReply.PartStat.DECLINED);
        assertThat(reply.comment()).isEqualTo("Trùng lịch, xin phép vắng\nCảm ơn");
    }

    @Test
    void gmailsAcceptAndThunderbirdsMaybe() {
        assertThat(ItipReply.parse(reply("ACCEPTED")).orElseThrow().partStat()).isEqualTo(ItipReply.PartStat.ACCEPTED);
        assertThat(ItipReply.parse(reply("tentative")).orElseThrow().partStat())
                .isEqualTo(ItipReply.PartStat.TENTATIVE);
    }

    @Test
    void whatIsNotOneReplyWithAnAnswerIsNothing() {
        assertThat(ItipReply.parse(reply("NEEDS-ACTION"))).isEmpty();
        assertThat(ItipReply.parse(reply("DELEGATED"))).isEmpty();
        assertThat(ItipReply.parse(reply("ACCEPTED").replace("METHOD:REPLY", "METHOD:REQUEST")))
                .isEmpty();
        assertThat(ItipReply.parse(reply("ACCEPTED").replace("METHOD:REPLY\r\n", "")))
                .isEmpty();
        // two attendees: a REPLY speaks for one
        assertThat(ItipReply.parse(
                        reply("ACCEPTED").replace("UID:", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:b@x.vn\r\nUID:")))
                .isEmpty();
        // no UID, or an attendee that is not an email
        assertThat(ItipReply.parse(reply("ACCEPTED").replace("UID:vanthu-7@vanthu.local\r\n", "")))
                .isEmpty();
        assertThat(ItipReply.parse(reply("ACCEPTED").replace("mailto:a@x.vn", "urn:uuid:1")))
                .isEmpty();
        assertThat(ItipReply.parse(null)).isEmpty();
        assertThat(ItipReply.parse("not a calendar")).isEmpty();
        assertThat(ItipReply.parse("X".repeat(ItipReply.MAX_LENGTH + 1))).isEmpty();
    }

    @Test
    void aQuotedParameterMayHoldColonsAndSemicolons() {
        ItipReply.Line line = ItipReply.line("ATTENDEE;CN=\"a:b;c\";PARTSTAT=ACCEPTED:mailto:a@x.vn");
        assertThat(line.name()).isEqualTo("ATTENDEE");
        assertThat(line.parameters()).containsEntry("CN", "a:b;c").containsEntry("PARTSTAT", "ACCEPTED");
        assertThat(line.value()).isEqualTo("mailto:a@x.vn");
    }

    static String reply(String partStat) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
                + "ATTENDEE;PARTSTAT=" + partStat + ":mailto:a@x.vn\r\n"
                + "ORGANIZER:mailto:vanphong@vanthu.local\r\nUID:vanthu-7@vanthu.local\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }
}

package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * Issue 14, checked from outside: an issued invitation's attendance as JSON and CSV lists every
 * invitee with their state; a calendar client's REPLY with PARTSTAT=DECLINED, emailed over SMTP to
 * the office's address and read back over IMAP, is recorded as a decline; every email's From
 * header is 7-bit (RFC 2047); "Nhắc người chưa trả lời" reaches exactly those without an answer.
 */
class MeetingAttendanceTest extends IntegrationTest {

    static final String OFFICE = "vanphong@vanthu.local";

    final Flow flow = new Flow(this);

    @Autowired
    CalendarReplies replies;

    @Test
    void attendanceListsEveryInviteeAndACalendarDeclineIsRecorded() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Hội nghị Ban Thường vụ tháng 12 " + domain, domain, 3);
        @SuppressWarnings("unchecked")
        Map<String, Object> meeting = (Map<String, Object>) draft.get("meeting");
        meeting.put("preparation", "Các ban chuẩn bị báo cáo kết quả 6 tháng.");
        meeting.put("contact", "Đ/c Lê Văn Liên, Văn phòng, ĐT 0256 3822 123");
        meeting.put(
                "replyBy",
                java.time.OffsetDateTime.parse((String) meeting.get("start"))
                        .minusDays(2)
                        .toString());
        long id = flow.issue(draft).get("id").asLong();
        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        assertThat(mails).hasSize(3);
        // each invitee's calendar event has a UID of its own, which their calendar client echoes
        Map<String, String> uids = uids(mails);

        // every header of every email is 7-bit; the From name is RFC 2047-encoded
        for (MimeMessage mail : mails) {
            assertSevenBitHeaders(mail);
            assertThat(mail.getHeader("From")[0]).startsWith("=?UTF-8?").endsWith("<" + OFFICE + ">");
            assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Văn phòng Đảng ủy Khối");
            // the subject names the type
            assertThat(mail.getSubject()).matches("\\[\\d+-GM/ĐUK\\] Giấy mời Hội nghị Ban Thường vụ.*");
            String text = Mailbox.text(mail, "text/plain");
            assertThat(text)
                    .contains(
                            "Nội dung:",
                            "Đánh giá kết quả thực hiện nhiệm vụ",
                            "Chuẩn bị: Các ban chuẩn bị báo cáo",
                            "Liên hệ: Đ/c Lê Văn Liên",
                            "Đề nghị xác nhận trước ");
        }

        // before any answer: three invitees, no answer
        JsonNode sheet =
                as("vanthu").get("/api/documents/" + id + "/attendance").ok();
        assertThat(sheet.get("invitees")).hasSize(3);
        assertThat(sheet.get("counts").get("noAnswer").asInt()).isEqualTo(3);
        for (JsonNode invitee : sheet.get("invitees")) {
            assertThat(invitee.get("state").asText()).isEqualTo("NO_ANSWER");
        }

        // a calendar client's No, to the office's address over SMTP
        sendReply(uids.get("nguoi2@" + domain), "nguoi2@" + domain, "DECLINED", "Trùng lịch tiếp công dân");
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    replies.poll();
                    return "DECLINED".equals(state(id, 2));
                });
        JsonNode declined = invitee(id, 2);
        assertThat(declined.get("declineReason").asText()).isEqualTo("Trùng lịch tiếp công dân");
        assertThat(declined.get("answeredVia").asText()).isEqualTo("CALENDAR");
        assertThat(declined.get("receivedAt").isNull()).isFalse();

        // read again: nothing recorded twice
        assertThat(replies.poll()).isZero();
        long declines = flow.document(id).get("history").findValues("action").stream()
                .filter(a -> a.asText().equals("ANSWERED_DECLINED"))
                .count();
        assertThat(declines).isEqualTo(1);

        // not for an address that was not invited, nor for another organiser's event of that UID
        int received = mailServer.getReceivedMessages().length;
        sendReply(uids.get("nguoi1@" + domain), "nguoi9@" + domain, "ACCEPTED", null);
        sendReplyAs("khac@vanthu.local", uids.get("nguoi1@" + domain), "nguoi1@" + domain, "ACCEPTED");
        // both in the office's mailbox, then read (poll is one reader at a time: the scheduled one's done too)
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> mailServer.getReceivedMessages().length >= received + 2);
        replies.poll();
        assertThat(state(id, 1)).isEqualTo("NO_ANSWER");
        assertThat(as("vanthu").get("/api/documents/" + id + "/attendance").ok().get("invitees"))
                .hasSize(3);

        // a calendar Yes
        sendReply(uids.get("nguoi3@" + domain), "NGUOI3@" + domain.toUpperCase(), "ACCEPTED", null);
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    replies.poll();
                    return "ATTENDING".equals(state(id, 3));
                });

        // the CSV: every invitee with their state
        Api.Response csv = as("chuyenvien").get("/api/documents/" + id + "/attendance.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).contains("nguoi1@" + domain, "Chưa trả lời");
        assertThat(lines.get(2)).contains("nguoi2@" + domain, "Không tham dự", "Trùng lịch tiếp công dân");
        assertThat(lines.get(3)).contains("nguoi3@" + domain, "Tham dự");
        Api.Response xlsx = as("chuyenvien").get("/api/documents/" + id + "/attendance.xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(new String(xlsx.body(), 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK");

        // remind those without an answer: clerks and the signer, not a drafter
        assertThat(as("chuyenvien")
                        .post("/api/documents/" + id + "/attendance/remind", Map.of())
                        .status())
                .isEqualTo(403);
        JsonNode reminded = as("bithu")
                .post("/api/documents/" + id + "/attendance/remind", Map.of())
                .ok();
        assertThat(reminded.get("sent").asInt()).isEqualTo(1);
        List<MimeMessage> after = Mailbox.await(mailServer, domain, 4, Duration.ofSeconds(10));
        List<String> nudged = new ArrayList<>();
        for (MimeMessage m : after) {
            if (m.getSubject().startsWith("[Đề nghị trả lời]")) {
                nudged.add(Mailbox.recipient(m));
                assertSevenBitHeaders(m);
            }
        }
        assertThat(nudged).containsExactly("nguoi1@" + domain);
        // a second click at once is refused
        assertThat(as("vanthu")
                        .post("/api/documents/" + id + "/attendance/remind", Map.of())
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aConclusionHasNoAttendanceAndItsSubjectSaysKetLuanAndAUnitIsAddressedAsAUnit() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.conclusion("về công tác kiểm tra, giám sát " + domain, domain, 1);
        // a unit of the (demo) address book besides the person
        List<Object> recipients = new ArrayList<>((List<?>) draft.get("recipients"));
        recipients.add(Map.of("name", "Ủy ban Kiểm tra Đảng ủy Khối", "email", "ubkt@dangbo.example.vn"));
        draft.put("recipients", recipients);
        long id = flow.issue(draft).get("id").asLong();
        MimeMessage mail =
                Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(30)).get(0);
        assertThat(mail.getSubject()).matches("\\[\\d+-KL/ĐUK\\] Kết luận về công tác kiểm tra, giám sát.*");
        assertSevenBitHeaders(mail);
        assertThat(Mailbox.text(mail, "text/plain")).contains("riêng của đồng chí");
        MimeMessage toUnit = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> Mailbox.to(mailServer, "dangbo.example.vn").stream()
                                .filter(m -> Mailbox.subject(m).contains(domain))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(Mailbox.text(toUnit, "text/plain"))
                .contains("riêng của quý cơ quan")
                .doesNotContain("đồng chí");
        assertThat(as("vanthu").get("/api/documents/" + id + "/attendance").status())
                .isEqualTo(409);
    }

    private String state(long id, int position) {
        return invitee(id, position).get("state").asText();
    }

    private JsonNode invitee(long id, int position) {
        for (JsonNode i :
                as("vanthu").get("/api/documents/" + id + "/attendance").ok().get("invitees")) {
            if (i.get("position").asInt() == position) {
                return i;
            }
        }
        throw new AssertionError("no invitee " + position);
    }

    private void sendReply(String uid, String attendee, String partStat, String comment) throws Exception {
        send(attendee, reply(uid, OFFICE, attendee, partStat, comment));
    }

    private void sendReplyAs(String organizer, String uid, String attendee, String partStat) throws Exception {
        send(attendee, reply(uid, organizer, attendee, partStat, null));
    }

    /** The UID of the calendar event in each invitation, by recipient. */
    static Map<String, String> uids(List<MimeMessage> mails) throws Exception {
        Map<String, String> uids = new java.util.HashMap<>();
        for (MimeMessage mail : mails) {
            String ics = Mailbox.text(mail, "text/calendar").replace("\r\n ", "");
            Matcher uid = Pattern.compile("(?m)^UID:(\\S+)").matcher(ics);
            assertThat(uid.find()).isTrue();
            uids.put(Mailbox.recipient(mail), uid.group(1));
        }
        return uids;
    }

    /** What Outlook sends when the invitee clicks an answer (folded, with a CN and a COMMENT). */
    static String reply(long id, String organizer, String attendee, String partStat, String comment) {
        return reply("vanthu-" + id + "@vanthu.local", organizer, attendee, partStat, comment);
    }

    static String reply(String uid, String organizer, String attendee, String partStat, String comment) {
        return "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\nVERSION:2.0\r\n"
                + "METHOD:REPLY\r\nBEGIN:VEVENT\r\n"
                + "ATTENDEE;PARTSTAT=" + partStat + ";CN=\"Nguyễn Văn Số; Phó ban\":mailto:" + attendee + "\r\n"
                + (comment == null ? "" : "COMMENT:" + comment.replace(",", "\\,") + "\r\n")
                + "DTSTART:20261210T010000Z\r\nDTEND:20261210T040000Z\r\nDTSTAMP:20261128T030000Z\r\n"
                + "ORGANIZER;CN=Văn phòng:mailto:" + organizer + "\r\n"
                + "UID:" + uid
                + "\r\nSEQUENCE:0\r\nSUMMARY:Hội nghị\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    }

    private void send(String from, String ics) throws Exception {
        send(mailServer, from, ics, null);
    }

    /** A REPLY over SMTP to the office, with the Authentication-Results header a server would add. */
    static void send(com.icegreen.greenmail.util.GreenMail mailServer, String from, String ics, String authResults)
            throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mailServer.getSmtp().getPort()));
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(OFFICE));
        message.setSubject("Đã từ chối: Hội nghị", "UTF-8");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Trả lời lời mời", "UTF-8");
        alternative.addBodyPart(text);
        MimeBodyPart calendar = new MimeBodyPart();
        calendar.setContent(ics, "text/calendar; charset=UTF-8; method=REPLY");
        alternative.addBodyPart(calendar);
        message.setContent(alternative);
        if (authResults != null) {
            message.setHeader("Authentication-Results", authResults);
        }
        Transport.send(message);
    }

    /** The raw header section (up to the first empty line) has no byte above 127. */
    static void assertSevenBitHeaders(MimeMessage mail) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        byte[] bytes = raw.toByteArray();
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        assertThat(end).isPositive();
        for (int i = 0; i < end; i++) {
            assertThat(bytes[i] & 0xff)
                    .as("header byte %d of: %s", i, all.substring(0, end))
                    .isLessThan(128);
        }
        Matcher from = Pattern.compile("(?m)^From: (.*)$").matcher(all.substring(0, end));
        assertThat(from.find()).isTrue();
    }
}

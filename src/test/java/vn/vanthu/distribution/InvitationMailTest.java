package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * The invitation email as sent (read back from the shared GreenMail): "Kính mời … tới dự …" with
 * the meeting's composition, headings without their "#", the substitute answer only where the
 * draft allows one, and the calendar item in Vietnam time with priority and description.
 */
class InvitationMailTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void anUrgentInvitationNamesItsInviteeHasHeadingsAndALocalCalendarItem() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Hội nghị sơ kết công tác Đảng " + domain, domain, 1);
        draft.put("urgency", "THUONG_KHAN");
        draft.put("body", "# 1. Nội dung\nSơ kết 6 tháng đầu năm.\n# 2. Tổ chức\nCác chi bộ báo cáo.");
        @SuppressWarnings("unchecked")
        Map<String, Object> meeting = (Map<String, Object>) draft.get("meeting");
        meeting.put("invitees", "Các đồng chí Ủy viên Ban Thường vụ; bí thư các chi bộ");
        meeting.put("preparation", "Báo cáo sơ kết bằng văn bản");
        meeting.put("contact", "Đồng chí Trần Thị Bích, 0256 3822 117");
        long id = flow.issue(draft).get("id").asLong();

        MimeMessage mail =
                Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(30)).get(0);
        String text = Mailbox.text(mail, "text/plain").replace("\r\n", "\n");
        String html = Mailbox.text(mail, "text/html");
        assertThat(text)
                .contains(
                        "Kính mời đồng chí Nguyễn Văn Số 1 tới dự hội nghị sơ kết công tác Đảng",
                        "Thành phần: Các đồng chí Ủy viên Ban Thường vụ; bí thư các chi bộ",
                        "\n\n1. Nội dung\nSơ kết 6 tháng đầu năm.",
                        "\n\n2. Tổ chức\nCác chi bộ báo cáo.",
                        "Cử người dự thay")
                .doesNotContain("# 1.", "# 2.");
        assertThat(html)
                .contains("Kính mời đồng chí Nguyễn Văn Số 1 tới dự hội nghị sơ kết", "Thành phần:")
                .containsPattern("<div style=\"font-weight: bold;[^\"]*\">1\\. Nội dung</div>")
                .doesNotContain("# 1.", "# 2.");

        String ics = Mailbox.text(mail, "text/calendar");
        assertThat(ics)
                .contains("BEGIN:VTIMEZONE", "TZID:Asia/Ho_Chi_Minh", "PRIORITY:1")
                .containsPattern("DTSTART;TZID=Asia/Ho_Chi_Minh:\\d{8}T080000\r\n")
                .containsPattern("DTEND;TZID=Asia/Ho_Chi_Minh:\\d{8}T110000\r\n");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        String description =
                event.getProperty(Property.DESCRIPTION).orElseThrow().getValue();
        assertThat(description)
                .contains(
                        "Nội dung: 1. Nội dung\nSơ kết 6 tháng đầu năm.",
                        "Chuẩn bị: Báo cáo sơ kết bằng văn bản",
                        "Liên hệ: Đồng chí Trần Thị Bích, 0256 3822 117",
                        "Văn bản: ",
                        "/thong-bao/" + id)
                .doesNotContain("# ");
    }

    @Test
    void withoutSubstitutesTheEmailOffersNoneAndTheAnswerIsRefused() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Họp Ban Thường vụ " + domain, domain, 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> meeting = (Map<String, Object>) draft.get("meeting");
        meeting.put("allowSubstitute", false);
        flow.issue(draft);

        MimeMessage mail =
                Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(30)).get(0);
        String text = Mailbox.text(mail, "text/plain");
        assertThat(text).contains("- Tham dự: ", "- Không tham dự: ").doesNotContain("dự thay", "/delegate");
        assertThat(Mailbox.text(mail, "text/html")).doesNotContain("dự thay", "/delegate");
        // the calendar item is in Vietnam time, without a priority when not urgent
        assertThat(Mailbox.text(mail, "text/calendar")).doesNotContain("PRIORITY");

        Matcher attend =
                Pattern.compile("https?://\\S+?(/r/[A-Za-z0-9_-]+)/attend").matcher(text);
        assertThat(attend.find()).as(text).isTrue();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> delegatePage = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + attend.group(1) + "/delegate"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delegatePage.statusCode()).isEqualTo(404);
        HttpResponse<String> choose = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + attend.group(1) + "/attend"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(choose.body()).contains("Tham dự").doesNotContain("Cử người dự thay");
        // the draft form asks, ticked by default
        assertThat(as("chuyenvien").get("/van-ban/moi").text())
                .containsPattern("type=\"checkbox\"[^>]*name=\"allowSubstitute\"[^>]*checked")
                .contains("Cho phép cử người dự thay");
    }
}

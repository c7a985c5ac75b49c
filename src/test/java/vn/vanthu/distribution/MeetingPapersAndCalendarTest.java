package vn.vanthu.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.directory.Groups;
import vn.vanthu.security.Caller;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Issue 14, items 4 and 6: meeting papers checked by content, attached to the email or, when
 * large, a personal link; the meeting calendar's week page and the personal .ics feed.
 */
class MeetingPapersAndCalendarTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Autowired
    MeetingCalendar calendar;

    @Test
    void papersAreCheckedByContentAndTravelWithTheEmail() throws Exception {
        String domain = Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation("Hội nghị có tài liệu " + domain, domain, 2));
        String papers = "/api/documents/" + id + "/papers";

        byte[] report = pdf(2_000);
        assertThat(upload("chuyenvien", papers, "Báo cáo tổng kết.pdf", report).status())
                .isEqualTo(201);
        assertThat(upload("chuyenvien", papers, "du-toan.docx", docx()).status())
                .isEqualTo(201);
        // named .pdf, but text: refused by its content
        Api.Response fake =
                upload("chuyenvien", papers, "gia-mao.pdf", "<html>not a pdf</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(fake.status()).isEqualTo(400);
        assertThat(fake.text()).contains("Chỉ nhận tài liệu PDF, Word (DOCX), Excel (XLSX) hoặc ODT");
        // above the single-file limit
        assertThat(upload("chuyenvien", papers, "qua-lon.pdf", pdf(20 * 1024 * 1024 + 1))
                        .status())
                .isEqualTo(400);
        // above attach-up-to (5 MB): it will be a link
        byte[] large = pdf(6 * 1024 * 1024);
        assertThat(upload("chuyenvien", papers, "Phụ lục lớn.pdf", large).status())
                .isEqualTo(201);
        // only the drafter
        assertThat(upload("vanthu", papers, "a.pdf", report).status()).isEqualTo(403);
        JsonNode list = as("chanhvanphong").get(papers).ok();
        assertThat(list).hasSize(3);
        assertThat(list.findValuesAsText("name"))
                .containsExactly("Báo cáo tổng kết.pdf", "du-toan.docx", "Phụ lục lớn.pdf");
        Api.Response download =
                as("chanhvanphong").get(papers + "/" + list.get(0).get("id").asLong());
        assertThat(download.body()).isEqualTo(report);

        // issued: the papers are frozen with the document
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);
        assertThat(upload("chuyenvien", papers, "muon.pdf", report).status()).isEqualTo(409);
        assertThat(as("chuyenvien")
                        .delete(papers + "/" + list.get(0).get("id").asLong())
                        .status())
                .isEqualTo(409);

        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30));
        assertThat(mails).hasSize(2);
        MimeMessage mail = mails.get(0);
        MeetingAttendanceTest.assertSevenBitHeaders(mail);
        List<String> attached = Mailbox.leaves(mail).stream()
                .filter(p -> {
                    try {
                        return Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .map(p -> {
                    try {
                        return p.getFileName();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(attached)
                .hasSize(3)
                .contains("Báo cáo tổng kết.pdf", "du-toan.docx")
                .noneMatch(n -> n.startsWith("Phụ lục"));
        String text = Mailbox.text(mail, "text/plain");
        assertThat(text).contains("Tài liệu họp:", "Báo cáo tổng kết.pdf (2 KB): đính kèm thư này");
        Matcher link = Pattern.compile("https?://\\S+(/r/[A-Za-z0-9_-]+/tai-lieu/(\\d+))")
                .matcher(text);
        assertThat(link.find()).as(text).isTrue();
        // the recipient's own link, no sign-in
        HttpResponse<byte[]> fetched = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + link.group(1)))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(fetched.body(), large)).isTrue();
        assertThat(fetched.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment");
        // the same token for a paper of another document: nothing
        String other = link.group(1)
                .replace("/tai-lieu/" + link.group(2), "/tai-lieu/" + (Long.parseLong(link.group(2)) + 100_000));
        assertThat(HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + other))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void theWeekAndThePersonalFeed() throws Exception {
        String domain = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Họp giao ban; tuần \\ đặc biệt, " + domain, domain, 1));
        long id = issued.get("id").asLong();
        String number = issued.get("number").asText();
        OffsetDateTime start =
                OffsetDateTime.parse(issued.get("meeting").get("start").asText());

        Api.Response week = as("bithu").get("/lich-hop?tuan=" + start.toLocalDate());
        assertThat(week.status()).isEqualTo(200);
        assertThat(week.text()).contains(number, "Hội trường Đảng ủy Khối, tầng 3", "Không được mời");
        // the page's "Xem tuần có ngày" sends the day as typed or picked: dd/MM/yyyy
        String picked = start.toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        assertThat(as("bithu")
                        .get("/lich-hop?tuan="
                                + java.net.URLEncoder.encode(picked, java.nio.charset.StandardCharsets.UTF_8))
                        .text())
                .contains(number)
                .contains("value=\""
                        + start.toLocalDate()
                                .with(java.time.DayOfWeek.MONDAY)
                                .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"))
                        + "\"");
        assertThat(as("bithu").get("/lich-hop?tuan=khong-phai-ngay").text()).contains("không đúng dạng ngày/tháng/năm");
        assertThat(as("bithu").get("/lich-hop?tuan=31%2F02%2F2027").text()).contains("không đúng dạng ngày/tháng/năm");

        Caller bithu = new Caller("bithu", Set.of(Groups.SIGNERS));
        String url = calendar.newFeedLink(bithu);
        String path = url.substring(url.indexOf("/r/lich/"));
        assertThat(path).matches("/r/lich/[A-Za-z0-9_-]{43}\\.ics");
        HttpResponse<String> feed = get(path);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        String ics = feed.body();
        // RFC 5545: CRLF lines of at most 75 octets, text escaped; ical4j reads it back
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(ics).contains("UID:vanthu-" + id + "@vanthu.local", "METHOD:PUBLISH");
        String unfolded = ics.replace("\r\n ", "");
        assertThat(unfolded).contains("tuần \\\\ đặc biệt\\,");
        Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
        assertThat(parsed.getComponents("VEVENT")).isNotEmpty();

        // a new link replaces the old; a revoked one answers nothing
        String second = calendar.newFeedLink(bithu);
        assertThat(get(path).statusCode()).isEqualTo(404);
        String secondPath = second.substring(second.indexOf("/r/lich/"));
        assertThat(get(secondPath).statusCode()).isEqualTo(200);
        calendar.revokeFeedLink(bithu);
        assertThat(get(secondPath).statusCode()).isEqualTo(404);
        assertThat(get("/r/lich/" + "A".repeat(43) + ".ics").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private Api.Response upload(String user, String path, String name, byte[] content) {
        String boundary = "----vanthu" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return as(user).postRaw(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) ' ');
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
        return bytes;
    }

    static byte[] docx() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : List.of("[Content_Types].xml", "_rels/.rels", "word/document.xml")) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write("<x/>".getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}

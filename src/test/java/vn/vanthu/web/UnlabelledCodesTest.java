package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.vanthu.directory.Groups;
import vn.vanthu.distribution.Delivery;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Walks the staff pages after an invitation was answered every way (received, attending,
 * delegated), delivered on paper, and a draft returned, and fails on any code a person would read
 * untranslated (issue 14, item 8): statuses, delivery states, answers, history events, audit
 * kinds, group ids. Times are dd/MM/yyyy HH:mm.
 */
class UnlabelledCodesTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    static Set<String> codes() {
        Set<String> codes = new LinkedHashSet<>();
        Arrays.stream(DocumentStatus.values()).map(Enum::name).forEach(codes::add);
        Arrays.stream(Delivery.State.values()).map(Enum::name).forEach(codes::add);
        Arrays.stream(Delivery.Response.values()).map(Enum::name).forEach(codes::add);
        Arrays.stream(Decision.values()).map(Decision::event).forEach(codes::add);
        Arrays.stream(SecurityAudit.Kind.values()).map(Enum::name).forEach(codes::add);
        codes.addAll(WebLabels.ACTIONS.keySet());
        codes.addAll(Groups.STAFF);
        codes.addAll(List.of("UNIT", "PERSON"));
        return codes;
    }

    /** What a person reads: the text between tags, without scripts, styles and the head. */
    static String visible(String html) {
        return html.replaceAll("(?is)<head.*?</head>", " ")
                .replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replace("&nbsp;", " ");
    }

    static List<String> unlabelled(String html) {
        String text = visible(html);
        List<String> found = new ArrayList<>();
        for (String code : codes()) {
            if (Pattern.compile("(?<![\\p{L}\\d_@.-])" + Pattern.quote(code) + "(?![\\p{L}\\d_@-])")
                    .matcher(text)
                    .find()) {
                found.add(code);
            }
        }
        Matcher answered = Pattern.compile("ANSWERED_\\w*").matcher(text);
        while (answered.find()) {
            found.add(answered.group());
        }
        return found;
    }

    @Test
    void noPageShowsARawCode() throws Exception {
        String domain = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Hội nghị không mã thô " + domain, domain, 3));
        long id = issued.get("id").asLong();
        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        assertThat(mails).hasSize(3);
        for (MimeMessage mail : mails) {
            String text = Mailbox.text(mail, "text/plain");
            String to = Mailbox.recipient(mail);
            Matcher token = Pattern.compile("/r/([A-Za-z0-9_-]+)/receipt").matcher(text);
            assertThat(token.find()).isTrue();
            String base = "/r/" + token.group(1);
            // a Basic-authenticated request is exempt from CSRF: it stands in for the recipient's browser form
            Api.Response r = to.startsWith("nguoi1@")
                    ? as("vanthu").postRaw(base + "/answer", OfficeToolsTest.FORM, "answer=ATTENDING".getBytes())
                    : to.startsWith("nguoi2@")
                            ? as("vanthu")
                                    .postRaw(
                                            base + "/answer",
                                            OfficeToolsTest.FORM,
                                            "answer=DELEGATED&delegateName=Tr%E1%BA%A7n+V%C4%83n+B&delegatePosition=Ph%C3%B3+Tr%C6%B0%E1%BB%9Fng+ban"
                                                    .getBytes())
                            : as("vanthu").postRaw(base + "/receipt", OfficeToolsTest.FORM, new byte[0]);
            assertThat(r.status()).as(r.toString()).isIn(200, 302);
        }
        String desk = as("vanthu").get("/van-ban/" + id + "/phat-hanh").text();
        Matcher delivery =
                Pattern.compile("/van-ban/" + id + "/phat-hanh/(\\d+)/ban-giay").matcher(desk);
        assertThat(delivery.find()).isTrue();
        as("vanthu")
                .postRaw(
                        "/van-ban/" + id + "/phat-hanh/" + delivery.group(1) + "/ban-giay",
                        OfficeToolsTest.FORM,
                        "note=B%C6%B0u+%C4%91i%E1%BB%87n".getBytes());
        assertThat(flow.document(id).get("history").toString())
                .contains("ANSWERED_ATTENDING")
                .contains("ANSWERED_DELEGATED")
                .contains("RECEIVED")
                .contains("DELIVERED_ON_PAPER");

        long returned = flow.create(Drafts.conclusion("Kết luận bị trả lại " + domain, domain, 1));
        flow.submit(returned);
        flow.decideOk("chanhvanphong", returned, Kind.REVIEW, Decision.RETURN, "Đề nghị sửa.");

        Map<String, List<String>> pages = Map.of(
                "vanthu",
                List.of(
                        "/",
                        "/danh-sach/cua-toi",
                        "/danh-sach/dang-xu-ly",
                        "/danh-sach/da-ban-hanh",
                        "/danh-sach/tra-cuu",
                        "/van-ban/" + id,
                        "/van-ban/" + id + "/in",
                        "/van-ban/" + id + "/phat-hanh",
                        "/van-ban/" + returned,
                        "/danh-ba",
                        "/so-van-ban-di",
                        "/gui-loi",
                        "/mailbox"),
                "admin",
                List.of(
                        "/quan-tri/tai-khoan",
                        "/quan-tri/nhat-ky",
                        "/quan-tri/quy-trinh",
                        "/danh-sach/tra-cuu?status=RETURNED"),
                "chuyenvien",
                List.of(
                        "/",
                        "/danh-sach/cua-toi",
                        "/van-ban/" + returned,
                        "/van-ban/" + returned + "/sua",
                        "/van-ban/" + id + "/sao-chep"));
        List<String> wrong = new ArrayList<>();
        pages.forEach((user, paths) -> paths.forEach(path -> {
            Api.Response page = as(user).get(path);
            assertThat(page.status()).as(user + " " + path).isEqualTo(200);
            List<String> codes = unlabelled(page.text());
            if (!codes.isEmpty()) {
                wrong.add(user + " " + path + ": " + codes);
            }
        }));
        assertThat(wrong).isEmpty();

        // the labels themselves are there, and times read dd/MM/yyyy HH:mm
        String page = visible(as("vanthu").get("/van-ban/" + id).text());
        assertThat(page)
                .contains("Sẽ dự")
                .contains("Cử người dự thay")
                // the recipients' receipts and answers folded into one history line (HistoryLines)
                .contains("3 nơi nhận đã nhận, 2 đã trả lời")
                .contains("Văn thư gửi bản giấy");
        assertThat(page)
                .containsPattern("\\b\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}\\b")
                .doesNotContainPattern("(?i)\\b[AP]M\\b");
    }

    @Test
    void theWalkFindsACodeWhereOneIsLeft() {
        assertThat(unlabelled("<td>Trả lời: ATTENDING</td><td>ANSWERED_DECLINED</td><p class=\"RECEIVED\">ok</p>"))
                .containsExactlyInAnyOrder("ATTENDING", "ANSWERED_DECLINED");
        assertThat(unlabelled("<p>Sẽ dự, nguoi1@received.example.vn</p>")).isEmpty();
    }
}

package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** The web UI over plain HTTP: sign-in form, landing page, task decisions, the public board. */
class WebPagesTest extends IntegrationTest {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.-]+");

    final Flow flow = new Flow(this);

    @Test
    void theSignInFormRefusesAPostWithoutItsCsrfToken() {
        FormSession browser = new FormSession(port);
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("Đăng nhập")
                .contains("name=\"username\"")
                .contains("name=\"password\"");

        HttpResponse<String> forged = browser.post("/login", Map.of("username", "chanhvanphong", "password", "demo"));
        assertThat(forged.statusCode()).isEqualTo(403);
        // and the session is still not signed in
        assertThat(browser.get("/").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void aWrongPasswordShowsAVietnameseMessage() {
        // an unknown user: a wrong password for a demo user would lock it for seconds (Camunda's login delay)
        HttpResponse<String> page =
                new FormSession(port).submit("/login", "/login", Map.of("username", "khong-co-ai", "password", "sai"));
        assertThat(page.uri().getPath()).isEqualTo("/login");
        assertThat(page.body()).contains("Sai tên đăng nhập hoặc mật khẩu.");
    }

    @Test
    void theReviewerSignsInThroughTheFormAndSeesTheDraftWaitingForReview() {
        String title = "Hội nghị chờ thẩm định " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 2));
        flow.submit(id);

        FormSession reviewer = new FormSession(port);
        HttpResponse<String> landing = reviewer.signIn("chanhvanphong");
        assertThat(landing.statusCode()).isEqualTo(200);
        assertThat(landing.uri().getPath()).isEqualTo("/");
        assertThat(landing.body()).contains("Việc cần làm").contains(title).contains("Thẩm định");
    }

    @Test
    void theSecondReviewerActingOnTheSameTaskIsToldItIsDone() {
        String title = "Hai người cùng thẩm định " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        String task = flow.taskOf("chanhvanphong", id, Kind.REVIEW);

        FormSession first = new FormSession(port);
        first.signIn("chanhvanphong");
        FormSession second = new FormSession(port);
        second.signIn("chanhvanphong");
        // both have the task page open
        String firstToken = FormSession.csrf(first.get("/viec/" + task).body());
        String secondToken = FormSession.csrf(second.get("/viec/" + task).body());

        HttpResponse<String> done =
                first.post("/viec/" + task, Map.of("decision", Decision.APPROVE.wire(), "_csrf", firstToken));
        assertThat(done.uri().getPath()).isEqualTo("/van-ban/" + id);
        assertThat(done.body()).contains("Đã đồng ý");

        HttpResponse<String> late = second.post(
                "/viec/" + task,
                Map.of("decision", Decision.RETURN.wire(), "comment", "Sửa lại", "_csrf", secondToken));
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.uri().getPath()).isEqualTo("/");
        assertThat(late.body()).contains("đã được xử lý xong");
    }

    @Test
    void theSignPageAsksForThePinAndSignsWithIt() {
        String title = "Ký qua trang web " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        String review = flow.taskOf("chanhvanphong", id, Kind.REVIEW);
        FormSession reviewer = new FormSession(port);
        reviewer.signIn("chanhvanphong");
        assertThat(reviewer.get("/viec/" + review).body()).doesNotContain("Mã PIN ký số");
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);

        String sign = flow.taskOf("bithu", id, Kind.SIGN);
        FormSession signer = new FormSession(port);
        signer.signIn("bithu");
        String page = signer.get("/viec/" + sign).body();
        assertThat(page).contains("Mã PIN ký số");
        assertThat(Pattern.compile("<input[^>]*type=\"password\"[^>]*name=\"pin\"")
                        .matcher(page)
                        .find())
                .as("a password field named pin")
                .isTrue();

        HttpResponse<String> signed = signer.submit(
                "/viec/" + sign, "/viec/" + sign, Map.of("decision", Decision.SIGN.wire(), "pin", Flow.DEMO_PIN));
        assertThat(signed.uri().getPath()).isEqualTo("/van-ban/" + id);
        assertThat(signed.body()).contains("Đã ký");
    }

    @Test
    void thePublicBoardListsIssuedDocumentsWithoutAnyEmailAddressOrDraft() {
        JsonNode issued =
                flow.issue(Drafts.invitation("Giấy mời công khai " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 2));
        String draftTitle = "Dự thảo chưa ban hành " + Drafts.uniqueDomain();
        flow.create(Drafts.invitation(draftTitle, Drafts.uniqueDomain(), 1));

        FormSession anyone = new FormSession(port);
        HttpResponse<String> board = anyone.get("/thong-bao");
        assertThat(board.statusCode()).isEqualTo(200);
        assertThat(board.body())
                .contains("Thông báo - mời họp")
                .contains(issued.get("number").asText())
                .contains(issued.get("title").asText())
                .doesNotContain(draftTitle);
        assertThat(EMAIL.matcher(board.body()).find())
                .as("an email address on the board")
                .isFalse();

        HttpResponse<String> notice =
                anyone.get("/thong-bao/" + issued.get("id").asLong());
        assertThat(notice.statusCode()).isEqualTo(200);
        assertThat(notice.body())
                .contains("/api/public/documents/" + issued.get("id").asLong() + "/pdf");
        assertThat(EMAIL.matcher(notice.body()).find())
                .as("an email address on the notice page")
                .isFalse();
    }

    @Test
    void staffOpenAReceivedEmailInTheTestMailboxWithItsBodiesCalendarAndAttachment() throws Exception {
        String domain = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Hội nghị xem trong hộp thư", domain, 2));
        jakarta.mail.internet.MimeMessage mail = vn.vanthu.support.Mailbox.await(
                        mailServer, domain, 2, java.time.Duration.ofSeconds(20))
                .get(0);
        String to = vn.vanthu.support.Mailbox.recipient(mail);
        String query = "id=" + java.net.URLEncoder.encode(mail.getMessageID(), java.nio.charset.StandardCharsets.UTF_8)
                + "&to=" + java.net.URLEncoder.encode(to, java.nio.charset.StandardCharsets.UTF_8);

        String list = as("vanthu").get("/mailbox").text();
        assertThat(list).contains("/mailbox/message?id=");

        vn.vanthu.support.Api.Response page = as("vanthu").get("/mailbox/message?" + query);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains("Hội nghị xem trong hộp thư")
                .contains(issued.get("number").asText())
                .contains("BEGIN:VCALENDAR")
                .contains("sandbox=\"\"")
                .contains("/mailbox/part?")
                // inside the app's frame, as the list (issue 26): the menu, the stylesheet, the way back
                .contains("id=\"menu\"")
                .contains("/css/vanthu.css")
                .contains("class=\"foot\"")
                .contains("href=\"/mailbox\"")
                .doesNotContain("<style>");

        int pdfIndex = vn.vanthu.support.Mailbox.leaves(mail).stream()
                .map(p -> {
                    try {
                        return p.isMimeType("application/pdf");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList()
                .indexOf(true);
        vn.vanthu.support.Api.Response pdf = as("vanthu").get("/mailbox/part?" + query + "&index=" + pdfIndex);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.body())
                .isEqualTo(as("vanthu")
                        .get("/api/documents/" + issued.get("id").asLong() + "/pdf")
                        .body());

        assertThat(as("vanthu").get("/mailbox/message?id=khong-co&to=ai").status())
                .isEqualTo(404);
        assertThat(anonymous().get("/mailbox/message?" + query).status()).isIn(302, 401);
    }
}

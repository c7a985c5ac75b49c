package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * "The office's screens, round two": meeting papers from the draft form and on the task pages, the
 * document page watching an issue, and the header's bell (/api/me/notifications, /thong-bao-cua-toi).
 */
class ScreensRoundTwoTest extends IntegrationTest {

    private static final Pattern UPLOAD = Pattern.compile("id=\"paper-upload\"\\s+action=\"([^\"]+)\"");

    final Flow flow = new Flow(this);

    @Test
    void theDrafterAttachesPapersInTheDraftFormAndTheReviewerSeesThemOnTheTask() {
        String title = "Hội nghị có tài liệu " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));

        FormSession drafter = new FormSession(port);
        drafter.signIn("chuyenvien");
        // a new draft says the papers come once it is saved
        assertThat(drafter.get("/van-ban/moi?loai=GM").body()).contains("id=\"papers-after-save\"");
        String form = drafter.get("/van-ban/" + id + "/sua").body();
        Matcher action = UPLOAD.matcher(form);
        assertThat(action.find()).as("the upload form on the draft form").isTrue();
        String url = action.group(1).replace("&amp;", "&");
        assertThat(url).contains("tu=sua").contains("_csrf=");

        HttpResponse<String> uploaded = drafter.upload(url, "Báo cáo sơ kết.pdf", pdf(2048));
        // back on the draft form, with the paper listed
        assertThat(uploaded.uri().getPath()).isEqualTo("/van-ban/" + id + "/sua");
        assertThat(uploaded.body()).contains("Đã thêm tài liệu họp").contains("Báo cáo sơ kết.pdf");
        // without the page's token it is refused
        HttpResponse<String> forged = drafter.upload("/van-ban/" + id + "/tai-lieu?tu=sua", "gia-mao.pdf", pdf(1024));
        assertThat(forged.statusCode()).isEqualTo(403);

        flow.submit(id);
        String task = flow.taskOf("chanhvanphong", id, Kind.REVIEW);
        FormSession reviewer = new FormSession(port);
        reviewer.signIn("chanhvanphong");
        String page = reviewer.get("/viec/" + task).body();
        assertThat(page).contains("Tài liệu họp").contains("Báo cáo sơ kết.pdf");
        Matcher link =
                Pattern.compile("href=\"(/van-ban/" + id + "/tai-lieu/\\d+)\"").matcher(page);
        assertThat(link.find()).as("a download link on the task page").isTrue();
        HttpResponse<String> download = reviewer.get(link.group(1));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).startsWith("%PDF-");
        assertThat(gone(page)).isFalse();
    }

    @Test
    void theBellTellsEachHolderOfTheirOwnStepsOnly() {
        String title = "Hội nghị có chuông " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        String review = flow.taskOf("chanhvanphong", id, Kind.REVIEW);

        // the reviewer hears of the new step, with its link; the drafter, who opened it, does not
        JsonNode reviewer = mine("chanhvanphong", title);
        assertThat(reviewer).hasSize(1);
        assertThat(reviewer.get(0).get("text").asText()).isEqualTo("Dự thảo chờ đồng chí thẩm định: " + title);
        assertThat(reviewer.get(0).get("link").asText()).isEqualTo("/viec/" + review);
        assertThat(reviewer.get(0).get("readAt").isNull()).isTrue();
        assertThat(mine("chuyenvien", title)).isEmpty();
        assertThat(mine("bithu", title)).isEmpty();
        assertThat(as("chanhvanphong")
                        .get("/api/me/notifications")
                        .ok()
                        .get("unread")
                        .asInt())
                .isPositive();

        // a return reaches the drafter
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.RETURN, "Sửa địa điểm.");
        JsonNode drafter = mine("chuyenvien", title);
        assertThat(drafter).hasSize(1);
        assertThat(drafter.get(0).get("text").asText()).startsWith("Dự thảo bị trả lại");

        // the page and the header's count, then marking read: one's own only
        FormSession page = new FormSession(port);
        page.signIn("chuyenvien");
        String html = page.get("/thong-bao-cua-toi").body();
        assertThat(html)
                .contains("Thông báo của tôi")
                .contains("Dự thảo bị trả lại")
                .contains("id=\"unread-count\"");
        int reviewersUnread = as("chanhvanphong")
                .get("/api/me/notifications")
                .ok()
                .get("unread")
                .asInt();
        HttpResponse<String> marked = page.submit("/thong-bao-cua-toi", "/thong-bao-cua-toi/da-doc", Map.of());
        assertThat(marked.body()).contains("là đã đọc").doesNotContain("id=\"unread-count\"");
        assertThat(as("chuyenvien")
                        .get("/api/me/notifications")
                        .ok()
                        .get("unread")
                        .asInt())
                .isZero();
        assertThat(mine("chuyenvien", title).get(0).get("readAt").isNull()).isFalse();
        assertThat(as("chanhvanphong")
                        .get("/api/me/notifications")
                        .ok()
                        .get("unread")
                        .asInt())
                .isEqualTo(reviewersUnread);
        assertThat(as("chanhvanphong")
                        .post("/api/me/notifications/read", Map.of())
                        .ok()
                        .get("marked")
                        .asInt())
                .isEqualTo(reviewersUnread);
        assertThat(as("chanhvanphong")
                        .get("/api/me/notifications")
                        .ok()
                        .get("unread")
                        .asInt())
                .isZero();
    }

    @Test
    void theDrafterHearsTheDocumentIsIssuedWithItsNumber() {
        String title = "Hội nghị đã ban hành " + Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        String number = issued.get("number").asText();
        long id = issued.get("id").asLong();
        JsonNode drafter = mine("chuyenvien", title);
        assertThat(drafter).anySatisfy(n -> {
            assertThat(n.get("text").asText()).isEqualTo("Văn bản đã ban hành, số " + number + ": " + title);
            assertThat(n.get("link").asText()).isEqualTo("/van-ban/" + id);
        });
        // the signer approved it; there is nothing left to watch on the page
        FormSession signer = new FormSession(port);
        signer.signIn("bithu");
        assertThat(signer.get("/van-ban/" + id).body()).doesNotContain("id=\"issue-watch\"");
    }

    @Test
    void aDocumentBeingIssuedIsWatchedByThePage() {
        String title = "Hội nghị đang ban hành " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        FormSession signer = new FormSession(port);
        signer.signIn("bithu");
        // awaiting the signer: the sign step is open, nothing to watch yet
        assertThat(signer.get("/van-ban/" + id).body()).doesNotContain("id=\"issue-watch\"");
    }

    @Test
    void afterSigningThePageWatchesTheIssueOrShowsItsNumber() {
        String title = "Hội nghị ký qua trang " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        String sign = flow.taskOf("bithu", id, Kind.SIGN);
        FormSession signer = new FormSession(port);
        signer.signIn("bithu");
        HttpResponse<String> signed = signer.submit(
                "/viec/" + sign, "/viec/" + sign, Map.of("decision", Decision.SIGN.wire(), "pin", Flow.DEMO_PIN));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.uri().getPath()).isEqualTo("/van-ban/" + id);
        String page = signed.body();
        // the issue job runs after the decision: the page either watches it or already has the number
        if (page.contains("id=\"issue-watch\"")) {
            assertThat(page)
                    .contains("data-url=\"/api/documents/" + id + "\"")
                    .contains("data-issued=\"Đã ban hành\"")
                    .contains("data-failed=\"Lỗi khi ban hành, chờ văn thư xử lý\"");
        } else {
            assertThat(page).contains("id=\"doc-number\"");
        }
    }

    /** The caller's notifications about this title. */
    private JsonNode mine(String user, String title) {
        JsonNode all = as(user).get("/api/me/notifications").ok().get("items");
        List<JsonNode> about = new ArrayList<>();
        all.forEach(n -> {
            if (n.get("text").asText().endsWith(title)) {
                about.add(n);
            }
        });
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(about);
    }

    private static boolean gone(String page) {
        return page.contains(TaskController.GONE);
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        Arrays.fill(bytes, (byte) ' ');
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
        return bytes;
    }
}

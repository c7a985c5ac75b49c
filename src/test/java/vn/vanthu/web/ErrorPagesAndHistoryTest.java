package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/** Issue "The office's screens, round two": error pages, history, recall confirmation, meeting days. */
class ErrorPagesAndHistoryTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void aBrowserGetsAStyledPageForABadAddressAndScriptsKeepTheirJson() {
        FormSession browser = new FormSession(port);
        browser.signIn("chuyenvien");

        HttpResponse<String> bad = browser.get("/van-ban/abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(bad.body()).contains("Địa chỉ không hợp lệ").contains("<main");

        HttpResponse<String> missing = browser.get("/khong-co-trang-nay");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Không tìm thấy").contains("<main");

        Api.Response api = as("chuyenvien").get("/api/documents/abc");
        assertThat(api.status()).isEqualTo(400);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aForgedRecipientLinkGetsTheRecipientsStyledPage() {
        HttpResponse<String> page = new FormSession(port).get("/r/gia-mao-khong-hop-le/receipt");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body())
                .contains("id=\"invalid-link\"")
                .contains("Liên kết không hợp lệ hoặc đã hết hạn.")
                .contains("<style>");
    }

    @Test
    void saveAndSubmitWithNothingChangedAddsNoVersion() {
        Map<String, Object> draft =
                Drafts.invitation("Không đổi gì " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 2);
        long id = flow.create(draft);
        Api.Response same = as("chuyenvien").put("/api/documents/" + id, draft);
        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(flow.document(id).get("version").asInt()).isEqualTo(1);

        Map<String, Object> changed = new LinkedHashMap<>(draft);
        changed.put("title", draft.get("title") + " (sửa)");
        as("chuyenvien").put("/api/documents/" + id, changed);
        assertThat(flow.document(id).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void recallIsConfirmedWithTheNumberAndReasonAndThenGone() {
        JsonNode issued =
                flow.issue(Drafts.invitation("Thu hồi có xác nhận " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        long id = issued.get("id").asLong();
        String number = issued.get("number").asText();
        FormSession clerk = new FormSession(port);
        clerk.signIn("vanthu");

        String page = clerk.get("/van-ban/" + id).body();
        assertThat(page).contains("id=\"recall\"").doesNotContain("type=\"date\"");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("reason", "Sai thời gian họp");
        form.put("decidedBy", "Ban Thường vụ Đảng ủy Khối");
        form.put("decisionKind", "Công văn");
        form.put("decisionNumber", "125-CV/ĐUK");
        form.put("decisionDate", "03/02/2026");
        HttpResponse<String> confirm = clerk.submit("/van-ban/" + id, "/van-ban/" + id + "/thu-hoi", form);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body())
                .contains("Xác nhận thu hồi văn bản")
                .contains(number)
                .contains("Sai thời gian họp")
                .contains("name=\"confirmed\" value=\"yes\"");
        // nothing happened yet
        assertThat(flow.document(id).get("status").asText()).isEqualTo("ISSUED");

        form.put("confirmed", "yes");
        form.put("_csrf", FormSession.csrf(confirm.body()));
        HttpResponse<String> done = clerk.post("/van-ban/" + id + "/thu-hoi", form);
        assertThat(done.uri().getPath()).isEqualTo("/van-ban/" + id);
        assertThat(flow.document(id).get("status").asText()).isEqualTo("RECALLED");
        // offered no more on a recalled document
        assertThat(done.body()).doesNotContain("id=\"recall\"");
    }

    @Test
    void aMeetingOnAHolidayOrAWeekendIsWarnedNotRefused() {
        Map<String, Object> holiday =
                Drafts.invitation("Họp ngày lễ " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1);
        meetingOn(holiday, "2027-09-02");
        Api.Response created = as("chuyenvien").post("/api/documents", holiday);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("warnings").toString())
                .contains("ngày nghỉ lễ")
                .contains("02/09/2027");

        Map<String, Object> saturday =
                Drafts.invitation("Họp thứ Bảy " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1);
        meetingOn(saturday, "2027-03-06");
        assertThat(as("chuyenvien")
                        .post("/api/documents", saturday)
                        .json()
                        .get("warnings")
                        .toString())
                .contains("Thứ Bảy");
    }

    @SuppressWarnings("unchecked")
    private static void meetingOn(Map<String, Object> draft, String day) {
        Map<String, Object> meeting = new LinkedHashMap<>((Map<String, Object>) draft.get("meeting"));
        meeting.put("start", day + "T08:00+07:00");
        meeting.put("end", day + "T11:00+07:00");
        draft.put("meeting", meeting);
    }
}

package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** GET /api/me/summary and the home page's counts. */
class HomeSummaryTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void aDocumentWaitingForTheLeadersSignatureCountsForThatLeader() {
        JsonNode before = as("bithu").get("/api/me/summary").ok();
        int drafterReturned = as("chuyenvien")
                .get("/api/me/summary")
                .ok()
                .get("returnedDrafts")
                .asInt();

        Map<String, Object> draft = Drafts.invitation("Tổng hợp trang chủ", Drafts.uniqueDomain(), 1);
        draft.put("urgency", "KHAN");
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);

        JsonNode after = as("bithu").get("/api/me/summary").ok();
        assertThat(after.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "tasks", "overdue", "awaitingMySignature", "returnedDrafts", "meetingsThisWeek");
        assertThat(after.get("awaitingMySignature").asInt())
                .isEqualTo(before.get("awaitingMySignature").asInt() + 1);
        assertThat(after.get("tasks").asInt()).isEqualTo(before.get("tasks").asInt() + 1);
        // not the drafter's signature
        assertThat(as("chuyenvien")
                        .get("/api/me/summary")
                        .ok()
                        .get("awaitingMySignature")
                        .asInt())
                .isZero();

        // the home page shows the counts, each a link, and the task's urgency and drafter
        String home = as("bithu").get("/").text();
        assertThat(home)
                .contains(
                        "id=\"count-sign\">" + after.get("awaitingMySignature").asInt() + "<")
                .contains("href=\"/?loc=cho-ky\"", "href=\"/lich-hop\"", "Độ khẩn", "Người soạn", "KHẨN");
        assertThat(as("bithu").get("/?loc=cho-ky").text()).contains("Tổng hợp trang chủ");

        // returned to its drafter: counts for the drafter
        flow.decideOk("bithu", id, Kind.SIGN, Decision.RETURN, "Sửa lại thời gian");
        assertThat(as("chuyenvien")
                        .get("/api/me/summary")
                        .ok()
                        .get("returnedDrafts")
                        .asInt())
                .isEqualTo(drafterReturned + 1);
        assertThat(as("bithu")
                        .get("/api/me/summary")
                        .ok()
                        .get("awaitingMySignature")
                        .asInt())
                .isEqualTo(before.get("awaitingMySignature").asInt());
    }
}

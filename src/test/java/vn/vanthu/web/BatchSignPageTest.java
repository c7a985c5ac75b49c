package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.signing.SigningPins;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Ký hàng loạt on the task list: the leader ticks the documents waiting for their signature and signs
 * them with one PIN; each document gets its own signature, one that cannot be signed stops nothing.
 */
class BatchSignPageTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Autowired
    SigningPins pins;

    /** A document of {@code signer}'s at the sign step; its sign task id. */
    String awaitingSignature(String signer, String title) {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = new java.util.LinkedHashMap<>(Drafts.invitation(title + " " + domain, domain, 1));
        draft.put("signer", signer);
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        return flow.taskOf(signer, id, Kind.SIGN);
    }

    @Test
    void theLeaderSignsTenDocumentsWithOnePinAndSeesAResultForEach() {
        String first = awaitingSignature("bithu", "Hội nghị ký hàng loạt thứ nhất");
        String second = awaitingSignature("bithu", "Hội nghị ký hàng loạt thứ hai");
        List<String> more = new java.util.ArrayList<>();
        for (int i = 3; i <= 9; i++) {
            more.add(awaitingSignature("bithu", "Hội nghị ký hàng loạt thứ " + i));
        }
        String notHis = awaitingSignature("phobithu", "Hội nghị của đồng chí Phó Bí thư");

        FormSession leader = new FormSession(port);
        leader.signIn("bithu");
        String list = leader.get("/").body();
        assertThat(list).contains("id=\"batch-sign\"", "value=\"" + first + "\"", "value=\"" + second + "\"");
        assertThat(list).doesNotContain("value=\"" + notHis + "\"");

        // a wrong PIN: nothing signed, every line says so, and it counts once against the PIN's limit
        int before = pins.attemptsLeft("bithu");
        HttpResponse<String> wrong =
                leader.submit("/", "/viec/ky-hang-loat", Map.of("taskIds", first + "," + second, "pin", "0000"));
        assertThat(wrong.body()).contains("Đã ký 0/2 văn bản").contains("Mã PIN ký số không đúng");
        assertThat(pins.attemptsLeft("bithu")).isEqualTo(before - 1);

        // the right PIN, ten documents, one of them someone else's (as a forged form would send it)
        String chosen = String.join(",", first, second, String.join(",", more), notHis);
        HttpResponse<String> signed =
                leader.submit("/", "/viec/ky-hang-loat", Map.of("taskIds", chosen, "pin", "demo"));
        String page = signed.body();
        assertThat(page).contains("Đã ký 9/10 văn bản").contains("id=\"batch-results\"");
        assertThat(page.split("<td data-label=\"Kết quả\">Đã ký</td>", -1)).hasSize(10);
        assertThat(pins.attemptsLeft("bithu")).isEqualTo(5);

        // both of bithu's documents go on to be numbered and sealed; phobithu's still waits for its signer
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> open = as("bithu").get("/api/tasks").json().findValuesAsText("id");
            assertThat(open).doesNotContain(first, second).doesNotContainAnyElementsOf(more);
        });
        assertThat(as("phobithu").get("/api/tasks").json().findValuesAsText("id"))
                .contains(notHis);

        // nothing chosen: a plain message, nothing signed
        assertThat(leader.submit("/", "/viec/ky-hang-loat", Map.of("pin", "demo"))
                        .body())
                .contains("Hãy chọn các văn bản cần ký.");
    }
}

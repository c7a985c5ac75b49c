package vn.vanthu.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
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
 * The lists and the search over HTTP (issue 14, items 1 and 2, as checked from outside): a word
 * typed without diacritics finds the document; only what the caller may read is listed; after a
 * submit the reviewers get an email, after an approval the signer, after a return the drafter.
 */
class DocumentListsTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    static String q(String words) {
        return URLEncoder.encode(words, StandardCharsets.UTF_8);
    }

    static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    @Test
    void aSearchWithoutDiacriticsFindsTheTitleWithThem() {
        String marker = "Zq" + Drafts.uniqueDomain().substring(1, 7);
        long issued = flow.issue(Drafts.conclusion(
                        "Kết luận của Ban Thường vụ về công tác cán bộ " + marker, Drafts.uniqueDomain(), 1))
                .get("id")
                .asLong();

        JsonNode found = as("chuyenvien")
                .get("/api/documents?q=" + q("thuong vu " + marker.toLowerCase()))
                .ok();
        assertThat(ids(found)).containsExactly(issued);
        assertThat(found.get("items").get(0).get("title").asText()).contains("Thường vụ");
        assertThat(found.get("total").asLong()).isEqualTo(1);
        // upper case, another word order, the number as printed
        String number = found.get("items").get(0).get("number").asText();
        assertThat(ids(as("bithu")
                        .get("/api/documents?q=" + q("CONG TAC " + marker.toUpperCase() + " cán BỘ"))
                        .ok()))
                .containsExactly(issued);
        assertThat(ids(as("vanthu")
                        .get("/api/documents?scope=issued&type=KL&q=" + q(number + " " + marker))
                        .ok()))
                .containsExactly(issued);
        // words from the body count too; a word that is not there finds nothing
        assertThat(ids(as("vanthu")
                        .get("/api/documents?q=" + q("giao duc tu tuong " + marker))
                        .ok()))
                .containsExactly(issued);
        assertThat(ids(as("vanthu")
                        .get("/api/documents?q=" + q("khong co " + marker))
                        .ok()))
                .isEmpty();
        // LIKE's wildcards are plain characters
        assertThat(ids(as("vanthu").get("/api/documents?q=" + q("% " + marker)).ok()))
                .isEmpty();
    }

    @Test
    void aDraftIsListedOnlyForThoseWhoMayReadIt() {
        String marker = "Zr" + Drafts.uniqueDomain().substring(1, 7);
        long draft = flow.create(Drafts.invitation("Hội nghị dự thảo riêng " + marker, Drafts.uniqueDomain(), 1));
        String search = "/api/documents?q=" + q(marker);
        for (String reader : List.of("chuyenvien", "chanhvanphong", "bithu", "vanthu", "admin")) {
            assertThat(ids(as(reader).get(search).ok())).as(reader).containsExactly(draft);
        }
        // another leader, not its signer, does not see a draft: not by search, not in any list
        assertThat(ids(as("phobithu").get(search).ok())).isEmpty();
        for (String scope : List.of("all", "mine", "in-progress", "issued")) {
            assertThat(ids(as("phobithu").get(search + "&scope=" + scope).ok()))
                    .as(scope)
                    .doesNotContain(draft);
        }
        // mine: the drafter's own; in progress once submitted, with who holds it
        assertThat(ids(as("chuyenvien").get(search + "&scope=mine").ok())).containsExactly(draft);
        assertThat(ids(as("chuyenvien").get(search + "&scope=in-progress").ok()))
                .isEmpty();
        flow.submit(draft);
        JsonNode inProgress = as("vanthu").get(search + "&scope=in-progress").ok();
        assertThat(ids(inProgress)).containsExactly(draft);
        JsonNode holder = inProgress.get("items").get(0).get("holders").get(0);
        assertThat(holder.get("step").asText()).isEqualTo("review");
        assertThat(holder.get("candidateGroup").asText()).isEqualTo("reviewers");
        assertThat(holder.get("since").asText()).endsWith("+07:00");
        assertThat(anonymous().get(search).status()).isEqualTo(401);
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    AccessPolicy access;

    @Autowired
    vn.vanthu.config.OrganisationProperties settings;

    @Autowired
    vn.vanthu.document.spi.StepHolders steps;

    /**
     * The count stops at its limit (1,000 in the application; 2 here): the total is then a lower
     * bound, and the pages still go on to the last document.
     */
    @Test
    void pastTheCountLimitTheTotalIsALowerBoundAndThePagesGoOn() {
        String marker = "Zc" + Drafts.uniqueDomain().substring(1, 7);
        List<Long> made = threeDrafts("Đếm", marker);
        DocumentSearch capped = new DocumentSearch(jdbc, access, settings, steps, 2);
        Caller drafter = new Caller("chuyenvien", Set.of(Groups.DRAFTERS));
        List<Long> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            DocumentSearch.Page result = capped.search(
                    capped.criteria(null, marker, null, null, null, null, null, String.valueOf(page), "1"), drafter);
            seen.addAll(result.items().stream().map(DocumentSearch.Item::id).toList());
            if (page < 3) {
                // pages 1 and 2 count to 2 + 1 rows: "more than 2", and a next page
                assertThat(result.total()).as("page " + page).isEqualTo(2);
                assertThat(result.totalIsLowerBound()).as("page " + page).isTrue();
                assertThat(result.hasNext()).as("page " + page).isTrue();
            } else {
                // page 3 lies beyond the limit: counted to its end, exact, the last
                assertThat(result.total()).isEqualTo(3);
                assertThat(result.totalIsLowerBound()).isFalse();
                assertThat(result.hasNext()).isFalse();
            }
        }
        java.util.Collections.reverse(made); // newest first
        assertThat(seen).containsExactlyElementsOf(made);
        DocumentSearch.Page all =
                capped.search(capped.criteria(null, marker, null, null, null, null, null, "1", "5"), drafter);
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.totalIsLowerBound()).isFalse();
        assertThat(all.hasNext()).isFalse();
        // the application's own limit: these three, counted exactly
        assertThat(as("chuyenvien")
                        .get("/api/documents?q=" + q(marker))
                        .ok()
                        .get("totalIsLowerBound")
                        .asBoolean(true))
                .isFalse();
    }

    /**
     * Past the application's own count limit the list page says "hơn …" and still links the next
     * page, down to the last, where the count is exact again. 1,030 drafts written straight into
     * the tables (the workflow would take minutes), dated 2001, and removed afterwards.
     */
    @Test
    void pastTheLimitThePageSaysMoreThanAndPagesOnToTheLast() {
        String marker = "zp" + Drafts.uniqueDomain().substring(1, 7).toLowerCase();
        long first = jdbc.queryForObject("select coalesce(max(id), 0) + 1000000 from document", Long.class);
        java.sql.Timestamp at = java.sql.Timestamp.from(java.time.Instant.parse("2001-03-01T01:00:00Z"));
        List<Object[]> documents = new ArrayList<>();
        List<Object[]> versions = new ArrayList<>();
        for (int i = 0; i < 1030; i++) {
            documents.add(new Object[] {first + i, at, at, marker + " " + i, at});
            versions.add(new Object[] {first + i, first + i, "Đếm trang " + i, at});
        }
        try {
            jdbc.batchUpdate("""
                    insert into document (id, doc_type, status, drafter, signer, current_version, urgent, created_at,
                                          updated_at, lock_version, search_text, listed_at)
                    values (?, 'GM', 'DRAFT', 'chuyenvien', 'bithu', 1, false, ?, ?, 0, ?, ?)""", documents);
            jdbc.batchUpdate("""
                    insert into document_version (id, document_id, version_no, title, body, signer, created_by, created_at)
                    values (?, ?, 1, ?, '', 'bithu', 'chuyenvien', ?)""", versions);
            String list = "/danh-sach/cua-toi?q=" + marker;
            assertThat(as("chuyenvien").get(list).text())
                    .contains("Trang 1 (hơn 1.000 văn bản)")
                    .contains("page=2\">Trang sau");
            assertThat(as("chuyenvien").get(list + "&page=51").text())
                    .contains("Trang 51 (hơn 1.020 văn bản)")
                    .contains("page=52\">Trang sau");
            assertThat(as("chuyenvien").get(list + "&page=52").text())
                    .contains("Trang 52/52 (1.030 văn bản)")
                    .doesNotContain("Trang sau");
            JsonNode api = as("chuyenvien")
                    .get("/api/documents?scope=mine&q=" + marker)
                    .ok();
            assertThat(api.get("total").asLong()).isEqualTo(1000);
            assertThat(api.get("totalIsLowerBound").asBoolean()).isTrue();
        } finally {
            jdbc.update("delete from document_version where document_id >= ? and document_id < ?", first, first + 1030);
            jdbc.update("delete from document where id >= ? and id < ?", first, first + 1030);
        }
    }

    @Test
    void filtersAndPagesAreCheckedAndApplied() {
        String marker = "Zs" + Drafts.uniqueDomain().substring(1, 7);
        List<Long> made = threeDrafts("Trang", marker);
        String search = "/api/documents?q=" + q(marker);
        JsonNode first = as("chuyenvien").get(search + "&size=2&page=1").ok();
        JsonNode second = as("chuyenvien").get(search + "&size=2&page=2").ok();
        assertThat(first.get("total").asLong()).isEqualTo(3);
        assertThat(first.get("totalIsLowerBound").asBoolean(true)).isFalse();
        assertThat(ids(first)).hasSize(2);
        assertThat(ids(second)).hasSize(1);
        List<Long> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(all).containsExactlyInAnyOrderElementsOf(made);
        assertThat(ids(as("chuyenvien").get(search + "&type=KL").ok())).isEmpty();
        assertThat(ids(as("chuyenvien")
                        .get(search + "&status=DRAFT&signer=bithu")
                        .ok()))
                .hasSize(3);
        assertThat(ids(as("chuyenvien").get(search + "&signer=phobithu").ok())).isEmpty();
        assertThat(ids(as("chuyenvien")
                        .get(search + "&from=2001-01-01&to=2001-12-31")
                        .ok()))
                .isEmpty();
        assertThat(ids(as("chuyenvien").get(search + "&from=01/01/2001").ok())).hasSize(3);
        for (String bad : List.of(
                "&size=0",
                "&size=101",
                "&page=0",
                "&page=x",
                "&type=XX",
                "&status=LOST",
                "&from=31/02/2026",
                "&from=2026-05-01&to=2026-04-01",
                "&scope=every",
                "&q=" + "a".repeat(201))) {
            Api.Response refused = as("chuyenvien").get(search + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.text()).as(bad).containsAnyOf("phải", "không hợp lệ", "dài quá");
        }
    }

    @Test
    void afterASubmitTheReviewersGetAnEmailAndTheNextHoldersTheirs() throws Exception {
        String marker = "Zt" + Drafts.uniqueDomain().substring(1, 7);
        String title = "Hội nghị báo tin " + marker;
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        MimeMessage toReviewer = awaitNotice("chanhvanphong@vanthu.local", marker);
        assertThat(Mailbox.subject(toReviewer)).contains("thẩm định").contains(title);
        assertThat(toReviewer.getContent().toString()).contains("/viec/");
        // RFC 2047: 7-bit, however the header was folded
        assertThat(toReviewer.getHeader("From")[0].replaceAll("\\r?\\n[ \\t]+", " "))
                .matches("^[\\x20-\\x7e]+$")
                .contains("=?UTF-8?");

        // returned: the drafter hears; approved: the signer hears; nobody of their own act
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        assertThat(Mailbox.subject(awaitNotice("bithu@vanthu.local", marker))).contains("ký ban hành");
        flow.decideOk("bithu", id, Kind.SIGN, Decision.RETURN, "Đề nghị sửa địa điểm.");
        assertThat(Mailbox.subject(awaitNotice("chuyenvien@vanthu.local", marker)))
                .contains("trả lại");
        // the step emails go out one after another on one thread: once a later document's notice is
        // here, any notice of the return would be too
        String later = "Zl" + Drafts.uniqueDomain().substring(1, 7);
        flow.submit(flow.create(Drafts.invitation("Thông báo sau " + later, Drafts.uniqueDomain(), 1)));
        awaitNotice("chanhvanphong@vanthu.local", later);
        assertThat(notices("bithu@vanthu.local", marker)).hasSize(1);
        assertThat(notices("chanhvanphong@vanthu.local", marker)).hasSize(1);
    }

    @Test
    void theMenuCountsTheTasksWaiting() {
        String marker = "Zu" + Drafts.uniqueDomain().substring(1, 7);
        long id = flow.create(Drafts.invitation("Đếm việc " + marker, Drafts.uniqueDomain(), 1));
        int before = count(as("chanhvanphong").get("/").text());
        flow.submit(id);
        assertThat(count(as("chanhvanphong").get("/").text())).isEqualTo(before + 1);
    }

    /** Three drafts of chuyenvien's, titled "{title} 0…2 {marker}", in the order made. */
    List<Long> threeDrafts(String title, String marker) {
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(flow.create(Drafts.invitation(title + " " + i + " " + marker, Drafts.uniqueDomain(), 1)));
        }
        return made;
    }

    static int count(String page) {
        var m = java.util.regex.Pattern.compile("id=\"waiting-count\"[^>]*>(\\d+)<")
                .matcher(page);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    MimeMessage awaitNotice(String address, String marker) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> notices(address, marker), list -> !list.isEmpty())
                .get(0);
    }

    List<MimeMessage> notices(String address, String marker) {
        return java.util.Arrays.stream(mailServer.getReceivedMessages())
                .filter(m -> address.equals(Mailbox.recipient(m))
                        && Mailbox.subject(m).contains(marker))
                .toList();
    }
}

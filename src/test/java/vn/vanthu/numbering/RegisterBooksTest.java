package vn.vanthu.numbering;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/**
 * The register is kept as numbering books: Giấy mời per calendar year, Kết luận per nhiệm kỳ
 * (term-start 2025-10-01 in application.yaml), whose numbers run on across calendar years.
 */
class RegisterBooksTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @org.springframework.beans.factory.annotation.Autowired
    OutgoingRegister register;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * Ngày chuyển and ký nhận come from the distribution module (DeliveryProgress), no longer from
     * the register's own SQL: each line of a book says what the deliveries say.
     */
    @Test
    void eachLineSaysWhenItsEmailsLeftAndHowManyWereConfirmed() throws Exception {
        JsonNode issued = flow.issue(Drafts.conclusion("Kết luận gửi và ký nhận", Drafts.uniqueDomain(), 2));
        long id = issued.get("id").asLong();
        long deadline = System.currentTimeMillis() + 60_000;
        while (jdbc.queryForObject(
                                "select count(*) from delivery where document_id = ? and kind = 'ISSUE' and state = 'SENT'",
                                Integer.class,
                                id)
                        < 2
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        jdbc.update(
                "update delivery set confirmed_at = current_timestamp where document_id = ? and kind = 'ISSUE' and position = 0",
                id);

        RegisterEntry line = register.ofDocument(id).orElseThrow();
        assertThat(line.deliveries()).isEqualTo(2);
        assertThat(line.confirmed()).isEqualTo(1);
        java.sql.Timestamp first = jdbc.queryForObject(
                "select min(sent_at) from delivery where document_id = ? and kind = 'ISSUE'",
                java.sql.Timestamp.class,
                id);
        assertThat(line.firstSentAt().toInstant()).isEqualTo(first.toInstant());
        assertThat(register.byScope(
                        line.type(),
                        jdbc.queryForObject(
                                "select scope_key from outgoing_register where document_id = ?", String.class, id)))
                .filteredOn(e -> e.documentId() == id)
                .singleElement()
                .isEqualTo(line);
        assertThat(register.ofDocuments(java.util.List.of(id))).containsEntry(id, line);
        // a page of the book reads the lines, then the deliveries of the lines it shows
        String scope =
                jdbc.queryForObject("select scope_key from outgoing_register where document_id = ?", String.class, id);
        java.util.List<RegisterEntry> bare = register.linesOf(line.type(), 0, scope).stream()
                .filter(e -> e.documentId() == id)
                .toList();
        assertThat(bare)
                .singleElement()
                .satisfies(e -> assertThat(e.deliveries()).isZero());
        assertThat(register.withDeliveries(bare)).containsExactly(line);
        String page = as("vanthu")
                .get("/so-van-ban-di?loai=" + line.type() + "&so="
                        + java.net.URLEncoder.encode(line.number(), java.nio.charset.StandardCharsets.UTF_8))
                .text();
        assertThat(page).contains(line.number()).contains("data-label=\"Ký nhận\">1/2<");
    }

    @Test
    void aConclusionIsInItsTermsBookThroughTheApiAndThePage() {
        JsonNode issued = flow.issue(Drafts.conclusion("Kết luận trong sổ nhiệm kỳ", Drafts.uniqueDomain(), 1));
        String number = issued.get("number").asText();
        int year = OffsetDateTime.parse(issued.get("issuedAt").asText()).getYear();

        Api clerk = as("vanthu");
        assertThat(clerk.get("/api/register?type=KL").text())
                .as("the current term by default")
                .contains(number);
        assertThat(clerk.get("/api/register?type=KL&term=2025-10-01").text()).contains(number);
        assertThat(clerk.get("/api/register?type=KL&term=2020-10-01").json()).isEmpty();
        assertThat(clerk.get("/api/register?type=KL&year=" + year).text()).contains(number);
        assertThat(clerk.get("/api/register?type=KL&year=" + (year - 1)).text()).doesNotContain(number);

        Api.Response bad = clerk.get("/api/register?type=KL&term=nhiem-ky");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("term");
        assertThat(clerk.get("/api/register?type=GM&term=2025-10-01").status())
                .as("GM is numbered per year")
                .isEqualTo(400);

        String page = clerk.get("/so-van-ban-di?loai=KL").text();
        assertThat(page)
                .contains("Nhiệm kỳ")
                .contains("từ 01/10/2025")
                .contains(number)
                .doesNotContain("name=\"nam\"");
        assertThat(clerk.get("/so-van-ban-di?loai=GM").text())
                .contains("name=\"nam\"")
                .doesNotContain("name=\"nk\"");
    }

    /** A year's book of thousands of lines is shown 200 at a time, after the filters; the API keeps it whole. */
    @Test
    void theRegisterPageShowsABookTwoHundredLinesAPage() {
        // a year nothing else issues in; not published, so the public board's newest lines stay the other tests'
        int year = 2197;
        for (int seq = 1; seq <= 205; seq++) {
            long id = 70_000_000L + seq;
            java.sql.Timestamp at = java.sql.Timestamp.from(java.time.Instant.parse("2197-03-01T02:00:00Z"));
            jdbc.update("""
                    insert into document (id, doc_type, status, drafter, signer, current_version, number, issued_at,
                                          urgent, created_at, updated_at, listed_at, lock_version)
                    values (?, 'GM', 'ISSUED', 'chuyenvien', 'bithu', 1, ?, ?, false, ?, ?, ?, 0)""", id, "%03d-GM/SO".formatted(seq), at, at, at, at);
            jdbc.update("""
                    insert into outgoing_register (doc_type, scope_key, seq, number, document_id, title, signer,
                                                   issued_at, issue_year, published)
                    values ('GM', '2197', ?, ?, ?, ?, 'bithu', ?, 2197, false)""", seq, "%03d-GM/SO".formatted(seq), id, "Dòng sổ số " + seq, at);
        }
        Api clerk = as("vanthu");
        assertThat(clerk.get("/api/register?type=GM&year=" + year).json()).hasSize(205);

        String first = clerk.get("/so-van-ban-di?loai=GM&nam=" + year).text();
        assertThat(first).contains("001-GM/SO").contains("200-GM/SO").doesNotContain("201-GM/SO");
        assertThat(first).contains("Trang 1/2 (205 văn bản)").contains("trang=2");
        String second =
                clerk.get("/so-van-ban-di?loai=GM&nam=" + year + "&trang=2").text();
        assertThat(second).contains("201-GM/SO").contains("205-GM/SO").doesNotContain("200-GM/SO");
        assertThat(clerk.get("/so-van-ban-di?loai=GM&nam=" + year + "&trang=9").text())
                .as("past the last page: the last page")
                .contains("205-GM/SO");
        assertThat(clerk.get("/so-van-ban-di?loai=GM&nam=" + year + "&q=so+205").text())
                .as("filtered first, then paged")
                .contains("205-GM/SO")
                .doesNotContain("001-GM/SO")
                .doesNotContain("Trang 1/");
    }
}

package vn.vanthu.absence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Directory;
import vn.vanthu.directory.Groups;
import vn.vanthu.document.DocumentService;
import vn.vanthu.security.Caller;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A leader away on a mission: the sign task goes to the deputy, who signs, and the issued document
 * is the deputy's (signer, name and authority lines). Each test has leaders of its own, so that an
 * absence never reaches another test's documents (the Spring context, and its database, is shared).
 */
class AbsenceTest extends IntegrationTest {

    static final String FORM = "application/x-www-form-urlencoded";

    @Autowired
    org.camunda.bpm.engine.IdentityService identity;

    @Autowired
    Directory directory;

    @Autowired
    SigningKeys keys;

    @Autowired
    DocumentService documents;

    @Autowired
    Absences absences;

    final Flow flow = new Flow(this);

    /** A new leader in the signers group with this position (and, in demo mode, a key under the PIN "demo"). */
    String leader(String first, String last, String position) {
        String id = "ld" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        vn.vanthu.support.Signers.create(identity, directory, id, first, last, position);
        keys.ensureDemoSigner(id, first + " " + last);
        return id;
    }

    static String vn(LocalDateTime t) {
        return t.withNano(0).withSecond(0).toString();
    }

    static LocalDateTime now() {
        return LocalDateTime.now(OrganisationProperties.VIETNAM);
    }

    static Map<String, Object> absence(LocalDateTime from, LocalDateTime to, String deputy, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from == null ? null : vn(from));
        body.put("to", to == null ? null : vn(to));
        body.put("deputy", deputy);
        body.put("reason", reason);
        return body;
    }

    long awaitingSignature(String signer) {
        Map<String, Object> draft =
                Drafts.conclusion("Kết luận ký thay " + UUID.randomUUID(), Drafts.uniqueDomain(), 1);
        draft.put("signer", signer);
        long id = flow.create(draft);
        flow.submit(id);
        JsonNode approved = flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        assertThat(approved.get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        return id;
    }

    boolean hasSignTask(String user, long documentId) {
        Api.Response tasks = as(user).get("/api/tasks");
        assertThat(tasks.status()).isEqualTo(200);
        for (JsonNode t : tasks.json()) {
            if (t.get("documentId").asLong() == documentId
                    && t.get("key").asText().equals(Kind.SIGN.wire())) {
                return true;
            }
        }
        return false;
    }

    static List<JsonNode> delegations(JsonNode document) {
        List<JsonNode> found = new ArrayList<>();
        document.get("history").forEach(h -> {
            if (DocumentService.SIGNING_DELEGATED.equals(h.get("action").asText())) {
                found.add(h);
            }
        });
        return found;
    }

    @Test
    void theDeputySignsWhileTheLeaderIsAwayAndTheIssuedDocumentIsTheDeputys() throws Exception {
        String leader = leader("Nguyễn Văn", "Vắng", "Bí thư");
        String deputy = leader("Lê Thị", "Thay", "Phó Bí thư");
        Api.Response recorded = as(leader)
                .post(
                        "/api/me/absences",
                        absence(now().minusHours(1), now().plusDays(3), deputy, "Đi công tác Hà Nội"));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().get("deputy").asText()).isEqualTo(deputy);
        assertThat(recorded.json().get("userId").asText()).isEqualTo(leader);
        assertThat(recorded.json().get("createdBy").asText()).isEqualTo(leader);
        assertThat(recorded.json().get("from").asText()).endsWith("+07:00");
        assertThat(as(leader).get("/api/me/absences").json()).hasSize(1);

        long id = awaitingSignature(leader);
        assertThat(hasSignTask(deputy, id)).as("the deputy holds the sign task").isTrue();
        assertThat(hasSignTask(leader, id)).as("the absent leader does not").isFalse();
        assertThat(flow.document(id).get("signer").asText()).isEqualTo(deputy);
        // the leader's right to sign went with the task
        Api.Response byLeader = flow.decide(leader, flow.taskOf(deputy, id, Kind.SIGN), Decision.SIGN, null);
        assertThat(byLeader.status()).as(byLeader.toString()).isEqualTo(403);

        JsonNode issued = flow.decideOk(deputy, id, Kind.SIGN, Decision.SIGN, null);
        assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
        assertThat(documents.get(id).getSigner()).isEqualTo(deputy);

        JsonNode document = flow.document(id);
        List<JsonNode> delegated = delegations(document);
        assertThat(delegated).hasSize(1);
        assertThat(delegated.get(0).get("comment").asText())
                .startsWith("Lãnh đạo Nguyễn Văn Vắng vắng mặt (đến ")
                .endsWith("): Lê Thị Thay ký thay.");
        assertThat(document.get("history").toString()).contains("\"SIGNED\"");

        byte[] pdf = as(deputy).get("/api/documents/" + id + "/pdf").body();
        try (PDDocument signed = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(signed);
            assertThat(text).contains("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Thị Thay");
            assertThat(text).doesNotContain("Nguyễn Văn Vắng");
        }
        // the history's label, not its code
        String page = as("vanthu").get("/van-ban/" + id).text();
        assertThat(page).contains("Lãnh đạo vắng mặt, giao ký thay").doesNotContain(DocumentService.SIGNING_DELEGATED);
    }

    @Test
    void aSignTaskAlreadyOpenGoesToTheDeputyWhenAnAbsenceInForceIsRecorded() {
        String leader = leader("Trần Văn", "Đi", "Bí thư");
        String deputy = leader("Phạm Thị", "Ở", "Phó Bí thư");
        long id = awaitingSignature(leader);
        assertThat(hasSignTask(leader, id)).isTrue();

        // recorded by the clerk for the leader
        Map<String, Object> body = absence(now().minusMinutes(5), now().plusDays(1), deputy, null);
        body.put("userId", leader);
        Api.Response recorded = as("vanthu").post("/api/admin/absences", body);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().get("createdBy").asText()).isEqualTo("vanthu");

        assertThat(hasSignTask(deputy, id)).isTrue();
        assertThat(hasSignTask(leader, id)).isFalse();
        assertThat(documents.get(id).getSigner()).isEqualTo(deputy);
        assertThat(delegations(flow.document(id))).hasSize(1);
        assertThat(flow.decideOk(deputy, id, Kind.SIGN, Decision.SIGN, null)
                        .get("status")
                        .asText())
                .isEqualTo("ISSUED");
    }

    @Test
    void anAbsenceStartingLaterLeavesTheTaskAndACancelledOneHandsNothingOver() {
        String leader = leader("Hoàng Văn", "Sau", "Bí thư");
        String deputy = leader("Đỗ Thị", "Chờ", "Phó Bí thư");
        Api.Response later =
                as(leader).post("/api/me/absences", absence(now().plusDays(2), now().plusDays(4), deputy, null));
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        Api.Response now =
                as(leader).post("/api/me/absences", absence(now().minusHours(1), now().plusDays(1), deputy, null));
        assertThat(now.status()).as(now.toString()).isEqualTo(201);
        Api.Response cancelled =
                as(leader).delete("/api/me/absences/" + now.json().get("id").asLong());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("cancelledAt").isNull()).isFalse();
        assertThat(as(leader)
                        .delete("/api/me/absences/" + now.json().get("id").asLong())
                        .status())
                .isEqualTo(409);

        long id = awaitingSignature(leader);
        assertThat(hasSignTask(leader, id)).isTrue();
        assertThat(hasSignTask(deputy, id)).isFalse();
        assertThat(delegations(flow.document(id))).isEmpty();
    }

    @Test
    void aDeputyAwayTooPassesItOnWithoutALoop() {
        String a = leader("Lý Văn", "Một", "Bí thư");
        String b = leader("Lý Văn", "Hai", "Phó Bí thư");
        String c = leader("Lý Văn", "Ba", "Phó Bí thư");
        Caller clerk = new Caller("vanthu", Set.of(Groups.CLERKS));
        String from = vn(now().minusHours(1));
        String to = vn(now().plusDays(1));
        absences.recordFor(clerk, new Absences.Request(a, from, to, b, null));
        absences.recordFor(clerk, new Absences.Request(b, from, to, c, null));
        assertThat(absences.deputyFor(a, java.time.Instant.now())).contains(c);
        assertThat(absences.deputyFor(b, java.time.Instant.now())).contains(c);
        assertThat(absences.deputyFor(c, java.time.Instant.now())).isEmpty();

        // c cannot hand back to b while b has left their signing to c... but a → b → c → a is cut
        Api.Response loop = as(c).post("/api/me/absences", absence(now().minusHours(1), now().plusDays(1), b, null));
        assertThat(loop.status()).as(loop.toString()).isEqualTo(400);
        assertThat(loop.text()).contains("deputy");
        Api.Response toA = as(c).post("/api/me/absences", absence(now().minusHours(1), now().plusDays(1), a, null));
        assertThat(toA.status()).as(toA.toString()).isEqualTo(201);
        assertThat(absences.deputyFor(a, java.time.Instant.now())).contains(c);

        long id = awaitingSignature(a);
        assertThat(hasSignTask(c, id)).isTrue();
    }

    @Test
    void everyRuleRefusesWithAMessageForItsField() {
        String leader = leader("Vũ Văn", "Kiểm", "Bí thư");
        String deputy = leader("Vũ Thị", "Tra", "Phó Bí thư");
        LocalDateTime now = now();
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("from", absence(null, now.plusDays(1), deputy, null));
        cases.put("to", absence(now, null, deputy, null));
        Map<String, Object> badFormat = absence(now, now.plusDays(1), deputy, null);
        badFormat.put("from", "mai");
        cases.put("from ", badFormat);
        cases.put("to ", absence(now.plusDays(2), now.plusDays(1), deputy, null));
        cases.put("to  ", absence(now.minusDays(3), now.minusDays(1), deputy, null));
        cases.put("to   ", absence(now, now.plusDays(91), deputy, null));
        cases.put("deputy", absence(now, now.plusDays(1), null, null));
        cases.put("deputy ", absence(now, now.plusDays(1), leader, null));
        cases.put("deputy  ", absence(now, now.plusDays(1), "chuyenvien", null));
        cases.put("deputy   ", absence(now, now.plusDays(1), "khong-co-ai", null));
        cases.put("reason", absence(now, now.plusDays(1), deputy, "Đi\u0007công tác"));
        cases.put("reason ", absence(now, now.plusDays(1), deputy, "x".repeat(501)));
        cases.put("reason  ", absence(now, now.plusDays(1), deputy, "a\u202Eb"));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            Api.Response r = as(leader).post("/api/me/absences", c.getValue());
            assertThat(r.status()).as(c.getKey() + " " + r).isEqualTo(400);
            assertThat(fields(r))
                    .as(c.getKey() + " " + r)
                    .containsExactly(c.getKey().strip());
        }
        assertThat(as(leader).get("/api/me/absences").json()).isEmpty();

        // an overlapping one
        assertThat(as(leader)
                        .post("/api/me/absences", absence(now.plusDays(1), now.plusDays(5), deputy, null))
                        .status())
                .isEqualTo(201);
        Api.Response overlap =
                as(leader).post("/api/me/absences", absence(now.plusDays(4), now.plusDays(6), deputy, null));
        assertThat(overlap.status()).isEqualTo(400);
        assertThat(fields(overlap)).containsExactly("from");
        assertThat(overlap.text()).contains("trùng");
        // right after it: fine
        assertThat(as(leader)
                        .post("/api/me/absences", absence(now.plusDays(5), now.plusDays(6), deputy, null))
                        .status())
                .isEqualTo(201);

        // for a leader: who, and that they are a leader
        Map<String, Object> noUser = absence(now.plusDays(10), now.plusDays(11), deputy, null);
        Api.Response r = as("vanthu").post("/api/admin/absences", noUser);
        assertThat(fields(r)).containsExactly("userId");
        noUser.put("userId", "chuyenvien");
        assertThat(fields(as("vanthu").post("/api/admin/absences", noUser))).containsExactly("userId");
        assertThat(as("vanthu").post("/api/admin/absences", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void nobodyRecordsOrCancelsAnotherLeadersAbsenceButTheClerksAndAdministrators() {
        String leader = leader("Đinh Văn", "Chủ", "Bí thư");
        String other = leader("Đinh Thị", "Khác", "Phó Bí thư");
        Map<String, Object> forLeader = absence(now().plusDays(1), now().plusDays(2), other, null);
        forLeader.put("userId", leader);
        for (String stranger : List.of("chuyenvien", "chanhvanphong", other)) {
            Api.Response r = as(stranger).post("/api/admin/absences", forLeader);
            assertThat(r.status()).as(stranger + " " + r).isEqualTo(403);
        }
        // /api/me is always one's own: a userId in the body changes nothing
        Api.Response own = as(other)
                .post(
                        "/api/me/absences",
                        Map.of(
                                "userId",
                                leader,
                                "from",
                                vn(now().plusDays(3)),
                                "to",
                                vn(now().plusDays(4)),
                                "deputy",
                                leader));
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(own.json().get("userId").asText()).isEqualTo(other);
        assertThat(as("chuyenvien").post("/api/me/absences", forLeader).status())
                .isEqualTo(403);

        Api.Response recorded =
                as(leader).post("/api/me/absences", absence(now().plusDays(1), now().plusDays(2), other, null));
        assertThat(recorded.status()).isEqualTo(201);
        long id = recorded.json().get("id").asLong();
        assertThat(as(other).delete("/api/me/absences/" + id).status()).isEqualTo(403);
        assertThat(as("vanthu").delete("/api/me/absences/" + id).status()).isEqualTo(403);
        assertThat(as("chuyenvien").delete("/api/me/absences/" + id).status()).isEqualTo(403);
        assertThat(as("admin").delete("/api/me/absences/" + id).status()).isEqualTo(200);
    }

    @Test
    void theLeadersPageListsRecordsAndCancels() {
        String leader = leader("Bùi Văn", "Trang", "Bí thư");
        String deputy = leader("Bùi Thị", "Phó", "Phó Bí thư");
        Api.Response page = as(leader).get("/vang-mat");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Vắng mặt và ký thay", "Bùi Thị Phó", "Chưa có lịch vắng mặt nào");
        assertThat(as("chuyenvien").get("/vang-mat").status()).isEqualTo(403);

        Api.Response refused = as(leader)
                .postRaw(
                        "/vang-mat",
                        FORM,
                        form(Map.of("from", vn(now().plusDays(2)), "to", vn(now().plusDays(1)), "deputy", deputy)));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.text()).contains("id=\"to-error\"", "Thời điểm kết thúc phải sau thời điểm bắt đầu.");

        Api.Response recorded = as(leader)
                .postRaw(
                        "/vang-mat",
                        FORM,
                        // the page's text fields: dd/MM/yyyy HH:mm, as the draft form
                        form(Map.of(
                                "from",
                                page(now().plusDays(1)),
                                "to",
                                page(now().plusDays(2)),
                                "deputy",
                                deputy,
                                "reason",
                                "Học tập tại Trường Chính trị")));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(302);
        String listed = as(leader).get("/vang-mat").text();
        assertThat(listed).contains("Học tập tại Trường Chính trị", "Sắp tới", "Hủy lịch này");
        long id = as(leader).get("/api/me/absences").json().get(0).get("id").asLong();
        assertThat(as(leader)
                        .postRaw("/vang-mat/" + id + "/huy", FORM, new byte[0])
                        .status())
                .isEqualTo(302);
        assertThat(as(leader).get("/vang-mat").text()).contains("Đã hủy lúc");
    }

    static String page(LocalDateTime t) {
        return t.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"));
    }

    static byte[] form(Map<String, String> fields) {
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(s.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<String> fields(Api.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }
}

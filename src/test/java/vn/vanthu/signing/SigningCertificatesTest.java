package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.directory.Groups;
import vn.vanthu.security.Caller;
import vn.vanthu.security.SecurityAudit;
import vn.vanthu.security.SecurityAudit.Kind;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.system.ForbiddenException;
import vn.vanthu.workflow.DocumentIssuanceProcess;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;

/**
 * Enrolment of a signer's certificate (docs/signing.md, "Enrolment"). Uses the demo signer
 * {@code chanhvp}, whom no other test signs as; each test gives him back his demo key's certificate.
 */
class SigningCertificatesTest extends IntegrationTest {

    static final String LEADER = "chanhvp";
    static final int SIGNING = KeyUsage.digitalSignature | KeyUsage.nonRepudiation;
    static final Caller ADMIN = new Caller("admin", Set.of(Groups.ADMINS));

    @Autowired
    SigningKeys keys;

    @Autowired
    SigningCertificates certificates;

    @Autowired
    SecurityAudit audit;

    final Flow flow = new Flow(this);

    /** The demo CA, a trust anchor on the embedded default: what a real CA is in production. */
    TestPki.Party demoCa() {
        SigningIdentity ca = keys.demoCertificateAuthority().orElseThrow();
        return new TestPki.Party(ca.privateKey(), ca.certificate(), ca.chain());
    }

    TestPki.Party token(String name) {
        Instant now = Instant.now();
        return demoCa().issue(name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), SIGNING);
    }

    static List<String> base64(List<X509Certificate> chain) {
        List<String> out = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                out.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    Api.Response present(String user, List<X509Certificate> chain) {
        return as(user).post("/api/me/signing-certificate", Map.of("certificate", base64(chain)));
    }

    Api.Response decide(String user, long id, String action) {
        return as(user).post(
                        "/api/admin/signing-certificates/" + id + "/" + action, Map.of("note", "Không đúng thiết bị"));
    }

    Api.Response upload(String user, String signer, List<X509Certificate> chain) {
        return as(user).put(
                        "/api/admin/signers/" + signer + "/signing-certificate", Map.of("certificate", base64(chain)));
    }

    static JsonNode ok(Api.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        return response.json();
    }

    static void refused(Api.Response response, int status, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        if (!message.isEmpty()) { // "" for Spring Security's own refusal of /api/admin/**
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text()).contains(message);
        }
    }

    JsonNode listed(long id) {
        for (JsonNode row : ok(as("admin").get("/api/admin/signing-certificates"), 200)) {
            if (row.get("id").asLong() == id) {
                return row;
            }
        }
        throw new AssertionError("not listed: " + id);
    }

    /** The trail's lines of this kind about chanhvp's certificate #id. */
    List<SecurityAudit.Event> trail(Kind kind, long id) {
        return audit.newest(EnumSet.of(kind), 200).stream()
                .filter(e -> LEADER.equals(e.actor()) && e.detail().contains("#" + id + " "))
                .toList();
    }

    @AfterEach
    void giveBackTheDemoCertificate() {
        X509Certificate demo = keys.signerCertificate(LEADER);
        if (certificates.approved(LEADER).filter(c -> !c.equals(demo)).isPresent()) {
            certificates.upload(LEADER, List.of(encoded(demo)), ADMIN);
        }
    }

    static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long awaitingChanhvp() {
        Map<String, Object> draft =
                Drafts.invitation("Ghi danh chứng thư " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1);
        draft.put("signer", LEADER);
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, DocumentIssuanceProcess.Kind.REVIEW, Decision.APPROVE, null);
        return id;
    }

    /** The draft's preview as the leader reads it: the name under the signature is the certificate's. */
    String preview(long document) {
        Api.Response pdf = as(LEADER).get("/van-ban/" + document + "/pdf");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            return java.text.Normalizer.normalize(
                    new org.apache.pdfbox.text.PDFTextStripper().getText(doc), java.text.Normalizer.Form.NFC);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    Api.Response prepare(String taskId, List<X509Certificate> chain) {
        return as(LEADER).post("/api/tasks/" + taskId + "/signature", Map.of("certificate", base64(chain)));
    }

    @Test
    void presentedThenApprovedIsEnrolledAndTheOldOneSuperseded() {
        long document = awaitingChanhvp();
        String task = flow.taskOf(LEADER, document, DocumentIssuanceProcess.Kind.SIGN);
        SigningIdentity demoToken = keys.signer(LEADER, SigningKeys.DEMO_PIN.toCharArray());
        // before any enrolment the demo key's certificate counts as enrolled
        assertThat(certificates.enrolled(LEADER)).contains(demoToken.certificate());
        ok(prepare(task, demoToken.chain()), 200);
        assertThat(preview(document)).contains("Phạm Quốc Dũng").doesNotContain("Thiết Bị");

        TestPki.Party first = token("Phạm Quốc Dũng Thiết Bị");
        JsonNode presented = ok(present(LEADER, first.chain()), 201);
        long firstId = presented.get("id").asLong();
        assertThat(presented.get("state").asText()).isEqualTo("PENDING");
        assertThat(presented.get("subject").asText()).contains("Phạm Quốc Dũng Thiết Bị");
        assertThat(presented.get("fingerprint").asText())
                .isEqualTo(SigningCertificates.fingerprint(first.certificate()))
                .hasSize(64);
        refused(present(LEADER, first.chain()), 409, "đang chờ duyệt");
        // pending is not enrolled yet
        assertThat(certificates.enrolled(LEADER)).contains(demoToken.certificate());
        JsonNode pending = ok(as("admin").get("/api/admin/signing-certificates?state=PENDING"), 200);
        assertThat(pending.findValuesAsText("id")).contains(String.valueOf(firstId));
        JsonNode row = listed(firstId);
        assertThat(row.get("user").asText()).isEqualTo(LEADER);
        assertThat(row.get("issuer").asText()).contains("Demo CA");
        assertThat(row.get("notAfter").isNull()).isFalse();
        assertThat(row.get("presentedBy").asText()).isEqualTo(LEADER);

        refused(decide("bithu", firstId, "approve"), 403, "");
        JsonNode approved = ok(decide("admin", firstId, "approve"), 200);
        assertThat(approved.get("state").asText()).isEqualTo("APPROVED");
        assertThat(approved.get("decidedBy").asText()).isEqualTo("admin");
        assertThat(certificates.enrolled(LEADER)).contains(first.certificate());
        assertThat(preview(document)).contains("Phạm Quốc Dũng Thiết Bị");
        refused(decide("admin", firstId, "approve"), 409, "không còn chờ duyệt");

        // the demo key's certificate is no longer the leader's: his token must carry the enrolled one,
        // and the key on the server no longer signs for him, before any PIN is asked or counted
        refused(prepare(task, demoToken.chain()), 403, "không phải chứng thư số đã đăng ký");
        refused(
                as(LEADER).post("/api/tasks/" + task + "/complete", Map.of("decision", "sign", "pin", "demo")),
                409,
                "hãy ký bằng USB token");

        TestPki.Party second = token("Phạm Quốc Dũng");
        long secondId = ok(present(LEADER, second.chain()), 201).get("id").asLong();
        ok(decide("admin", secondId, "approve"), 200);
        assertThat(certificates.enrolled(LEADER)).contains(second.certificate());
        assertThat(listed(firstId).get("state").asText()).isEqualTo("SUPERSEDED");
        assertThat(listed(secondId).get("state").asText()).isEqualTo("APPROVED");
        assertThat(ok(as("admin").get("/api/admin/signing-certificates?state=APPROVED"), 200)
                        .findValuesAsText("user"))
                .containsOnlyOnce(LEADER);

        assertThat(trail(Kind.SIGNING_CERTIFICATE_PRESENTED, firstId)).hasSize(1);
        assertThat(trail(Kind.SIGNING_CERTIFICATE_APPROVED, firstId)).hasSize(1);
        assertThat(trail(Kind.SIGNING_CERTIFICATE_SUPERSEDED, firstId)).hasSize(1);
        assertThat(trail(Kind.SIGNING_CERTIFICATE_APPROVED, secondId).get(0).detail())
                .contains("bởi admin");
    }

    @Test
    void anAdministratorRefusesAPresentedCertificate() {
        TestPki.Party presented = token("Phạm Quốc Dũng");
        long id = ok(present(LEADER, presented.chain()), 201).get("id").asLong();
        JsonNode refusedRow = ok(decide("admin", id, "refuse"), 200);
        assertThat(refusedRow.get("state").asText()).isEqualTo("REFUSED");
        assertThat(refusedRow.get("note").asText()).isEqualTo("Không đúng thiết bị");
        refused(decide("admin", id, "refuse"), 409, "không còn chờ duyệt");
        refused(decide("admin", id, "approve"), 409, "không còn chờ duyệt");
        refused(decide("admin", 999_999_999L, "approve"), 404, "Không có chứng thư số");
        assertThat(certificates.enrolled(LEADER)).contains(keys.signerCertificate(LEADER));
        assertThat(trail(Kind.SIGNING_CERTIFICATE_REFUSED, id)).hasSize(1);
        // refused is no longer live: the leader may present it again
        long again = ok(present(LEADER, presented.chain()), 201).get("id").asLong();
        ok(decide("admin", again, "refuse"), 200);
    }

    @Test
    void anAdministratorUploadsASignersCertificate() {
        TestPki.Party uploaded = token("Phạm Quốc Dũng");
        refused(upload("bithu", LEADER, uploaded.chain()), 403, "");
        refused(upload("admin", "khong-co", uploaded.chain()), 404, "khong-co");
        refused(upload("admin", "chuyenvien", uploaded.chain()), 400, "không thuộc nhóm lãnh đạo ký");
        JsonNode row = ok(upload("admin", LEADER, uploaded.chain()), 200);
        long id = row.get("id").asLong();
        assertThat(row.get("state").asText()).isEqualTo("APPROVED");
        assertThat(row.get("presentedBy").asText()).isEqualTo("admin");
        assertThat(certificates.enrolled(LEADER)).contains(uploaded.certificate());
        refused(upload("admin", LEADER, uploaded.chain()), 409, "đã được duyệt");
        assertThat(trail(Kind.SIGNING_CERTIFICATE_UPLOADED, id)).hasSize(1);
        assertThat(trail(Kind.SIGNING_CERTIFICATE_UPLOADED, id).get(0).detail()).contains("bởi admin");

        // someone else's approved certificate is not another leader's to present
        refused(present("bithu", uploaded.chain()), 403, "đã được đăng ký cho tài khoản khác");
    }

    @Test
    void whatIsNotEnrolled() {
        Instant now = Instant.now();
        TestPki.Party otherCa = TestPki.ca("CA không được tin cậy").issue("Phạm Quốc Dũng", false);
        refused(present(LEADER, otherCa.chain()), 400, "không do tổ chức chứng thực được tin cậy cấp");
        TestPki.Party expired = demoCa().issue(
                        "Phạm Quốc Dũng", now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(35)), SIGNING);
        refused(present(LEADER, expired.chain()), 400, "không còn hiệu lực");
        TestPki.Party notForSigning = demoCa().issue(
                        "Phạm Quốc Dũng",
                        now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(30)),
                        KeyUsage.keyEncipherment);
        refused(present(LEADER, notForSigning.chain()), 400, "không dùng để ký số");
        refused(as(LEADER).post("/api/me/signing-certificate", Map.of()), 400, "Cần chứng thư số");
        refused(
                as(LEADER).post("/api/me/signing-certificate", Map.of("certificate", List.of("không-phải-base64"))),
                400,
                "base64");
        refused(
                as(LEADER).post("/api/me/signing-certificate", Map.of("certificate", List.of("AAAA"))),
                400,
                "không đọc được");

        TestPki.Party good = token("Phạm Quốc Dũng");
        // not a signer
        refused(present("chuyenvien", good.chain()), 403, "Chỉ lãnh đạo ký văn bản");
        refused(present("admin", good.chain()), 403, "Chỉ lãnh đạo ký văn bản");
        long id = ok(present(LEADER, good.chain()), 201).get("id").asLong();
        // not an administrator, past the URL rule too
        assertThatThrownBy(() -> certificates.approve(id, new Caller("bithu", Set.of(Groups.SIGNERS))))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("Chỉ quản trị viên");
        ok(decide("admin", id, "refuse"), 200);

        // an administrator who is also a signer does not approve what he presented himself
        Caller both = new Caller(LEADER, Set.of(Groups.SIGNERS, Groups.ADMINS));
        long own =
                certificates.present(both, List.of(encoded(good.certificate()))).id();
        assertThatThrownBy(() -> certificates.approve(own, both))
                .isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("tự duyệt");
        assertThat(certificates.find(own).orElseThrow().state()).isEqualTo(SigningCertificates.State.PENDING);
        certificates.refuse(own, ADMIN, null);
        assertThat(certificates.enrolled(LEADER)).contains(keys.signerCertificate(LEADER));
    }

    @Test
    void theAccountsPageListsPendingCertificatesToApproveOrRefuse() {
        long first = ok(present(LEADER, token("Phạm Quốc Dũng").chain()), 201)
                .get("id")
                .asLong();
        long second = ok(present(LEADER, token("Phạm Quốc Dũng").chain()), 201)
                .get("id")
                .asLong();
        String page = as("admin").get("/quan-tri/tai-khoan").text();
        assertThat(page).contains("Chứng thư số ký chờ duyệt", "/quan-tri/tai-khoan/chung-thu/" + first + "/duyet");
        String form = "application/x-www-form-urlencoded";
        Api.Response approved =
                as("admin").postRaw("/quan-tri/tai-khoan/chung-thu/" + first + "/duyet", form, new byte[0]);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(302);
        assertThat(certificates.find(first).orElseThrow().state()).isEqualTo(SigningCertificates.State.APPROVED);
        Api.Response refusedForm = as("admin")
                .postRaw(
                        "/quan-tri/tai-khoan/chung-thu/" + second + "/tu-choi",
                        form,
                        "note=Sai+thi%E1%BA%BFt+b%E1%BB%8B".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(refusedForm.status()).as(refusedForm.toString()).isEqualTo(302);
        SigningCertificates.Enrolment row = certificates.find(second).orElseThrow();
        assertThat(row.state()).isEqualTo(SigningCertificates.State.REFUSED);
        assertThat(row.note()).isEqualTo("Sai thiết bị");
        assertThat(trail(Kind.SIGNING_CERTIFICATE_APPROVED, first)).hasSize(1);
        assertThat(trail(Kind.SIGNING_CERTIFICATE_REFUSED, second)).hasSize(1);
        assertThat(as("vanthu")
                        .postRaw("/quan-tri/tai-khoan/chung-thu/" + second + "/duyet", form, new byte[0])
                        .status())
                .isEqualTo(403);
    }
}

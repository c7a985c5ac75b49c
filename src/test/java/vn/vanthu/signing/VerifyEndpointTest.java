package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.directory.Directory;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/** The public signature check (API and page), the public download, and a signer without a key. */
class VerifyEndpointTest extends IntegrationTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    IdentityService identityService;

    @Autowired
    Directory directory;

    /** One issued invitation shared by the tests of this class (issuing takes a few seconds). */
    private static Issued issued;

    record Issued(long id, String number, String title, String domain, byte[] pdf) {}

    private synchronized Issued issued() {
        if (issued == null) {
            String domain = Drafts.uniqueDomain();
            String title = "Hội nghị kiểm tra chữ ký số " + domain;
            JsonNode doc = issue(Drafts.invitation(title, domain, 2), "bithu");
            assertThat(doc.path("status").asText()).isEqualTo("ISSUED");
            long id = doc.path("id").asLong();
            Api.Response pdf = as("vanthu").get("/api/documents/" + id + "/pdf");
            assertThat(pdf.status()).isEqualTo(200);
            issued = new Issued(id, doc.path("number").asText(), title, domain, pdf.body());
        }
        return issued;
    }

    @Test
    void genuineIssuedPdfIsValidAndMatchedToItsNumber() {
        Issued doc = issued();
        long start = System.nanoTime();
        JsonNode result = verify(doc.pdf());
        System.out.printf(
                "TIMING: POST /api/public/verify of an issued PDF %.1f ms%n", (System.nanoTime() - start) / 1e6);
        assertThat(result.path("valid").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.path("verdict").asText()).isEqualTo("ISSUED_ORIGINAL");
        assertThat(result.path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(result.path("reason").isNull()).isTrue();
        JsonNode signatures = result.path("signatures");
        assertThat(signatures).hasSize(2);
        assertThat(signatures.get(0).path("signer").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(signatures.get(1).path("signer").asText())
                .isEqualTo(keys.organisation().displayName());
        for (JsonNode s : signatures) {
            assertThat(s.path("indication").asText()).as(s.toString()).isEqualTo("TOTAL_PASSED");
            assertThat(s.path("subIndication").isNull()).isTrue();
            assertThat(s.path("trusted").asBoolean()).isTrue();
            assertThat(s.path("signingTime").asText()).endsWith("+07:00");
            assertThat(s.has("timestamp")).isTrue();
        }
        assertThat(signatures.get(0).path("coversWholeDocument").asBoolean()).isFalse();
        assertThat(signatures.get(1).path("coversWholeDocument").asBoolean()).isTrue();
        JsonNode document = result.path("document");
        assertThat(document.path("id").asLong()).isEqualTo(doc.id());
        assertThat(document.path("number").asText()).isEqualTo(doc.number());
        assertThat(document.path("status").asText()).isEqualTo("ISSUED");
        assertThat(document.has("title")).as("the contract: id, number, status").isFalse();
        List<String> fields = new ArrayList<>();
        result.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("valid", "indication", "reason", "signatures", "document", "verdict");
        List<String> signatureFields = new ArrayList<>();
        signatures.get(0).fieldNames().forEachRemaining(signatureFields::add);
        assertThat(signatureFields)
                .containsExactly(
                        "signer",
                        "indication",
                        "subIndication",
                        "trusted",
                        "signingTime",
                        "timestamp",
                        "coversWholeDocument");
    }

    /**
     * Issue 22 from outside: forgeries made from a genuine issued file (a shadow signature by another trusted
     * leader over the issued file and over the leader's revision, an /Info change after the seal, the leader's
     * revision itself) are refused by the API and never green on the page; the original still passes.
     */
    @Test
    void forgeriesOfAnIssuedFileAreRefusedAndNeverGreen() throws Exception {
        Issued doc = issued();
        // another demo leader's key (Lê Thị Hằng's, made at the start): chains to the demo CA the check trusts
        SigningIdentity other = keys.signer("phobithu", SigningKeys.DEMO_PIN.toCharArray());
        byte[] leaderOnly = AttackPdfs.leaderOnlyRevision(doc.pdf());
        java.util.Map<String, byte[]> forgeries = new java.util.LinkedHashMap<>();
        forgeries.put("SIGNED_NOT_ISSUED", leaderOnly);
        forgeries.put("MODIFIED shadow", AttackPdfs.shadowSignature(doc.pdf(), other, "GIẤY MỜI\nĐỔI SANG ngày khác"));
        forgeries.put("MODIFIED leader-shadow", AttackPdfs.shadowSignature(leaderOnly, other, "GIẤY MỜI\nĐỔI SANG"));
        forgeries.put("MODIFIED info", AttackPdfs.infoChange(doc.pdf(), "Giấy mời (đã sửa)"));
        forgeries.put("MODIFIED refill", AttackPdfs.refillNumber(doc.pdf(), "Số 99-GM/ĐUK"));
        for (var forgery : forgeries.entrySet()) {
            JsonNode result = verify(forgery.getValue());
            String verdict = forgery.getKey().split(" ")[0];
            assertThat(result.path("verdict").asText())
                    .as(forgery.getKey() + " " + result)
                    .isEqualTo(verdict);
            assertThat(result.path("valid").asBoolean()).as(forgery.getKey()).isFalse();
            assertThat(result.path("document").isNull())
                    .as("not the stored bytes")
                    .isTrue();
            String html = uploadToPage(forgery.getValue());
            assertThat(verdictClass(html)).as(forgery.getKey()).contains("bad").doesNotContain("ok");
        }
        assertThat(verify(leaderOnly).path("reason").asText()).isEqualTo(PadesValidation.NOT_ISSUED);
        assertThat(headline(uploadToPage(leaderOnly))).startsWith("Bản chưa ban hành");
        assertThat(verify(doc.pdf()).path("verdict").asText()).isEqualTo("ISSUED_ORIGINAL");
    }

    @Test
    void aSelfMadeCertificateInTheLeadersNameIsNotTrusted() throws Exception {
        byte[] forged = TestPki.sign(PadesValidationTest.formPdf(), TestPki.selfSigned("Nguyễn Văn An"), null, null);
        JsonNode result = verify(forged);
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("indication").asText()).isEqualTo("INDETERMINATE");
        assertThat(result.path("reason").asText())
                .contains("Chứng thư số của người ký không do tổ chức chứng thực được tin cậy cấp");
        JsonNode signature = result.path("signatures").get(0);
        assertThat(signature.path("signer").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(signature.path("indication").asText()).isEqualTo("INDETERMINATE");
        assertThat(signature.path("subIndication").asText()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
        assertThat(signature.path("trusted").asBoolean()).isFalse();
        assertThat(result.path("document").isNull()).isTrue();
    }

    @Test
    void anIssuedPdfPaintedOverAndSignedAgainWithASelfMadeSealIsNotValid() throws Exception {
        Issued doc = issued();
        byte[] painted = PadesValidationTest.paintOver(doc.pdf(), "MEETING MOVED");
        byte[] forged =
                TestPki.sign(painted, TestPki.selfSigned(keys.organisation().displayName()), null, null);
        JsonNode result = verify(forged);
        assertThat(result.path("valid").asBoolean()).as(result.toString()).isFalse();
        assertThat(result.path("indication").asText()).isNotEqualTo("TOTAL_PASSED");
        JsonNode signatures = result.path("signatures");
        assertThat(signatures).hasSize(3);
        assertThat(signatures.get(2).path("trusted").asBoolean()).isFalse();
        // the change of the page also fails the genuine signatures (UndefinedChanges in our policy)
        assertThat(signatures.get(0).path("indication").asText()).isNotEqualTo("TOTAL_PASSED");
        assertThat(signatures.get(1).path("indication").asText()).isNotEqualTo("TOTAL_PASSED");
        assertThat(result.path("document").isNull()).isTrue();
    }

    @Test
    void anUnsignedUpdateChangingThePageAfterTheLastSignatureIsNotValid() throws Exception {
        byte[] changed = PadesValidationTest.paintOver(issued().pdf(), "MEETING MOVED");
        JsonNode result = verify(changed);
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("verdict").asText()).isEqualTo("MODIFIED");
        assertThat(result.path("reason").asText()).isEqualTo(PadesValidation.CHANGED_AFTER_SEAL);
        assertThat(result.path("signatures"))
                .hasSize(2)
                .allSatisfy(s ->
                        assertThat(s.path("coversWholeDocument").asBoolean()).isFalse());
        assertThat(result.path("document").isNull()).isTrue();
    }

    @Test
    void aSignatureByACertificateOfAnotherCaIsNotValid() throws Exception {
        TestPki.Party otherCa = TestPki.ca("Tổ chức chứng thực khác");
        byte[] signed = TestPki.sign(issued().pdf(), otherCa.issue("Nguyễn Văn An", false), null, null);
        JsonNode result = verify(signed);
        assertThat(result.path("valid").asBoolean()).isFalse();
        // a signature after the seal is one the route never makes, whoever's it is
        assertThat(result.path("verdict").asText()).isEqualTo("MODIFIED");
        assertThat(result.path("reason").asText()).startsWith(PadesValidation.FOREIGN_SIGNATURE);
        JsonNode signatures = result.path("signatures");
        assertThat(signatures).hasSize(3);
        assertThat(signatures.get(2).path("trusted").asBoolean()).isFalse();
        assertThat(signatures.get(2).path("subIndication").asText()).isEqualTo("NO_CERTIFICATE_CHAIN_FOUND");
    }

    @Test
    void aRecalledDocumentSaysSoInTheApiAndInThePageHeadline() throws Exception {
        String domain = Drafts.uniqueDomain();
        JsonNode doc = issue(Drafts.invitation("Hội nghị sẽ bị thu hồi " + domain, domain, 1), "bithu");
        long id = doc.path("id").asLong();
        byte[] pdf = as("vanthu").get("/api/documents/" + id + "/pdf").body();
        Api.Response recalled = as("vanthu")
                .post(
                        "/api/documents/" + id + "/recall",
                        Map.of("reason", "Ban hành nhầm, sẽ ban hành văn bản thay thế"));
        assertThat(recalled.status()).as(recalled.toString()).isEqualTo(200);

        JsonNode result = verify(pdf);
        assertThat(result.path("valid").asBoolean())
                .as("the signatures themselves are fine")
                .isTrue();
        assertThat(result.path("document").path("status").asText()).isEqualTo("RECALLED");
        assertThat(result.path("document").path("id").asLong()).isEqualTo(id);

        String html = uploadToPage(pdf);
        String headline = headline(html);
        assertThat(headline)
                .contains("Đã thu hồi")
                .contains(doc.path("number").asText())
                .doesNotContain("Chữ ký hợp lệ");
        assertThat(verdictClass(html)).contains("bad").doesNotContain("ok");
    }

    @Test
    void thePageShowsAForgeryInRed() throws Exception {
        byte[] forged = TestPki.sign(PadesValidationTest.formPdf(), TestPki.selfSigned("Nguyễn Văn An"), null, null);
        String html = uploadToPage(forged);
        assertThat(verdictClass(html)).contains("bad").doesNotContain("ok");
        assertThat(headline(html))
                .startsWith("Chữ ký KHÔNG hợp lệ: ")
                .contains("Chứng thư số của người ký không do tổ chức chứng thực được tin cậy cấp");
        assertThat(html)
                .contains("NO_CERTIFICATE_CHAIN_FOUND")
                .contains("Chưa xác định được")
                .contains("không được tin cậy")
                .doesNotContain("Chữ ký hợp lệ");
    }

    @Test
    void octetStreamAndMultipartAreAcceptedToo() {
        Issued doc = issued();
        Api.Response raw = anonymous().postRaw("/api/public/verify", "application/octet-stream", doc.pdf());
        assertThat(raw.status()).as(raw.toString()).isEqualTo(200);
        assertThat(raw.json().path("document").path("number").asText()).isEqualTo(doc.number());

        String boundary = "----b" + UUID.randomUUID();
        Api.Response form = anonymous()
                .postRaw(
                        "/api/public/verify",
                        "multipart/form-data; boundary=" + boundary,
                        multipart(boundary, Map.of(), doc.pdf()));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        assertThat(form.json().path("valid").asBoolean()).isTrue();
        assertThat(form.json().path("document").path("number").asText()).isEqualTo(doc.number());
    }

    @Test
    void aByteChangedInsideTheFirstSignedRangeBreaksTheSignature() throws Exception {
        byte[] pdf = issued().pdf().clone();
        int hole = firstHole(pdf);
        int at = byteInsideLastStreamBefore(pdf, hole);
        pdf[at] ^= 0x01;
        JsonNode result = verify(pdf);
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isNotBlank();
        assertThat(result.path("reason").asText()).contains("không còn nguyên vẹn");
        List<String> indications = new ArrayList<>();
        result.path("signatures")
                .forEach(s -> indications.add(s.path("indication").asText()));
        assertThat(indications).as(result.toString()).contains("TOTAL_FAILED");
        assertThat(result.path("indication").asText()).isEqualTo("TOTAL_FAILED");
        assertThat(result.path("document").isNull()).isTrue();
    }

    @Test
    void anUnsignedPdfIsNotValid() throws Exception {
        byte[] pdf;
        try (PDDocument doc = new PDDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            pdf = out.toByteArray();
        }
        JsonNode result = verify(pdf);
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).contains("không có chữ ký số");
        assertThat(result.path("signatures")).isEmpty();
        assertThat(result.path("indication").isNull()).isTrue();
        assertThat(result.path("document").isNull()).isTrue();
    }

    @Test
    void somethingElseThanAPdfIsNotValidAndAnEmptyBodyIsBadInput() {
        JsonNode result = verify("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).contains("không phải PDF");

        Api.Response empty = anonymous().postRaw("/api/public/verify", "application/pdf", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.json().path("detail").asText()).contains("rỗng");
    }

    @Test
    void aBodyOverTwentyMegabytesIsRefused() throws Exception {
        byte[] huge = new byte[PdfVerification.MAX_BYTES + 1];
        assertThat(postLarge("application/pdf", huge)).contains("quá lớn");
        String boundary = "----b" + UUID.randomUUID();
        assertThat(postLarge("multipart/form-data; boundary=" + boundary, multipart(boundary, Map.of(), huge)))
                .contains("quá lớn");
    }

    @Test
    void aFileOfThreeHundredPagesIsRefusedBeforeTheSignatureCheck() throws Exception {
        byte[] pages = VerificationGateTest.pdf(300);
        Api.Response refused = anonymous().postRaw("/api/public/verify", "application/pdf", pages);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        JsonNode error = refused.json().path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("file");
        assertThat(error.path("message").asText())
                .isEqualTo("Tệp có quá nhiều trang để kiểm tra: 300 trang (tối đa 200).");
        // the page says the same in its error line
        assertThat(uploadToPage(pages)).contains("Tệp có quá nhiều trang để kiểm tra: 300 trang (tối đa 200).");
    }

    @Test
    void publicDownloadServesTheSameBytesAsTheStaffApiAndTheEmail() throws Exception {
        Issued doc = issued();
        Api.Response pub = anonymous().get("/api/public/documents/" + doc.id() + "/pdf");
        assertThat(pub.status()).isEqualTo(200);
        assertThat(pub.contentType()).startsWith("application/pdf");
        assertThat(pub.body()).isEqualTo(doc.pdf());
        assertThat(attachmentOfEmailTo("nguoi1@" + doc.domain())).isEqualTo(doc.pdf());

        Api.Response unknown = anonymous().get("/api/public/documents/987654321/pdf");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).isNotBlank();
    }

    @Test
    void aDraftThatIsNotIssuedCannotBeDownloadedPublicly() {
        Api.Response created = as("chuyenvien")
                .post("/api/documents", Drafts.invitation("Bản nháp chưa ban hành", Drafts.uniqueDomain(), 1));
        assertThat(created.status()).isEqualTo(201);
        Api.Response pub = anonymous()
                .get("/api/public/documents/" + created.json().path("id").asLong() + "/pdf");
        assertThat(pub.status()).isEqualTo(404);
    }

    @Test
    void thePublicPageChecksAnUploadedPdf() throws Exception {
        Issued doc = issued();
        String html = uploadToPage(doc.pdf());
        assertThat(headline(html)).isEqualTo("Chữ ký hợp lệ");
        assertThat(verdictClass(html)).contains("ok");
        assertThat(html)
                .contains("Nguyễn Văn An")
                .contains("Hợp lệ")
                // the ETSI code is no text a person reads: only the Vietnamese phrase shows
                .doesNotContain(">TOTAL_PASSED<")
                .doesNotContain(">ISSUED_ORIGINAL<")
                .contains("chứng thư tin cậy")
                .contains("Văn bản do hệ thống ban hành")
                .contains(doc.number())
                .doesNotContain("Đã thu hồi");
        assertThat(html).containsPattern("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void garbageThatLooksLikeAPdfIsReportedNotAnError() {
        byte[] fake = "%PDF-1.7\n1 0 obj << /Type /Sig /ByteRange [0 10 20 5] /Contents <00> >>\n%%EOF"
                .getBytes(StandardCharsets.US_ASCII);
        JsonNode result = verify(fake);
        assertThat(result.path("valid").asBoolean()).isFalse();
        assertThat(result.path("reason").asText()).isNotBlank();
    }

    @Test
    void aSignerWithoutAKeyIsRefusedAndTheDocumentStaysUnsigned() {
        String userId = "khongkhoa" + UUID.randomUUID().toString().substring(0, 6);
        vn.vanthu.support.Signers.create(identityService, directory, userId, "Đỗ Văn", "Không Khóa", "Phó Bí thư");

        Map<String, Object> draft = new java.util.LinkedHashMap<>(
                Drafts.invitation("Giấy mời người ký chưa có khóa", Drafts.uniqueDomain(), 1));
        draft.put("signer", userId);
        long id = createAndReview(draft);
        String signTask = taskFor(userId, id, Kind.SIGN.wire());

        Api.Response refused = as(userId)
                .post(
                        "/api/tasks/" + signTask + "/complete",
                        Map.of("decision", Decision.SIGN.wire(), "pin", Flow.DEMO_PIN));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asText()).contains("khóa ký số");

        JsonNode doc = as("vanthu").get("/api/documents/" + id).json();
        assertThat(doc.path("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        assertThat(doc.path("number").isNull()).isTrue();
        assertThat(taskFor(userId, id, Kind.SIGN.wire())).isEqualTo(signTask);
    }

    // --- helpers

    /** The public page's answer to an upload of this PDF, as a browser sends it (with the form's CSRF token). */
    private String uploadToPage(byte[] pdf) throws Exception {
        HttpClient browser =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port;
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/xac-minh")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("type=\"file\"").contains("Xác minh");
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as("CSRF field in the form").isTrue();
        String boundary = "----b" + UUID.randomUUID();
        HttpResponse<String> result = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/xac-minh"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(
                                multipart(boundary, Map.of("_csrf", csrf.group(1)), pdf)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(result.statusCode()).isEqualTo(200);
        return result.body();
    }

    /** The text of the verdict element, whitespace collapsed. */
    private static String headline(String html) {
        Matcher m = Pattern.compile("<div[^>]*id=\"verdict\"[^>]*>(.*?)</div>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as("a verdict in " + html).isTrue();
        return m.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").trim();
    }

    private static String verdictClass(String html) {
        Matcher m = Pattern.compile("<div class=\"([^\"]*)\" id=\"verdict\"").matcher(html);
        assertThat(m.find()).as("a verdict in " + html).isTrue();
        return m.group(1);
    }

    private JsonNode verify(byte[] pdf) {
        Api.Response response = anonymous().postRaw("/api/public/verify", "application/pdf", pdf);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    /** Drafter creates and submits, the reviewer approves, the signer signs; returns the issued document. */
    private JsonNode issue(Map<String, Object> draft, String signer) {
        long id = createAndReview(draft);
        Api.Response signed = as(signer)
                .post(
                        "/api/tasks/" + taskFor(signer, id, Kind.SIGN.wire()) + "/complete",
                        Map.of("decision", Decision.SIGN.wire(), "pin", Flow.DEMO_PIN));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        return signed.json();
    }

    private long createAndReview(Map<String, Object> draft) {
        Api.Response created = as("chuyenvien").post("/api/documents", draft);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().path("id").asLong();
        Api.Response submitted = as("chuyenvien").post("/api/documents/" + id + "/submit", Map.of());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        Api.Response approved = as("chanhvanphong")
                .post(
                        "/api/tasks/" + taskFor("chanhvanphong", id, Kind.REVIEW.wire()) + "/complete",
                        Map.of("decision", Decision.APPROVE.wire()));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        return id;
    }

    private String taskFor(String user, long documentId, String key) {
        return await().alias("a " + key + " task for " + user + " on document " + documentId)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> openTask(user, documentId, key), java.util.Objects::nonNull);
    }

    private String openTask(String user, long documentId, String key) {
        for (JsonNode task : as(user).get("/api/tasks").json()) {
            if (task.path("documentId").asLong() == documentId
                    && key.equals(task.path("kind").asText())) {
                return task.path("id").asText();
            }
        }
        return null;
    }

    /** The offset of the first signature's hole: the first range [0, hole) is what it signed. */
    private static int firstHole(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getSignatureDictionaries().stream()
                    .map(PDSignature::getByteRange)
                    .min((a, b) -> Integer.compare(a[2] + a[3], b[2] + b[3]))
                    .orElseThrow()[1];
        }
    }

    /**
     * The middle of the largest content or font stream signed by the first signature: not an object or
     * xref stream, so the file still parses and only the signature check notices.
     */
    private static int byteInsideLastStreamBefore(byte[] pdf, int hole) {
        String text = new String(pdf, 0, hole, StandardCharsets.ISO_8859_1);
        int best = -1;
        int bestLength = 0;
        for (int i = text.indexOf("stream"); i >= 0; i = text.indexOf("stream", i + 1)) {
            int end = text.indexOf("endstream", i + 6);
            if ((i >= 3 && text.startsWith("end", i - 3)) || end < 0) {
                continue;
            }
            String dictionary = text.substring(Math.max(0, text.lastIndexOf(" obj", i)), i);
            if (!dictionary.contains("/ObjStm") && !dictionary.contains("/XRef") && end - i > bestLength) {
                best = i;
                bestLength = end - i;
            }
        }
        assertThat(bestLength).as("a content stream before the first signature").isGreaterThan(40);
        return best + bestLength / 2;
    }

    /**
     * Posts a too-large body and returns the 400 problem's text. java.net.http gives up when the server
     * answers before reading the whole upload; HttpURLConnection (like curl) sends it all, then reads.
     */
    private String postLarge(String contentType, byte[] body) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + "/api/public/verify")
                .toURL()
                .openConnection();
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", contentType);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        assertThat(connection.getResponseCode()).isEqualTo(400);
        assertThat(connection.getContentType()).startsWith("application/problem+json");
        try (InputStream in = connection.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] multipart(String boundary, Map<String, String> fields, byte[] pdf) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder();
        fields.forEach((name, value) -> head.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
        head.append("--")
                .append(boundary)
                .append("\r\n")
                .append("Content-Disposition: form-data; name=\"file\"; filename=\"van-ban.pdf\"\r\n")
                .append("Content-Type: application/pdf\r\n\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(pdf);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The PDF attached to the email sent to this address; emails go out in async jobs. */
    private byte[] attachmentOfEmailTo(String address) {
        return await().alias("an email with a PDF to " + address)
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> attachmentReceived(address), java.util.Objects::nonNull);
    }

    private byte[] attachmentReceived(String address) throws Exception {
        for (MimeMessage message : mailServer.getReceivedMessages()) {
            jakarta.mail.Address[] to = message.getRecipients(Message.RecipientType.TO);
            if (to != null
                    && java.util.Arrays.stream(to).anyMatch(a -> a.toString().contains(address))) {
                byte[] pdf = pdfPart(message);
                if (pdf != null) {
                    return pdf;
                }
            }
        }
        return null;
    }

    private static byte[] pdfPart(Part part) throws Exception {
        if (part.isMimeType("application/pdf")) {
            return part.getInputStream().readAllBytes();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                byte[] found = pdfPart(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import eu.europa.esig.dss.spi.DSSASN1Utils;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.signing.SigningPins;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A leader signs with his own token in two steps (POST /api/tasks/{id}/signature, then
 * …/signature/{requestId}), and several documents with one PIN (POST /api/tasks/sign-batch). The
 * demo leader's PKCS#12, opened here with his PIN, plays the token: the test computes the
 * signature value itself, as the token's driver would.
 */
class ClientSigningTest extends IntegrationTest {

    @Autowired
    SigningKeys keys;

    @Autowired
    SigningPins pins;

    @Autowired
    JdbcTemplate jdbc;

    final Flow flow = new Flow(this);

    /** The demo leader's key and chain: what his token holds. */
    SigningIdentity token(String user) {
        return keys.signer(user, Flow.DEMO_PIN.toCharArray());
    }

    long awaitingSignature(Map<String, Object> draft) {
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        return id;
    }

    long awaitingBithu(String title) {
        return awaitingSignature(Drafts.invitation(title + " " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
    }

    Api.Response prepare(String user, String taskId, List<X509Certificate> chain) {
        List<String> certificates = new ArrayList<>();
        for (X509Certificate c : chain) {
            try {
                certificates.add(Base64.getEncoder().encodeToString(c.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return as(user).post("/api/tasks/" + taskId + "/signature", Map.of("certificate", certificates));
    }

    Api.Response complete(String user, String taskId, String requestId, byte[] value) {
        return as(user).post(
                        "/api/tasks/" + taskId + "/signature/" + requestId,
                        Map.of("signatureValue", Base64.getEncoder().encodeToString(value)));
    }

    static byte[] sign(PrivateKey key, String algorithm, byte[] data) throws Exception {
        Signature jca = Signature.getInstance(algorithm);
        jca.initSign(key);
        jca.update(data);
        return jca.sign();
    }

    static byte[] dataToSign(JsonNode prepared) {
        return Base64.getDecoder().decode(prepared.get("dataToSign").asText());
    }

    JsonNode document(long id) {
        return flow.document(id);
    }

    void awaitIssued(long id) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> document(id).get("status").asText().equals("ISSUED"));
    }

    int requestsOf(long id) {
        return jdbc.queryForObject("select count(*) from client_sign_request where document_id = ?", Integer.class, id);
    }

    /** Refused with problem+json and the status, the document still waiting for its signature. */
    static void refused(Api.Response response, int status, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asText()).contains(message);
    }

    void stillAwaiting(long id) {
        JsonNode document = document(id);
        assertThat(document.get("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        assertThat(document.get("number").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from signed_draft where document_id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void theTokensSignatureIssuesTheDocumentAndItVerifies() throws Exception {
        long id = awaitingBithu("Ký bằng thiết bị của lãnh đạo");
        String task = flow.taskOf("bithu", id, Kind.SIGN);
        SigningIdentity token = token("bithu");

        Api.Response answer = prepare("bithu", task, token.chain());
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode prepared = answer.json();
        byte[] data = dataToSign(prepared);
        String algorithm = prepared.get("signatureAlgorithm").asText();
        assertThat(algorithm)
                .isEqualTo("EC".equals(token.privateKey().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA");
        assertThat(prepared.get("digestAlgorithm").asText()).isEqualTo("SHA256");
        assertThat(Base64.getDecoder().decode(prepared.get("digest").asText()))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        OffsetDateTime expires = OffsetDateTime.parse(prepared.get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expires.toInstant()))
                .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
        String requestId = prepared.get("requestId").asText();

        // a value made with another key over the right data: refused, and the request stays usable
        byte[] otherKeys = sign(token("phobithu").privateKey(), algorithm, data);
        refused(complete("bithu", task, requestId, otherKeys), 400, "không khớp");
        stillAwaiting(id);
        // someone else than the document's signer, with the right value: refused before anything
        byte[] value = sign(token.privateKey(), algorithm, data);
        refused(complete("phobithu", task, requestId, value), 403, "Chỉ lãnh đạo được chọn ký");
        stillAwaiting(id);

        Api.Response signed = complete("bithu", task, requestId, value);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        assertThat(signed.json().get("id").asLong()).isEqualTo(id);
        awaitIssued(id);
        JsonNode document = document(id);
        assertThat(document.get("number").asText()).matches("\\d{2,}-GM/ĐUK");
        List<JsonNode> signedEntries = new ArrayList<>();
        document.get("history").forEach(e -> {
            if (e.get("action").asText().equals(Decision.SIGN.event())) {
                signedEntries.add(e);
            }
        });
        assertThat(signedEntries).hasSize(1);
        assertThat(signedEntries.get(0).get("actor").asText()).isEqualTo("bithu");

        // a second completion of the same request
        refused(complete("bithu", task, requestId, value), 409, "đã được xử lý xong");

        byte[] pdf = as("vanthu").get("/api/documents/" + id + "/pdf").body();
        Api.Response verified = anonymous().postRaw("/api/public/verify", "application/pdf", pdf);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        JsonNode result = verified.json();
        // "valid" is the public API's form of the verdict ISSUED_ORIGINAL (VerificationReport)
        assertThat(result.get("valid").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(result.get("signatures")).hasSize(2);
        assertThat(result.get("signatures").get(0).get("signer").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(result.get("document").get("number").asText())
                .isEqualTo(document.get("number").asText());
    }

    @Test
    void aTokensPlainRAndSValueIsAccepted() throws Exception {
        SigningIdentity token = token("bithu");
        // the demo keys are ECDSA P-256; an RSA token has no plain form, so nothing to check then
        Assumptions.assumeTrue("EC".equals(token.privateKey().getAlgorithm()), "the demo leader's key is not EC");
        long id = awaitingBithu("Ký bằng thiết bị, chữ ký r‖s");
        String task = flow.taskOf("bithu", id, Kind.SIGN);
        JsonNode prepared = prepare("bithu", task, List.of(token.certificate())).ok(); // the leaf alone will do
        byte[] der = sign(token.privateKey(), prepared.get("signatureAlgorithm").asText(), dataToSign(prepared));
        byte[] plain = DSSASN1Utils.toPlainDSASignatureValue(der);
        assertThat(plain).hasSize(64);
        Api.Response signed = complete("bithu", task, prepared.get("requestId").asText(), plain);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        awaitIssued(id);
    }

    @Test
    void certificatesThatAreNotTheLeadersAreRefusedAndNothingChanges() throws Exception {
        long id = awaitingBithu("Ký bằng thiết bị: chứng thư sai");
        String task = flow.taskOf("bithu", id, Kind.SIGN);
        // a certificate anybody can make, in the leader's name
        refused(
                prepare("bithu", task, List.of(selfSigned("Nguyễn Văn An"))),
                403,
                "không phải chứng thư số đã đăng ký");
        // another leader's genuine certificate and chain
        refused(prepare("bithu", task, token("phobithu").chain()), 403, "không phải chứng thư số đã đăng ký");
        // no certificate, or not one
        refused(as("bithu").post("/api/tasks/" + task + "/signature", Map.of()), 400, "Cần chứng thư số");
        refused(
                as("bithu").post("/api/tasks/" + task + "/signature", Map.of("certificate", List.of("AAEC"))),
                400,
                "không đọc được");
        refused(
                as("bithu").post("/api/tasks/" + task + "/signature", Map.of("certificate", List.of("không!"))),
                400,
                "base64");
        // another user than the document's signer, with the right certificate
        refused(prepare("phobithu", task, token("bithu").chain()), 403, "Chỉ lãnh đạo được chọn ký");
        refused(prepare("chuyenvien", task, token("bithu").chain()), 403, "Chỉ lãnh đạo được chọn ký");
        // a task that is not a sign task, and one that does not exist
        long inReview =
                flow.create(Drafts.invitation("Chưa thẩm định " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        flow.submit(inReview);
        refused(
                prepare(
                        "bithu",
                        flow.taskOf("chanhvanphong", inReview, Kind.REVIEW),
                        token("bithu").chain()),
                409,
                "không phải bước ký");
        refused(prepare("bithu", "khong-co", token("bithu").chain()), 404, "Không có công việc");
        assertThat(requestsOf(id)).isZero();
        stillAwaiting(id);
        // and an unknown request id
        refused(complete("bithu", task, "khong-co", new byte[] {1, 2, 3}), 404, "Không có yêu cầu ký");
        stillAwaiting(id);
    }

    @Test
    void anExpiredRequestIsGoneAndANewOneWorks() throws Exception {
        long id = awaitingBithu("Ký bằng thiết bị: hết hạn");
        String task = flow.taskOf("bithu", id, Kind.SIGN);
        SigningIdentity token = token("bithu");
        JsonNode prepared = prepare("bithu", task, token.chain()).ok();
        String requestId = prepared.get("requestId").asText();
        byte[] value =
                sign(token.privateKey(), prepared.get("signatureAlgorithm").asText(), dataToSign(prepared));
        // five minutes pass (the app's clock is the system's: the request's end is moved instead)
        jdbc.update(
                "update client_sign_request set expires_at = ? where request_id = ?",
                Timestamp.from(Instant.now().minusSeconds(1)),
                requestId);
        refused(complete("bithu", task, requestId, value), 410, "đã hết hạn");
        stillAwaiting(id);

        JsonNode again = prepare("bithu", task, token.chain()).ok();
        assertThat(again.get("requestId").asText()).isNotEqualTo(requestId);
        assertThat(requestsOf(id)).as("the expired request is dropped").isEqualTo(1);
        byte[] newValue =
                sign(token.privateKey(), again.get("signatureAlgorithm").asText(), dataToSign(again));
        Api.Response signed = complete("bithu", task, again.get("requestId").asText(), newValue);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        awaitIssued(id);
    }

    @Test
    void oneWrongPinRefusesTheWholeBatchOnceAndTheRightOneSignsEachDocument() {
        long a = awaitingBithu("Ký nhiều văn bản 1");
        long b = awaitingBithu("Ký nhiều văn bản 2");
        long c = awaitingBithu("Ký nhiều văn bản 3");
        long others = awaitingSignature(
                Drafts.conclusion("Của Phó Bí thư " + Drafts.uniqueDomain(), Drafts.uniqueDomain(), 1));
        String ta = flow.taskOf("bithu", a, Kind.SIGN);
        String tb = flow.taskOf("bithu", b, Kind.SIGN);
        String tc = flow.taskOf("bithu", c, Kind.SIGN);
        String notHis = flow.taskOf("phobithu", others, Kind.SIGN);

        int before = pins.attemptsLeft("bithu");
        Api.Response wrong = batch(List.of(ta, tb, tc), "sai-ma-pin");
        assertThat(wrong.status()).as(wrong.toString()).isEqualTo(200);
        assertThat(wrong.json()).hasSize(3).allSatisfy(item -> {
            assertThat(item.get("status").asText()).isEqualTo("FAILED");
            assertThat(item.get("message").asText())
                    .isEqualTo("Mã PIN ký số không đúng (còn " + (before - 1) + " lần thử).");
        });
        assertThat(pins.attemptsLeft("bithu")).as("one wrong PIN, counted once").isEqualTo(before - 1);
        stillAwaiting(a);

        Api.Response right = batch(List.of(ta, notHis, tb, tc), Flow.DEMO_PIN);
        assertThat(right.status()).as(right.toString()).isEqualTo(200);
        JsonNode items = right.json();
        assertThat(items).hasSize(4);
        Map<String, JsonNode> byTask = new LinkedHashMap<>();
        items.forEach(item -> byTask.put(item.get("taskId").asText(), item));
        for (Map.Entry<String, Long> mine : Map.of(ta, a, tb, b, tc, c).entrySet()) {
            JsonNode item = byTask.get(mine.getKey());
            assertThat(item.get("status").asText()).as(item.toString()).isEqualTo("SIGNED");
            assertThat(item.get("documentId").asLong()).isEqualTo(mine.getValue());
        }
        JsonNode refusedItem = byTask.get(notHis);
        assertThat(refusedItem.get("status").asText()).isEqualTo("FAILED");
        assertThat(refusedItem.get("message").asText()).contains("Chỉ lãnh đạo được chọn ký");
        assertThat(refusedItem.get("documentId").isNull())
                .as("another's document is not named")
                .isTrue();
        assertThat(pins.attemptsLeft("bithu")).isEqualTo(before);
        awaitIssued(a);
        awaitIssued(b);
        awaitIssued(c);
        // one signature per document, each its own
        for (long id : List.of(a, b, c)) {
            Api.Response verified = anonymous()
                    .postRaw(
                            "/api/public/verify",
                            "application/pdf",
                            as("vanthu").get("/api/documents/" + id + "/pdf").body());
            assertThat(verified.json().get("valid").asBoolean())
                    .as(verified.toString())
                    .isTrue();
            assertThat(verified.json().get("document").get("id").asLong()).isEqualTo(id);
        }
        assertThat(document(others).get("status").asText()).isEqualTo("AWAITING_SIGNATURE");

        // done already: that one fails, the next one still signs
        long d = awaitingBithu("Ký nhiều văn bản 4");
        String td = flow.taskOf("bithu", d, Kind.SIGN);
        JsonNode mixed = batch(List.of(ta, td), Flow.DEMO_PIN).ok();
        assertThat(mixed.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(mixed.get(0).get("message").asText()).contains("đã được xử lý xong");
        assertThat(mixed.get(0).get("documentId").asLong()).isEqualTo(a);
        assertThat(mixed.get(1).get("status").asText()).isEqualTo("SIGNED");
        awaitIssued(d);
    }

    @Test
    void onlySignersUseTheBatchAndItNeedsTasks() {
        refused(
                as("chuyenvien").post("/api/tasks/sign-batch", Map.of("taskIds", List.of("x"), "pin", "demo")),
                403,
                "lãnh đạo ký");
        refused(as("bithu").post("/api/tasks/sign-batch", Map.of("pin", "demo")), 400, "taskIds");
    }

    Api.Response batch(List<String> taskIds, String pin) {
        return as("bithu").post("/api/tasks/sign-batch", Map.of("taskIds", taskIds, "pin", pin));
    }

    /** A certificate anybody can make: self-signed, for signing, with the name one chooses. */
    static X509Certificate selfSigned(String commonName) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        var name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.C, "VN")
                .build();
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofDays(1))),
                        Date.from(now.plus(Duration.ofDays(365))),
                        name,
                        pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }
}

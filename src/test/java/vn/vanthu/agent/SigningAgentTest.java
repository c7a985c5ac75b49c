package vn.vanthu.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.AuthProvider;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent over real HTTP on loopback, with a real softhsm2 token holding an EC P-256 key the
 * token generated and its certificate from a test CA. The person at the computer is played by a
 * {@link Confirmation} and a {@link PinPrompt}. Runs in a JVM of its own (pom.xml, execution
 * signing-agent) with its own softhsm2 store: softhsm2 reads its token list when the library is
 * first loaded in a JVM, so a token made later in a shared JVM would not be seen.
 */
class SigningAgentTest {

    static final String LIBRARY = SoftHsm.LIBRARY;
    static final String ORIGIN = "https://vanthu.example";
    static final String PIN = "4321";
    static final String ALIAS = "bithu";
    static final ObjectMapper JSON = new ObjectMapper();

    static SoftHsm token;
    static X509Certificate leaf;
    static X509Certificate ca;
    static SigningAgent agent;
    static Path pairingsFile;
    static HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static final AtomicBoolean confirmAnswer = new AtomicBoolean(true);
    static final AtomicReference<CountDownLatch> confirmGate = new AtomicReference<>();
    static final AtomicReference<String> typedPin = new AtomicReference<>(PIN);
    static final List<String> prompts = new CopyOnWriteArrayList<>();
    static final List<char[]> pinsGiven = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void tokenAndAgent(@TempDir Path temp) throws Exception {
        assumeTrue(
                SoftHsm.available(),
                "softhsm2 not installed or SOFTHSM2_CONF not set: the signing agent test is skipped");
        token = SoftHsm.newToken("agent", PIN);
        int slot = token.slot();

        // the key pair is made inside the token; only its certificate comes from outside (the CA)
        Provider provider = token.provider("agent-test");
        KeyStore ks = KeyStore.getInstance("PKCS11", provider);
        ks.load(null, PIN.toCharArray());
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair inToken = generator.generateKeyPair();
        KeyPairGenerator software = KeyPairGenerator.getInstance("EC");
        software.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = software.generateKeyPair();
        ca = certificate("CN=Test CA,O=Test", caKeys.getPublic(), "CN=Test CA,O=Test", caKeys, true);
        leaf = certificate(
                "CN=Nguyễn Văn An,O=Đảng ủy Khối,C=VN", inToken.getPublic(), "CN=Test CA,O=Test", caKeys, false);
        ks.setKeyEntry(ALIAS, inToken.getPrivate(), null, new Certificate[] {leaf, ca});
        ((AuthProvider) provider).logout();

        pairingsFile = temp.resolve("agent").resolve("pairings");
        agent = new SigningAgent(
                new AgentOptions(0, LIBRARY, slot, ORIGIN, pairingsFile),
                (origin, code) -> {
                    prompts.add("pair " + origin + " " + code);
                    CountDownLatch gate = confirmGate.get();
                    if (gate != null) {
                        try {
                            gate.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return confirmAnswer.get();
                },
                prompt -> {
                    prompts.add(prompt);
                    String pin = typedPin.get();
                    char[] given = pin == null ? null : pin.toCharArray();
                    if (given != null) {
                        pinsGiven.add(given);
                    }
                    return given;
                });
        agent.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.stop();
        }
        if (token != null) {
            token.delete();
        }
    }

    @BeforeEach
    void reset() {
        confirmAnswer.set(true);
        confirmGate.set(null);
        typedPin.set(PIN);
        prompts.clear();
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(agent.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(agent.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void preflightFromTheOriginAnswersPrivateNetworkAccess() throws Exception {
        HttpResponse<String> r = http.send(
                request("/sign")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", ORIGIN)
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "content-type, x-pairing-token")
                        .header("Access-Control-Request-Private-Network", "true")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(204);
        var h = r.headers();
        assertThat(h.firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(h.firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
        assertThat(h.firstValue("Access-Control-Allow-Headers")).hasValue("Content-Type, X-Pairing-Token");
        assertThat(h.firstValue("Access-Control-Allow-Private-Network")).hasValue("true");
        assertThat(h.firstValue("Access-Control-Max-Age")).hasValue("600");
        assertThat(h.firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void anotherOriginGetsForbiddenWithoutCorsHeaders() throws Exception {
        for (HttpRequest.Builder b : List.of(
                request("/status").GET().header("Origin", "https://evil.example"),
                request("/status").GET().header("Origin", ORIGIN + ".evil.example"),
                request("/status").GET().header("Origin", "http://vanthu.example"),
                request("/status").GET(),
                request("/pair").POST(HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example"),
                request("/status")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Private-Network", "true"))) {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            assertThat(r.headers().firstValue("Access-Control-Allow-Private-Network"))
                    .isEmpty();
        }
        assertThat(prompts).isEmpty();
    }

    @Test
    void statusSaysWhetherPairedAndWhetherATokenIsThere() throws Exception {
        JsonNode before = JSON.readTree(get("/status", null).body());
        assertThat(before.get("agent").asText()).isEqualTo("vanthu-signing-agent");
        assertThat(before.get("version").asText()).isEqualTo("1");
        assertThat(before.get("paired").asBoolean()).isFalse();
        assertThat(before.get("token").asBoolean()).isTrue();
        HttpResponse<String> r = get("/status", pair());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(r.headers().firstValue("Vary")).hasValue("Origin");
        assertThat(JSON.readTree(r.body()).get("paired").asBoolean()).isTrue();
    }

    @Test
    void withoutPairingNothingButStatus() throws Exception {
        for (String token : new String[] {null, "not-a-granted-token"}) {
            HttpResponse<String> certs = get("/certificates", token);
            assertThat(certs.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(certs.body()).get("error").asText()).isEqualTo("not_paired");
            HttpResponse<String> sign =
                    post("/sign", token, signBody(ALIAS, "SHA256withECDSA", List.of("a".getBytes())));
            assertThat(sign.statusCode()).isEqualTo(401);
        }
        assertThat(prompts).isEmpty();
    }

    @Test
    void pairingIsConfirmedAtTheComputer() throws Exception {
        confirmAnswer.set(false);
        HttpResponse<String> refused = post("/pair", null, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("pairing_refused");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(prompts).singleElement().asString().matches("pair " + ORIGIN + " \\d{6}");

        confirmAnswer.set(true);
        String token = pair();
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
        // kept hashed, readable by the user only
        String stored = Files.readString(pairingsFile);
        assertThat(stored).doesNotContain(token);
        assertThat(Files.getPosixFilePermissions(pairingsFile))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        // a second agent reading the same file knows the token
        Pairings again = new Pairings(pairingsFile, ORIGIN);
        assertThat(again.granted(token)).isTrue();
        assertThat(new Pairings(pairingsFile, "https://other.example").granted(token))
                .isFalse();
    }

    @Test
    void oneQuestionAtATime() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        confirmGate.set(gate);
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(
                request("/pair")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .header("Origin", ORIGIN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !prompts.isEmpty());
        assertThat(prompts).hasSize(1);
        HttpResponse<String> second = post("/pair", null, "");
        assertThat(second.statusCode()).isEqualTo(409);
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void listsTheTokensCertificatesWithTheirChain() throws Exception {
        String token = pair();
        HttpResponse<String> r = get("/certificates", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode list = JSON.readTree(r.body());
        assertThat(list).hasSize(1);
        JsonNode c = list.get(0);
        assertThat(c.get("id").asText()).isEqualTo(ALIAS);
        assertThat(c.get("commonName").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(c.get("subject").asText())
                .isEqualTo(leaf.getSubjectX500Principal().getName());
        assertThat(c.get("issuer").asText())
                .isEqualTo(ca.getSubjectX500Principal().getName());
        assertThat(c.get("notBefore").asText())
                .isEqualTo(leaf.getNotBefore().toInstant().toString());
        assertThat(c.get("notAfter").asText())
                .isEqualTo(leaf.getNotAfter().toInstant().toString());
        assertThat(c.get("chain")).hasSize(2);
        assertThat(x509(c.get("chain").get(0).asText())).isEqualTo(leaf);
        assertThat(x509(c.get("chain").get(1).asText())).isEqualTo(ca);
    }

    @Test
    void signsABatchWithOnePinTypedInTheAgent() throws Exception {
        String token = pair();
        byte[] first = "data to sign 1 — văn bản thứ nhất".getBytes(StandardCharsets.UTF_8);
        byte[] second = "data to sign 2".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = post("/sign", token, signBody(ALIAS, "SHA256withECDSA", List.of(first, second)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ORIGIN);
        assertThat(prompts).containsExactly("Nhập mã PIN của thiết bị ký số để ký 2 văn bản: ");
        JsonNode signatures = JSON.readTree(r.body()).get("signatures");
        assertThat(signatures).hasSize(2);
        assertThat(signatures.get(0).get("id").asText()).isEqualTo("doc-0");
        assertThat(signatures.get(1).get("id").asText()).isEqualTo("doc-1");
        assertThat(verifies(
                        leaf.getPublicKey(),
                        first,
                        signatures.get(0).get("signatureValue").asText()))
                .isTrue();
        assertThat(verifies(
                        leaf.getPublicKey(),
                        second,
                        signatures.get(1).get("signatureValue").asText()))
                .isTrue();
        assertThat(verifies(
                        leaf.getPublicKey(),
                        second,
                        signatures.get(0).get("signatureValue").asText()))
                .isFalse();
        // the PIN handed to the agent was cleared after the call
        assertThat(pinsGiven).allSatisfy(pin -> assertThat(new String(pin)).isEqualTo("\0".repeat(pin.length)));
    }

    @Test
    void aWrongPinSignsNothing() throws Exception {
        String token = pair();
        typedPin.set("0000");
        HttpResponse<String> r = post("/sign", token, signBody(ALIAS, "SHA256withECDSA", List.of("x".getBytes())));
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).isEqualTo("wrong_pin");
        assertThat(body.get("message").asText()).isEqualTo("Mã PIN của thiết bị ký số không đúng.");
        assertThat(body.has("signatures")).isFalse();
        // the right PIN still works afterwards (softhsm2's wrong-PIN count is reset by a good login)
        typedPin.set(PIN);
        assertThat(post("/sign", token, signBody(ALIAS, "SHA256withECDSA", List.of("x".getBytes())))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aCancelledPinPromptAnUnknownCertificateAndAMalformedBody() throws Exception {
        String token = pair();
        typedPin.set("");
        HttpResponse<String> cancelled =
                post("/sign", token, signBody(ALIAS, "SHA256withECDSA", List.of("x".getBytes())));
        assertThat(cancelled.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(cancelled.body()).get("error").asText()).isEqualTo("cancelled");

        typedPin.set(PIN);
        HttpResponse<String> unknown =
                post("/sign", token, signBody("nobody", "SHA256withECDSA", List.of("x".getBytes())));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).isEqualTo("unknown_certificate");

        prompts.clear();
        List<byte[]> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(new byte[] {1});
        }
        for (String bad : List.of(
                "not json",
                "[]",
                "{\"certificateId\":\"bithu\",\"signatureAlgorithm\":\"SHA256withECDSA\",\"items\":[]}",
                "{\"certificateId\":\"bithu\",\"signatureAlgorithm\":\"SHA1withRSA\",\"items\":[{\"id\":\"a\",\"dataToSign\":\"AQ==\"}]}",
                "{\"certificateId\":\"bithu\",\"signatureAlgorithm\":\"SHA256withECDSA\",\"items\":[{\"id\":\"a\",\"dataToSign\":\"***\"}]}",
                "{\"signatureAlgorithm\":\"SHA256withECDSA\",\"items\":[{\"id\":\"a\",\"dataToSign\":\"AQ==\"}]}",
                "{\"certificateId\":\"bithu\",\"signatureAlgorithm\":\"SHA256withECDSA\",\"items\":7}",
                signBody(ALIAS, "SHA256withECDSA", tooMany))) {
            HttpResponse<String> r = post("/sign", token, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("bad_request");
        }
        // a malformed request is refused before anyone is asked for a PIN
        assertThat(prompts).isEmpty();
        // an RSA signature with the EC key: refused, nothing signed
        HttpResponse<String> mismatch = post("/sign", token, signBody(ALIAS, "SHA256withRSA", List.of("x".getBytes())));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(mismatch.body()).get("error").asText()).isEqualTo("algorithm_mismatch");
    }

    @Test
    void withoutATokenStatusSaysSoAndCertificatesAnswer503(@TempDir Path temp) throws Exception {
        SigningAgent noToken = new SigningAgent(
                new AgentOptions(
                        0, temp.resolve("no-such-pkcs11.so").toString(), null, ORIGIN, temp.resolve("pairings")),
                (origin, code) -> true,
                prompt -> {
                    prompts.add(prompt);
                    return PIN.toCharArray();
                });
        noToken.start();
        try {
            String base = "http://127.0.0.1:" + noToken.port();
            HttpResponse<String> status = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/status"))
                            .header("Origin", ORIGIN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(status.body()).get("token").asBoolean()).isFalse();
            HttpResponse<String> paired = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/pair"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .header("Origin", ORIGIN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String token = JSON.readTree(paired.body()).get("pairingToken").asText();
            HttpResponse<String> certs = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/certificates"))
                            .header("Origin", ORIGIN)
                            .header("X-Pairing-Token", token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(certs.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(certs.body()).get("error").asText()).isEqualTo("no_token");
            assertThat(prompts).isEmpty(); // no PIN is asked for a token that is not there
        } finally {
            noToken.stop();
        }
    }

    @Test
    void optionsAreCheckedAndTheOriginNormalised() {
        AgentOptions o = AgentOptions.parse("--pkcs11", LIBRARY, "--origin", "HTTPS://VanThu.Example:443/");
        assertThat(o.origin()).isEqualTo("https://vanthu.example");
        assertThat(o.port()).isEqualTo(8765);
        assertThat(o.slot()).isNull();
        assertThat(AgentOptions.parse(
                        "--pkcs11", LIBRARY, "--origin", "http://10.0.0.5:8080", "--slot", "2", "--port", "9000"))
                .isEqualTo(new AgentOptions(9000, LIBRARY, 2, "http://10.0.0.5:8080", o.pairings()));
        for (String[] bad : List.of(
                new String[] {"--origin", ORIGIN},
                new String[] {"--pkcs11", LIBRARY},
                new String[] {"--pkcs11", LIBRARY, "--origin", "https://vanthu.example/app"},
                new String[] {"--pkcs11", LIBRARY, "--origin", "ftp://vanthu.example"},
                new String[] {"--pkcs11", LIBRARY, "--origin", ORIGIN, "--pin", "1234"})) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AgentOptions.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    // --- helpers ---

    private static String pair() throws Exception {
        confirmAnswer.set(true);
        HttpResponse<String> r = post("/pair", null, "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        prompts.clear();
        return JSON.readTree(r.body()).get("pairingToken").asText();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .timeout(Duration.ofSeconds(20));
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder b = request(path).GET().header("Origin", ORIGIN);
        if (token != null) {
            b.header("X-Pairing-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = request(path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Origin", ORIGIN)
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("X-Pairing-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signBody(String id, String algorithm, List<byte[]> data) throws Exception {
        var root = JSON.createObjectNode();
        root.put("certificateId", id);
        root.put("signatureAlgorithm", algorithm);
        var items = root.putArray("items");
        for (int i = 0; i < data.size(); i++) {
            items.addObject()
                    .put("id", "doc-" + i)
                    .put("dataToSign", Base64.getEncoder().encodeToString(data.get(i)));
        }
        return JSON.writeValueAsString(root);
    }

    private static boolean verifies(PublicKey key, byte[] data, String value) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(key);
        s.update(data);
        return s.verify(Base64.getDecoder().decode(value));
    }

    private static X509Certificate x509(String base64) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    }

    private static X509Certificate certificate(
            String subject, PublicKey key, String issuer, KeyPair issuerKeys, boolean isCa) throws Exception {
        long now = System.currentTimeMillis();
        var builder = new JcaX509v3CertificateBuilder(
                new X500Name(issuer),
                BigInteger.valueOf(now).shiftLeft(8).add(BigInteger.valueOf(isCa ? 1 : 2)),
                new Date(now - 3_600_000L),
                new Date(now + 365 * 86_400_000L),
                new X500Name(subject),
                key);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        builder.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(
                        isCa
                                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                                : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}

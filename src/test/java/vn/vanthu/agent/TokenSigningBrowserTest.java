package vn.vanthu.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.support.Chromium;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.SoftHsmStore;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Issue 23 end to end: Chromium drives the sign page, the page talks to the local signing agent, the
 * agent to a softhsm2 token holding the demo leader's key (standing in for a USB token), and the
 * document ends issued with both signatures passed. In the shared context, which tells the sign page the
 * agent's address ({@link IntegrationTest#AGENT_PORT}); the token is one of the JVM's store
 * ({@link SoftHsmStore}), made with the others before softhsm2 is first loaded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenSigningBrowserTest extends IntegrationTest {

    static final String LIBRARY = SoftHsmStore.LIBRARY;
    static final String TOKEN_PIN = SoftHsmStore.USB_PIN;

    @Autowired
    SigningKeys keys;

    final Flow flow = new Flow(this);
    final List<String> prompts = new CopyOnWriteArrayList<>();
    final AtomicReference<String> typedPin = new AtomicReference<>(TOKEN_PIN);
    SigningAgent agent;
    ChromeDriver browser;
    Path profile;

    @BeforeAll
    void tokenAgentAndBrowser() throws Exception {
        assumeTrue(
                SoftHsmStore.available() && Chromium.available(),
                "needs softhsm2 (SOFTHSM2_CONF set in pom.xml), chromium and chromium-driver:"
                        + " the token signing browser test is skipped");
        int slot = SoftHsmStore.token(SoftHsmStore.USB).slot();
        // the demo leader's key and certificate chain go into the token: the token now stands for bithu's
        SigningIdentity bithu = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        Provider provider = Security.getProvider("SunPKCS11")
                .configure("--name = token-browser\nlibrary = " + LIBRARY + "\nslotListIndex = " + slot + "\n");
        KeyStore token = KeyStore.getInstance("PKCS11", provider);
        token.load(null, TOKEN_PIN.toCharArray());
        token.setKeyEntry("bithu", bithu.privateKey(), null, bithu.chain().toArray(new Certificate[0]));
        ((AuthProvider) provider).logout();

        agent = new SigningAgent(
                new AgentOptions(
                        AGENT_PORT,
                        LIBRARY,
                        slot,
                        "http://localhost:" + port,
                        Files.createTempDirectory("agent").resolve("pairings")),
                (origin, code) -> {
                    prompts.add("pair " + origin);
                    return true;
                },
                prompt -> {
                    prompts.add(prompt);
                    String pin = typedPin.get();
                    return pin == null ? null : pin.toCharArray();
                });
        agent.start();

        profile = Files.createTempDirectory("vanthu-chromium-token");
        browser = Chromium.start(profile, "1280,1000");
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (agent != null) {
            agent.stop();
        }
        // the shared context as found: the enrolment presented above is refused
        JsonNode pending =
                as("admin").get("/api/admin/signing-certificates?state=PENDING").json();
        for (JsonNode row : pending) {
            if ("bithu".equals(row.path("user").asText())) {
                as("admin")
                        .post(
                                "/api/admin/signing-certificates/"
                                        + row.path("id").asLong() + "/refuse",
                                Map.of("note", "Chứng thư của bài kiểm thử"));
            }
        }
    }

    @Test
    void theLeaderSignsOnTheSignPageWithTheTokenAndTheDocumentIsIssued() throws Exception {
        // a wrong token PIN first: the page says so, nothing is signed
        long id = awaitingSignature();
        signIn("bithu");
        typedPin.set("0000");
        browser.get("http://localhost:" + port + "/viec/" + flow.taskOf("bithu", id, Kind.SIGN));
        browser.findElement(By.id("sign-token")).click();
        String error = new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            var e = d.findElement(By.id("token-error"));
            return e.isDisplayed() ? e.getText() : null;
        });
        assertThat(error).contains("Mã PIN của thiết bị ký số không đúng");
        assertThat(flow.document(id).path("status").asText()).isEqualTo("AWAITING_SIGNATURE");
        assertThat(prompts).anyMatch(p -> p.startsWith("pair http://localhost:" + port));

        // the right PIN, typed in the agent: signed, numbered, sealed
        typedPin.set(TOKEN_PIN);
        browser.get("http://localhost:" + port + "/viec/" + flow.taskOf("bithu", id, Kind.SIGN));
        browser.findElement(By.id("sign-token")).click();
        String done = awaitText(By.id("token-done"), By.id("token-error"), 90);
        browser.executeScript("document.getElementById('token-done').scrollIntoView({block: 'center'})");
        Chromium.docsShot(browser, "24-ky-bang-usb-token");
        assertThat(done).startsWith("Đã ký");

        JsonNode doc = awaitIssued(id);
        assertThat(doc.path("number").asText()).endsWith("-GM/ĐUK");
        byte[] pdf = as("vanthu").get("/api/documents/" + id + "/pdf").body();
        JsonNode check = anonymous()
                .postRaw("/api/public/verify", "application/pdf", pdf)
                .json();
        assertThat(check.path("verdict").asText()).as(check.toString()).isEqualTo("ISSUED_ORIGINAL");
        assertThat(check.path("signatures").get(0).path("signer").asText()).isEqualTo("Nguyễn Văn An");
        assertThat(check.path("signatures").get(0).path("indication").asText()).isEqualTo("TOTAL_PASSED");
        assertThat(check.path("signatures").get(1).path("indication").asText()).isEqualTo("TOTAL_PASSED");
        // the PIN was asked in the agent, never in the page
        assertThat(prompts).anyMatch(p -> p.contains("PIN"));
    }

    @Test
    void theLeaderSignsSeveralDocumentsFromTheListWithOneTokenPin() throws Exception {
        long first = awaitingSignature();
        long second = awaitingSignature();
        long leftAlone = awaitingSignature();
        typedPin.set(TOKEN_PIN);
        signIn("bithu");
        browser.get("http://localhost:" + port + "/");
        browser.findElement(By.id("pick-" + flow.taskOf("bithu", first, Kind.SIGN)))
                .click();
        browser.findElement(By.id("pick-" + flow.taskOf("bithu", second, Kind.SIGN)))
                .click();
        long pinsBefore = prompts.stream().filter(p -> p.contains("PIN")).count();
        browser.findElement(By.id("batch-sign-token")).click();
        String results = awaitText(By.id("batch-token-results"), By.cssSelector("#batch-token .token-error"), 90);
        assertThat(results.split("đã ký", -1)).as(results).hasSize(3);
        // one PIN for the signatures of both (the certificate list may ask once more, on a new token session)
        assertThat(prompts.stream().filter(p -> p.contains("PIN")).count() - pinsBefore)
                .isBetween(1L, 2L);
        for (long id : new long[] {first, second}) {
            JsonNode doc = awaitIssued(id);
            byte[] pdf = as("vanthu").get("/api/documents/" + id + "/pdf").body();
            assertThat(anonymous()
                            .postRaw("/api/public/verify", "application/pdf", pdf)
                            .json()
                            .path("verdict")
                            .asText())
                    .as(doc.toString())
                    .isEqualTo("ISSUED_ORIGINAL");
        }
        assertThat(flow.document(leftAlone).path("status").asText()).isEqualTo("AWAITING_SIGNATURE");
    }

    @Test
    void theLeaderPresentsTheTokensCertificateForEnrolmentFromTheSigningPinPage() {
        typedPin.set(TOKEN_PIN);
        signIn("bithu");
        browser.get("http://localhost:" + port + "/ma-pin-ky-so");
        assertThat(browser.findElement(By.id("enrolled-name")).getText()).isEqualTo("Nguyễn Văn An");
        browser.findElement(By.id("enrol-token")).click();
        String sent = awaitText(By.id("enrol-sent"), By.cssSelector("#token-enrolment .token-error"), 60);
        assertThat(sent).contains("chờ quản trị viên duyệt").contains("Nguyễn Văn An");
        // the administrators see it waiting, presented by the leader
        JsonNode pending =
                as("admin").get("/api/admin/signing-certificates?state=PENDING").json();
        assertThat(pending.findValuesAsText("user")).contains("bithu");
    }

    long awaitingSignature() {
        String domain = Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation("Hội nghị ký bằng USB token " + domain, domain, 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        return id;
    }

    JsonNode awaitIssued(long id) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> flow.document(id),
                        doc -> "ISSUED".equals(doc.path("status").asText()));
    }

    void signIn(String user) {
        // a fresh session: the other test may have signed in already (the agent's pairing, kept in the
        // page's local storage, stays)
        browser.get("http://localhost:" + port + "/login");
        browser.manage().deleteAllCookies();
        Chromium.signIn(browser, port, user);
    }

    /** The text of {@code done} once the page shows it; the page's own error message, shown instead, fails the test. */
    String awaitText(By done, By error, int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).until(d -> {
            var failed = d.findElements(error);
            if (!failed.isEmpty() && failed.get(0).isDisplayed()) {
                throw new AssertionError("the page says: " + failed.get(0).getText());
            }
            var shown = d.findElements(done);
            return shown.isEmpty() ? null : shown.get(0).getText();
        });
    }
}

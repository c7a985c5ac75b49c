package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.support.MovableClock;

/**
 * Wrong passwords slow a guesser down but never lock a leader out: the (account, address) pair is
 * throttled, not the person, with the app's form, HTTP Basic and the Camunda webapps' login alike.
 * No proxy is trusted by default, so the tests' HTTP requests all come from loopback; other addresses
 * are given to the throttle directly.
 */
class LoginLocksTest extends IntegrationTest {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    static final String OTHER = "198.51.100.22";

    @Autowired
    LoginThrottle throttle;

    @Autowired
    IdentityService identity;

    @Autowired
    ProcessEngine engine;

    @Autowired
    SecurityAudit audit;

    /** Our engine and webapps in Camunda's JVM-wide registries, which other test classes' contexts overwrite. */
    @BeforeEach
    void ourEngineServesTheRestApi() {
        CamundaStatics.restore(engine);
    }

    Clock realClock;

    @AfterEach
    void restore() {
        if (realClock != null) {
            throttle.useClock(realClock);
        }
        List.of("bithu", "admin").forEach(throttle::lift);
    }

    @Test
    void thirtyWrongPasswordsFromSixOtherAddressesDoNotKeepBithuOutFromHisOwn() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("bithu", "203.0.113." + (11 + i / 5));
        }
        assertThat(throttle.refusal("bithu", "203.0.113.11")).isPresent();
        // bithu, from his own address (the test's loopback) with no failures, signs in on Basic and the form
        assertThat(as("bithu").get("/api/tasks").status()).isEqualTo(200);
        assertThat(new WebappSession(port, null).login("bithu", "demo").status())
                .isNotEqualTo(401);
        // the blocks of the pairs are in the security trail
        assertThat(audit.newest(Set.of(SecurityAudit.Kind.LOGIN_BLOCKED), 50)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("bithu");
            assertThat(e.client()).isEqualTo("203.0.113.16");
        });
    }

    @Test
    void tenSpacedOutWrongPasswordsNeverLockBithuOutForLongerThanFiveMinutes() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        realClock = throttle.useClock(clock);
        String guesser = "127.0.0.1";
        for (int i = 1; i <= 10; i++) {
            Api.Response wrong = as("bithu", "doan-" + i).get("/api/tasks");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("detail").asText()).doesNotContain("Tạm khóa"); // each one was really checked
            Optional<Duration> wait = throttle.refusal("bithu", guesser);
            assertThat(wait.orElse(Duration.ZERO)).isLessThanOrEqualTo(FIVE_MINUTES);
            if (i == 5) {
                // throttled: even the right password is refused from there, without being checked ...
                Api.Response paused = as("bithu").get("/api/tasks");
                assertThat(paused.status()).isEqualTo(401);
                assertThat(paused.json().get("detail").asText()).contains("Tạm khóa đăng nhập", "thử lại sau 1 phút");
                assertThat(formLogin("bithu", "demo"))
                        .startsWith("/login ")
                        .contains("Tạm khóa đăng nhập", "thử lại sau 1 phút");
                // ... while bithu himself, elsewhere, may sign in
                assertThat(throttle.refusal("bithu", OTHER)).isEmpty();
            }
            clock.move(wait.orElse(Duration.ofSeconds(10)));
        }
        // Camunda's own lock would have locked him for good at the 10th failure
        assertThat(as("bithu").get("/api/tasks").status()).isEqualTo(200);
        assertThat(identity.checkPassword("bithu", "demo")).isTrue();
    }

    @Test
    void theWebappsLoginIsThrottledTooAndTheOwnerGetsInFromElsewhere() {
        for (int i = 1; i <= 5; i++) {
            Api.Response wrong = new WebappSession(port, null).login("admin", "doan-" + i);
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        Api.Response paused = new WebappSession(port, null).login("admin", "demo");
        assertThat(paused.status()).isEqualTo(401);
        assertThat(paused.json().get("detail").asText()).contains("Tạm khóa đăng nhập");
        // the same count as the app's own login: Basic from there is paused as well
        assertThat(as("admin").get("/api/tasks").status()).isEqualTo(401);
        assertThat(throttle.refusal("admin", OTHER)).isEmpty();
        throttle.lift("admin");
        Api.Response owner = new WebappSession(port, null).login("admin", "demo");
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    @Test
    void aGuessFromManyAddressesBlocksThemEmailsTheOwnerAndNeverStopsHimFromHisOwn() throws Exception {
        String domain = Drafts.uniqueDomain();
        String id = "khoa" + UUID.randomUUID().toString().substring(0, 6);
        User user = identity.newUser(id);
        user.setFirstName("Lê Văn");
        user.setLastName("Khóa");
        user.setEmail(id + "@" + domain);
        user.setPassword("demo");
        identity.saveUser(user);

        for (int i = 0; i < 200; i++) {
            throttle.failed(id, "203.0.113." + (i % 50)); // fifty addresses, four each: no pair is blocked
        }
        assertThat(throttle.refusal(id, "203.0.113.3")).isPresent();
        // the owner, from an address without failures, signs in
        assertThat(as(id, "demo").get("/api/tasks").status()).isEqualTo(200);
        // one wrong password from there, and that address is blocked too while the attack lasts
        assertThat(as(id, "sai").get("/api/tasks").status()).isEqualTo(401);
        Api.Response locked = as(id, "demo").get("/api/tasks");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail").asText()).contains("Tạm khóa đăng nhập", "thử lại sau 5 phút");

        List<MimeMessage> mail = Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20));
        assertThat(mail).hasSize(1);
        assertThat(Mailbox.recipient(mail.get(0))).isEqualTo(id + "@" + domain);
        assertThat(Mailbox.subject(mail.get(0))).contains("Tạm khóa đăng nhập", id);
        assertThat(audit.newest(Set.of(SecurityAudit.Kind.LOGIN_BLOCKED), 50))
                .anySatisfy(e -> assertThat(e.actor()).isEqualTo(id));

        assertThat(as("vanthu").delete("/api/admin/login-locks/" + id).status()).isEqualTo(403);
        assertThat(anonymous().delete("/api/admin/login-locks/" + id).status()).isEqualTo(401);
        assertThat(as("admin").delete("/api/admin/login-locks/" + id).status()).isEqualTo(204);
        assertThat(as(id, "demo").get("/api/tasks").status()).isEqualTo(200);
        assertThat(throttle.refusal(id, "203.0.113.3")).isEmpty();
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() {
        SecuritySettings.Login settings = new SecuritySettings.Login(
                5, Duration.ofSeconds(30), FIVE_MINUTES, 200, 10, Duration.ofMinutes(15), 100, List.of("10.0.0.1"));
        LoginThrottle strict = new LoginThrottle(settings, Clock.systemUTC(), (u, t) -> {});
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr("192.0.2.7");
        request.addHeader("X-Forwarded-For", "203.0.113.1");
        assertThat(strict.clientAddress(request)).isEqualTo("192.0.2.7");
        request.setRemoteAddr("10.0.0.1");
        request.removeHeader("X-Forwarded-For");
        request.addHeader("X-Forwarded-For", "198.51.100.1, 203.0.113.1, 10.0.0.1");
        assertThat(strict.clientAddress(request)).isEqualTo("203.0.113.1");
    }

    /** Signs in on the app's form; returns the path and the page it ends on. */
    String formLogin(String user, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String base = "http://localhost:" + port;
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> landing = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return landing.uri().getPath() + " " + landing.body();
    }
}

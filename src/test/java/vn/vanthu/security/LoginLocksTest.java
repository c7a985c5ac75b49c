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
 * Wrong passwords slow a guesser down but never lock a leader out for long: per (account, address),
 * per account from anywhere, with the app's form, HTTP Basic and the Camunda webapps' login alike.
 * Clients are told apart by X-Forwarded-For, which the test's loopback connection may set (a trusted proxy).
 */
class LoginLocksTest extends IntegrationTest {

    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Autowired
    LoginThrottle throttle;

    @Autowired
    IdentityService identity;

    @Autowired
    ProcessEngine engine;

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

    Api from(String address, String user, String password) {
        return as(user, password).withHeader("X-Forwarded-For", address);
    }

    @Test
    void tenSpacedOutWrongPasswordsNeverLockBithuOutForLongerThanFiveMinutes() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        realClock = throttle.useClock(clock);
        String guesser = "203.0.113.21";
        for (int i = 1; i <= 10; i++) {
            Api.Response wrong = from(guesser, "bithu", "doan-" + i).get("/api/tasks");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.json().get("detail").asText()).doesNotContain("Tạm khóa"); // each one was really checked
            Optional<Duration> wait = throttle.refusal("bithu", guesser);
            assertThat(wait.orElse(Duration.ZERO)).isLessThanOrEqualTo(FIVE_MINUTES);
            if (i == 5) {
                // throttled: even the right password is refused from there, without being checked ...
                Api.Response paused = from(guesser, "bithu", "demo").get("/api/tasks");
                assertThat(paused.status()).isEqualTo(401);
                assertThat(paused.json().get("detail").asText()).contains("Tạm khóa đăng nhập", "thử lại sau 1 phút");
                assertThat(formLogin(guesser, "bithu", "demo"))
                        .startsWith("/login ")
                        .contains("Tạm khóa đăng nhập", "thử lại sau 1 phút");
                // ... while bithu himself, elsewhere, signs in
                assertThat(from("198.51.100.22", "bithu", "demo")
                                .get("/api/tasks")
                                .status())
                        .isEqualTo(200);
                assertThat(formLogin("198.51.100.22", "bithu", "demo")).startsWith("/ ");
            }
            clock.move(wait.orElse(Duration.ofSeconds(10)));
        }
        // Camunda's own lock would have locked him for good at the 10th failure
        assertThat(from(guesser, "bithu", "demo").get("/api/tasks").status()).isEqualTo(200);
        assertThat(identity.checkPassword("bithu", "demo")).isTrue();
    }

    @Test
    void theWebappsLoginIsThrottledTooAndTheOwnerGetsInFromElsewhere() {
        String guesser = "203.0.113.31";
        for (int i = 1; i <= 5; i++) {
            Api.Response wrong = new WebappSession(port, guesser).login("admin", "doan-" + i);
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        Api.Response paused = new WebappSession(port, guesser).login("admin", "demo");
        assertThat(paused.status()).isEqualTo(401);
        assertThat(paused.json().get("detail").asText()).contains("Tạm khóa đăng nhập");
        // the same count as the app's own login: Basic from there is paused as well
        assertThat(from(guesser, "admin", "demo").get("/api/tasks").status()).isEqualTo(401);
        Api.Response owner = new WebappSession(port, "198.51.100.32").login("admin", "demo");
        assertThat(owner.status()).as(owner.toString()).isEqualTo(200);
    }

    @Test
    void twentyFailuresLockTheAccountEmailItsOwnerAndAnAdministratorLiftsTheLock() throws Exception {
        String domain = Drafts.uniqueDomain();
        String id = "khoa" + UUID.randomUUID().toString().substring(0, 6);
        User user = identity.newUser(id);
        user.setFirstName("Lê Văn");
        user.setLastName("Khóa");
        user.setEmail(id + "@" + domain);
        user.setPassword("demo");
        identity.saveUser(user);

        for (int i = 0; i < 20; i++) {
            // four addresses, five each: every pair is throttled after its fifth, the account after the twentieth
            assertThat(from("203.0.113." + (41 + i / 5), id, "doan-" + i)
                            .get("/api/tasks")
                            .status())
                    .isEqualTo(401);
        }
        Api.Response locked = from("198.51.100.49", id, "demo").get("/api/tasks");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail").asText()).contains("Tạm khóa đăng nhập", "thử lại sau 5 phút");

        List<MimeMessage> mail = Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(20));
        assertThat(mail).hasSize(1);
        assertThat(Mailbox.recipient(mail.get(0))).isEqualTo(id + "@" + domain);
        assertThat(Mailbox.subject(mail.get(0))).contains("Tạm khóa đăng nhập", id);

        assertThat(as("vanthu").delete("/api/admin/login-locks/" + id).status()).isEqualTo(403);
        assertThat(anonymous().delete("/api/admin/login-locks/" + id).status()).isEqualTo(401);
        assertThat(as("admin").delete("/api/admin/login-locks/" + id).status()).isEqualTo(204);
        assertThat(from("198.51.100.49", id, "demo").get("/api/tasks").status()).isEqualTo(200);
        assertThat(from("203.0.113.41", id, "demo").get("/api/tasks").status()).isEqualTo(200);
    }

    @Test
    void aForwardedForHeaderFromAnUntrustedPeerIsIgnored() {
        SecuritySettings.Login settings = new SecuritySettings.Login(
                5, Duration.ofSeconds(30), FIVE_MINUTES, 20, Duration.ofMinutes(15), 100, List.of("10.0.0.1"));
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

    /** Signs in on the app's form from this address; returns the path and the page it ends on. */
    String formLogin(String address, String user, String password) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String base = "http://localhost:" + port;
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .header("X-Forwarded-For", address)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        HttpResponse<String> landing = http.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("X-Forwarded-For", address)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return landing.uri().getPath() + " " + landing.body();
    }
}

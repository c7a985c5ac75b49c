package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.IntegrationTest;

/**
 * Single sign-on by OpenID Connect (vanthu.identity.mode=oidc; issue 16, item 3) against an OpenID
 * provider in the test (no.nav.security:mock-oauth2-server): the whole browser flow — a page
 * redirects to the provider, the provider back with a code, the app exchanges it and checks the ID
 * token — and the person, whom Camunda's user table never had, sees the tasks of the group the token
 * names (mapped by vanthu.identity.groups). Its own Spring context, closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
// in the shared test JVM, after the shared application's tests (see the constant)
@Order(IntegrationTest.AFTER_THE_SHARED_APPLICATION)
class OidcLoginTest {

    static final Path DATA_DIR = Path.of("target", "test-data", "oidc-" + UUID.randomUUID());
    static final MockOAuth2Server PROVIDER = new MockOAuth2Server();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        PROVIDER.start();
        registry.add("vanthu.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        registry.add("vanthu.mail.embedded.smtp-port", () -> "0");
        registry.add("vanthu.mail.embedded.imap-port", () -> "0");
        registry.add("vanthu.identity.mode", () -> "oidc");
        // its engine under its own name in Camunda's JVM-wide registry (see LdapIdentityTest)
        registry.add("camunda.bpm.process-engine-name", () -> "oidc");
        registry.add("vanthu.identity.groups.reviewers", () -> "VP-LanhDao");
        String registration = "spring.security.oauth2.client.registration.vanthu.";
        registry.add(registration + "client-id", () -> "vanthu");
        registry.add(registration + "client-secret", () -> "bi-mat");
        registry.add(registration + "scope", () -> "openid,profile");
        registry.add(
                "spring.security.oauth2.client.provider.vanthu.issuer-uri",
                () -> PROVIDER.issuerUrl("tinhuy").toString());
        registry.add("spring.security.oauth2.client.provider.vanthu.user-name-attribute", () -> "preferred_username");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.shutdown();
    }

    @LocalServerPort
    int port;

    @Test
    void aPersonSignedInByTheProviderSeesTheTasksOfTheirGroup() throws Exception {
        // a drafter (HTTP Basic against Camunda's table: API clients keep it) submits a draft
        Api drafter = Api.at(port, "chuyenvien", "demo");
        Api.Response created = drafter.post(
                "/api/documents", Drafts.invitation("Họp thử đăng nhập một lần", Drafts.uniqueDomain(), 1));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(drafter.post("/api/documents/" + id + "/submit", Map.of()).status())
                .isEqualTo(200);

        // the provider will vouch for a reviewer whom Camunda's user table does not know
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                "tinhuy",
                "3f6b2a10-sso",
                "JWT",
                List.of("vanthu"),
                Map.of(
                        "preferred_username",
                        "tranthu",
                        "name",
                        "Trần Thu",
                        "groups",
                        List.of("VP-LanhDao", "Cong-doan")),
                3600));
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String app = "http://localhost:" + port;

        HttpResponse<String> page = get(browser, app + "/");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(location(page)).endsWith("/oauth2/authorization/vanthu");
        HttpResponse<String> toProvider = get(browser, resolve(app, location(page)));
        assertThat(location(toProvider))
                .startsWith(PROVIDER.issuerUrl("tinhuy").toString())
                .contains("response_type=code");
        HttpResponse<String> back = get(browser, location(toProvider));
        assertThat(location(back)).startsWith(app + "/login/oauth2/code/vanthu?code=");
        HttpResponse<String> signedIn = get(browser, location(back));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        assertThat(location(signedIn)).doesNotContain("error");

        HttpResponse<String> tasks = get(browser, app + "/api/tasks");
        assertThat(tasks.statusCode()).isEqualTo(200);
        JsonNode list = new ObjectMapper().readTree(tasks.body());
        assertThat(list.findValues("documentId")).extracting(JsonNode::asLong).contains(id);
        assertThat(list.findValues("key")).extracting(JsonNode::asText).containsOnly("review");
        // the session's user is the token's preferred_username, its roles the mapped groups only
        HttpResponse<String> home = get(browser, app + "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("tranthu");
        assertThat(get(browser, app + "/quan-tri/nhat-ky").statusCode()).isEqualTo(403);

        // a person the engine does not know is refused by the webapps (401), not met with an error
        assertThat(get(browser, app + "/camunda/app/tasklist/oidc/").statusCode())
                .isEqualTo(401);

        // one the engine knows: Camunda's webapps take the provider's sign-in, no password of their own
        PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(
                "tinhuy",
                "9a1c-sso",
                "JWT",
                List.of("vanthu"),
                Map.of("preferred_username", "admin", "groups", List.of("camunda-admin")),
                3600));
        HttpClient office = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpResponse<String> cockpit = get(office, app + "/camunda/app/tasklist/oidc/");
        assertThat(location(cockpit)).endsWith("/oauth2/authorization/vanthu");
        HttpResponse<String> provider = get(office, location(get(office, resolve(app, location(cockpit)))));
        HttpResponse<String> landed = get(office, location(provider));
        assertThat(landed.statusCode()).isEqualTo(302);
        HttpResponse<String> tasklist = get(office, resolve(app, location(landed)));
        assertThat(tasklist.statusCode()).as(tasklist.body()).isEqualTo(200);
        HttpResponse<String> webappUser = get(office, app + "/camunda/api/admin/auth/user/oidc");
        assertThat(webappUser.statusCode()).as(webappUser.body()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(webappUser.body()).get("userId").asText())
                .isEqualTo("admin");
    }

    @Test
    void withoutASignInPagesGoToTheProviderAndTheApiSays401() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        assertThat(location(get(browser, "http://localhost:" + port + "/so-van-ban-di")))
                .endsWith("/oauth2/authorization/vanthu");
        assertThat(get(browser, "http://localhost:" + port + "/api/tasks").statusCode())
                .isEqualTo(401);
        // Camunda's webapps too go to the provider, not to a login form of their own
        assertThat(location(get(browser, "http://localhost:" + port + "/camunda/app/cockpit/oidc/")))
                .endsWith("/oauth2/authorization/vanthu");
        // a wrong password on the API is still refused
        assertThat(Api.at(port, "chuyenvien", "sai").get("/api/tasks").status()).isEqualTo(401);
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode()));
    }

    private static String resolve(String base, String location) {
        return location.startsWith("http") ? location : base + location;
    }
}

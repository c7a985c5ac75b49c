package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.IntegrationTest;

/** Hardening, round three: CSRF with Basic credentials, no Basic challenge to browsers, odd Camunda paths. */
class RoundThreeHardeningTest extends IntegrationTest {

    static final String FORM = "application/x-www-form-urlencoded";
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPageFormWithBasicCredentialsButNoCsrfTokenIsRefused() {
        Api.Response forged = as("admin")
                .withoutCsrf()
                .postRaw("/quan-tri/tai-khoan/bithu/nhom", FORM, "groups=signers".getBytes(StandardCharsets.UTF_8));
        assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
    }

    @Test
    void anApiCallWithBasicCredentialsAndNoSessionCookieNeedsNoCsrfToken() throws Exception {
        Api.Response draft = as("chuyenvien").post("/api/documents", Map.of());
        assertThat(draft.status()).as(draft.toString()).isNotEqualTo(403).isNotEqualTo(401);
        // the same call with a session cookie is CSRF-checked like the UI's
        HttpResponse<String> withCookie = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/documents"))
                        .header("Authorization", basic("chuyenvien", "demo"))
                        .header("Cookie", "SESSION=Zm9v")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withCookie.statusCode()).isIn(401, 403);
    }

    @Test
    void aBrowserAskingForHtmlIsSentToTheSignInPageNotABasicChallenge() throws Exception {
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks"))
                        .header("Accept", "text/html,application/xhtml+xml")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElse("")).endsWith("/login");
        // an API client still gets its challenge
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/tasks"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .headers()
                        .firstValue("WWW-Authenticate"))
                .isPresent();
    }

    @Test
    void oddPathsUnderCamundaAreABadRequestNeverAServerError() throws Exception {
        for (String path : List.of(
                "/camunda//api/admin/auth/user/default/login/cockpit",
                "/camunda//api/admin/setup/default/user/create",
                "/camunda/api//engine/engine/default/task",
                "/camunda/api/admin/%2e%2e/engine/engine/default/task",
                "/camunda/app/%5c..%5cadmin/")) {
            for (String method : List.of("GET", "POST")) {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Content-Type", FORM)
                                .method(method, HttpRequest.BodyPublishers.ofString("username=admin&password=x"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode())
                        .as(method + " " + path + " " + answer.body())
                        .isEqualTo(400);
                assertThat(answer.body()).doesNotContain("Exception", "\tat ");
            }
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

package vn.vanthu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.IntegrationTest;

/** What every answer of ours says to the browser, and what it leaves to Camunda's webapps. */
class HardeningHeadersTest extends IntegrationTest {

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + java.util.Base64.getEncoder()
                                    .encodeToString(
                                            (user + ":demo").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ourPagesAndApiCarryTheContentSecurityPolicyAndTheOtherHeaders() throws Exception {
        for (HttpResponse<String> response : List.of(
                get("/login", null),
                get("/", "chuyenvien"),
                get("/xac-minh", null),
                get("/thong-bao", null),
                get("/api/tasks", "chuyenvien"),
                get("/api/public/notices", null),
                get("/api/tasks", null),
                get("/r/" + "A".repeat(43) + "/receipt", null))) {
            String where = response.request().uri() + " " + response.statusCode();
            String csp =
                    response.headers().firstValue("Content-Security-Policy").orElse(null);
            assertThat(csp).as(where).isEqualTo(SecurityConfiguration.CONTENT_SECURITY_POLICY);
            assertThat(csp).contains("script-src 'self';", "frame-ancestors 'self'", "object-src 'self';");
            assertThat(response.headers().firstValue("Referrer-Policy"))
                    .as(where)
                    .contains("same-origin");
            assertThat(response.headers().firstValue("X-Content-Type-Options"))
                    .as(where)
                    .contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options"))
                    .as(where)
                    .contains("SAMEORIGIN");
            // not on the embedded default: HSTS is for prod, behind HTTPS
            assertThat(response.headers().firstValue("Strict-Transport-Security"))
                    .as(where)
                    .isEmpty();
        }
    }

    @Test
    void theSessionCookieIsSameSiteLaxAndHttpOnly() throws Exception {
        HttpResponse<String> login = get("/login", null); // the form's CSRF token lives in a new session
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies)
                .filteredOn(c -> c.startsWith("SESSION="))
                .singleElement()
                .satisfies(
                        c -> assertThat(c).containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));
    }

    @Test
    void camundasCockpitStillLoadsUnderItsOwnPolicy() throws Exception {
        HttpResponse<String> cockpit = get("/camunda/app/cockpit/default/", null);
        assertThat(cockpit.statusCode()).isEqualTo(200);
        assertThat(cockpit.body()).contains("<script");
        assertThat(cockpit.headers().allValues("Content-Security-Policy"))
                .noneMatch(csp -> csp.equals(SecurityConfiguration.CONTENT_SECURITY_POLICY));
    }
}

package vn.vanthu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small HTTP client for the REST API, signed in with HTTP Basic as one user. */
public class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;
    private final java.util.Map<String, String> headers;
    private final Duration timeout;

    /** A client of the app on this local port, signed in with HTTP Basic. */
    public static Api at(int port, String user, String password) {
        return new Api("http://localhost:" + port, user, password);
    }

    Api(String base, String user, String password) {
        this(
                base,
                user == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
                java.util.Map.of());
    }

    private Api(String base, String authorization, java.util.Map<String, String> headers) {
        this(base, authorization, headers, Duration.ofSeconds(60));
    }

    private Api(String base, String authorization, java.util.Map<String, String> headers, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
        this.timeout = timeout;
    }

    /** The same client, waiting this long for an answer (the start-up benchmark on a busy machine). */
    public Api withTimeout(Duration timeout) {
        return new Api(base, authorization, headers, timeout);
    }

    /** The same client, sending this header with every request too (e.g. X-Forwarded-For). */
    public Api withHeader(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, authorization, java.util.Map.copyOf(more), timeout);
    }

    /** @param location the Location header of a redirect, or null */
    public record Response(int status, String contentType, byte[] body, String location) {

        public Response(int status, String contentType, byte[] body) {
            this(status, contentType, body, null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        /** The JSON body of a 2xx answer; anything else fails with the status and body. */
        public JsonNode ok() {
            if (status / 100 != 2) {
                throw new IllegalStateException(status + " " + text());
            }
            return json();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object json) {
        return send(withPageCsrf(path, request(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(json))));
    }

    public Response postRaw(String path, String contentType, byte[] body) {
        return send(withPageCsrf(path, request(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The same client, but a page's form is posted without a CSRF token (to test the refusal). */
    public Api withoutCsrf() {
        return withHeader(NO_CSRF, "1");
    }

    private static final String NO_CSRF = "X-Test-No-Csrf";
    private static final java.util.regex.Pattern CSRF =
            java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /**
     * A page's form is CSRF-checked even with Basic credentials (only /api/** calls without a session
     * skip it): like a browser, take a session and its token from the sign-in page first.
     */
    private HttpRequest.Builder withPageCsrf(String path, HttpRequest.Builder builder) {
        if (authorization == null
                || headers.containsKey(NO_CSRF)
                || path.startsWith("/api/")
                || path.startsWith("/engine-rest")
                || path.startsWith("/camunda")) {
            return builder;
        }
        try {
            HttpResponse<String> login = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher token = CSRF.matcher(login.body());
            if (!token.find()) {
                throw new IllegalStateException("no CSRF token on /login");
            }
            String cookies = String.join(
                    "; ",
                    login.headers().allValues("Set-Cookie").stream()
                            .map(c -> c.split(";", 2)[0])
                            .toList());
            return builder.header("Cookie", cookies).header("X-CSRF-TOKEN", token.group(1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response put(String path, Object json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(json))));
    }

    public Response delete(String path) {
        return send(withPageCsrf(path, request(path)).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        headers.forEach((name, value) -> {
            if (!name.equals(NO_CSRF)) {
                builder.header(name, value);
            }
        });
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String toJson(Object value) {
        try {
            return value instanceof String s ? s : JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

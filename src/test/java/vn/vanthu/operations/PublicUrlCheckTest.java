package vn.vanthu.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.support.IntegrationTest;

/**
 * Hardening, round three: with vanthu.public-url pointing where this installation does not answer
 * (a port nobody serves, another web server), the administrators are warned on their pages; pointing
 * at this app, no warning. The answer proves the installation with an HMAC of the caller's nonce.
 */
class PublicUrlCheckTest extends IntegrationTest {

    @Autowired
    PublicUrlCheck check;

    @AfterEach
    void backToThisApp() {
        check.check("http://localhost:" + port);
    }

    @Test
    void aPublicUrlNobodyServesWarnsTheAdministrators() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        assertThat(check.check("http://127.0.0.1:" + dead)).isFalse();
        assertThat(check.warning()).get().asString().contains("http://127.0.0.1:" + dead, "VANTHU_PUBLIC_URL");

        // on the administrator's pages, not on a clerk's
        assertThat(as("admin").get("/quan-tri/tai-khoan").text())
                .contains("admin-warning")
                .contains("http://127.0.0.1:" + dead);
        assertThat(as("vanthu").get("/").text()).doesNotContain("admin-warning");

        // pointing at this very app: the warning goes
        assertThat(check.check("http://localhost:" + port)).isTrue();
        assertThat(check.warning()).isEmpty();
        assertThat(as("admin").get("/quan-tri/tai-khoan").text()).doesNotContain("admin-warning");
    }

    @Test
    void anotherServerAtThatAddressIsNotThisApplication() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] body = "{\"application\":\"vanthu\",\"proof\":\"00\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            assertThat(check.check("http://127.0.0.1:" + other.getAddress().getPort()))
                    .isFalse();
            assertThat(check.warning()).get().asString().contains("Văn thư khác");
        } finally {
            other.stop(0);
        }
    }

    @Test
    void theInstanceAnswerNeedsNoSignInAndANonce() {
        JsonNode answer = anonymous()
                .get("/api/public/instance?nonce=0123456789abcdef0123")
                .ok();
        assertThat(answer.get("application").asText()).isEqualTo("vanthu");
        assertThat(answer.get("proof").asText()).isEqualTo(check.proof("0123456789abcdef0123"));
        assertThat(anonymous().get("/api/public/instance?nonce=x'or'1").status())
                .isEqualTo(400);
        assertThat(anonymous().get("/api/public/instance").status()).isEqualTo(400);
    }
}

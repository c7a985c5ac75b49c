package vn.vanthu.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.vanthu.config.InstallationProperties;

/**
 * Whether {@code vanthu.public-url}, the start of every link in the emails, leads to this
 * installation. Started on another host or port without setting it, the app would send dead links
 * and nothing would say so. Once the web server is up, this asks
 * {@code {public-url}/api/public/instance?nonce=…} and expects the HMAC of the nonce under the
 * installation's secret (one per database, so any node behind the proxy answers alike, and another
 * installation at that address does not); otherwise it logs a WARN and the administrators' pages
 * show {@link #warning()} until a later check succeeds.
 */
@Component
public class PublicUrlCheck {

    private static final Logger log = LoggerFactory.getLogger(PublicUrlCheck.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String APPLICATION = "vanthu";

    private final InstallationProperties installation;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();
    private volatile byte[] secret;
    private volatile String warning;

    PublicUrlCheck(InstallationProperties installation, JdbcTemplate jdbc) {
        this.installation = installation;
        this.jdbc = jdbc;
    }

    /** What the administrators are told; empty while the address answers as this installation. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        // off the start-up thread: an address that does not answer takes up to the timeouts
        Thread t = new Thread(() -> check(installation.publicUrl()), "public-url-check");
        t.setDaemon(true);
        t.start();
    }

    /** Asks {@code publicUrl} who it is; sets or clears the warning. */
    synchronized boolean check(String publicUrl) {
        String nonce = HexFormat.of().formatHex(randomBytes(16));
        String problem;
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .followRedirects(HttpClient.Redirect.NORMAL) // http → https at the proxy
                    .build();
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create(publicUrl + "/api/public/instance?nonce=" + nonce))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            problem = problem(answer, nonce);
        } catch (IOException | IllegalArgumentException e) {
            problem = "không kết nối được: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (problem == null) {
            warning = null;
            log.info("vanthu.public-url {} leads to this installation", publicUrl);
            return true;
        }
        warning = "Địa chỉ công khai vanthu.public-url = " + publicUrl + " không dẫn tới máy chủ Văn thư này ("
                + problem + "): các liên kết trong thư gửi đi sẽ không mở được. Hãy đặt VANTHU_PUBLIC_URL"
                + " (vanthu.public-url) là địa chỉ người nhận mở được (README, docs/operations.md) rồi khởi động lại.";
        log.warn(
                "vanthu.public-url {} does not lead to this installation ({}): links in emails will not work."
                        + " Set VANTHU_PUBLIC_URL to the address users and recipients reach.",
                publicUrl,
                problem);
        return false;
    }

    private String problem(HttpResponse<String> answer, String nonce) {
        if (answer.statusCode() != 200) {
            return "trả lời HTTP " + answer.statusCode();
        }
        try {
            JsonNode body = json.readTree(answer.body());
            if (!APPLICATION.equals(body.path("application").asText())) {
                return "không phải Văn thư";
            }
            byte[] proof = HexFormat.of().parseHex(body.path("proof").asText());
            return MessageDigest.isEqual(proof, HexFormat.of().parseHex(proof(nonce)))
                    ? null
                    : "một cài đặt Văn thư khác";
        } catch (IOException | IllegalArgumentException e) {
            return "không phải Văn thư";
        }
    }

    /** HMAC-SHA256 of the nonce under the installation's secret, hex. */
    String proof(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(("vanthu-instance:" + nonce).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            List<String> stored = stored();
            if (stored.isEmpty()) {
                try {
                    jdbc.update(
                            "insert into installation_secret (name, secret) values ('public-url-check', ?)",
                            HexFormat.of().formatHex(randomBytes(32)));
                } catch (DuplicateKeyException madeByAnotherNode) {
                    // the first node's is the one
                }
                stored = stored();
            }
            known = HexFormat.of().parseHex(stored.get(0));
            secret = known;
        }
        return known;
    }

    private List<String> stored() {
        return jdbc.queryForList(
                "select secret from installation_secret where name = 'public-url-check'", String.class);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}

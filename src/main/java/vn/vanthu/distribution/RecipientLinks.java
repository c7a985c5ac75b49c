package vn.vanthu.distribution;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.vanthu.config.InstallationProperties;
import vn.vanthu.document.IssuedFiles;

/**
 * The personal links in a recipient's email. A token is 256 random bits; only its SHA-256 is
 * stored, so a copy of the database does not let anyone answer for a recipient.
 */
@Component
class RecipientLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration validity;
    private final String publicUrl;

    RecipientLinks(
            JdbcTemplate jdbc, Clock clock, DistributionProperties distribution, InstallationProperties installation) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.validity = distribution.linkValidity();
        this.publicUrl = installation.publicUrl();
    }

    /** Who a valid token belongs to. */
    public record Holder(Long documentId, int position) {}

    /** A new token for this recipient; the caller puts it in links such as {@link #url}. */
    String create(Long documentId, int position) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        jdbc.update(
                "insert into recipient_token (token_hash, document_id, position, created_at, expires_at) values (?, ?, ?, ?, ?)",
                hash(token),
                documentId,
                position,
                Timestamp.from(now),
                Timestamp.from(now.plus(validity)));
        return token;
    }

    /** The recipient of an unexpired token; empty for a forged, unknown or expired one. */
    public Optional<Holder> resolve(String token) {
        if (token == null || token.length() < 40 || token.length() > 64 || !token.matches("[A-Za-z0-9_-]+")) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "select document_id, position from recipient_token where token_hash = ? and expires_at > ?",
                        (rs, i) -> new Holder(rs.getLong(1), rs.getInt(2)),
                        hash(token),
                        Timestamp.from(clock.instant()))
                .stream()
                .findFirst();
    }

    /** The public notice page of a published document. */
    String notice(long documentId) {
        return publicUrl + "/thong-bao/" + documentId;
    }

    String url(String token, String action) {
        return publicUrl + "/r/" + token + "/" + action;
    }

    private static String hash(String token) {
        return IssuedFiles.sha256(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}

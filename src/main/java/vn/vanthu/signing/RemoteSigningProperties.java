package vn.vanthu.signing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A remote signing service ({@code vanthu.signing.remote.*}, docs/remote-signing.md): the leaders
 * listed here sign by approving on their phone; the server sends the digest and waits.
 *
 * @param signers        leader user ids who sign through the service (their certificate is
 *                       {@code {signer-keys}/{userId}.cer}; no key file on the server)
 * @param url            the service's base URL ({@code POST {url}/sign-requests} …)
 * @param timeout        how long the leader has to approve; then the sign task returns to the leader
 * @param pollEvery      how often the waiting process asks the service for the answer
 * @param retryIntervals when the service cannot be reached, the waits before each retry of a poll;
 *                       after the last one the sign task returns to the leader with a message
 * @param connectTimeout HTTP connect timeout
 * @param readTimeout    HTTP read timeout: a poll must end well inside the job lock time
 */
@ConfigurationProperties("vanthu.signing.remote")
public record RemoteSigningProperties(
        List<String> signers,
        URI url,
        Duration timeout,
        Duration pollEvery,
        List<Duration> retryIntervals,
        Duration connectTimeout,
        Duration readTimeout) {

    public RemoteSigningProperties {
        signers = signers == null
                ? List.of()
                : signers.stream()
                        .filter(s -> s != null && !s.isBlank())
                        .map(String::strip)
                        .toList();
        timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        pollEvery = pollEvery == null ? Duration.ofSeconds(5) : pollEvery;
        retryIntervals = retryIntervals == null || retryIntervals.isEmpty()
                ? List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1))
                : List.copyOf(retryIntervals);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        readTimeout = readTimeout == null ? Duration.ofSeconds(10) : readTimeout;
        if (!signers.isEmpty() && url == null) {
            throw new IllegalStateException("vanthu.signing.remote.url: the remote signing service's base URL");
        }
    }

    /** Whether this leader signs through the remote service. */
    public boolean isRemote(String userId) {
        return userId != null && signers.stream().anyMatch(s -> s.equalsIgnoreCase(userId));
    }

    /** The first poll plus one per retry interval. */
    public int maxAttempts() {
        return retryIntervals.size() + 1;
    }

    /** Camunda's failedJobRetryTimeCycle: one retry per interval. */
    public String retryCycle() {
        return String.join(",", retryIntervals.stream().map(Duration::toString).toList());
    }
}

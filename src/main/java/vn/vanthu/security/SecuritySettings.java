package vn.vanthu.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.security.*}: login throttling, who reads drafts. Defaults are in application.yaml.
 *
 * @param login            how failed sign-ins are slowed down and when an account is locked for a while
 * @param clerksReadDrafts whether the clerks read every draft (true), or only issued documents and
 *                         those whose issuing failed (false); drafters, reviewers and the chosen
 *                         signer always read theirs
 * @param auditRetention   how long the security trail ({@code security_event}) keeps an event: at
 *                         least a year, the trail being what an inquiry into an incident reads; zero
 *                         keeps every event for ever
 */
@ConfigurationProperties("vanthu.security")
public record SecuritySettings(
        Login login,
        @DefaultValue("true") boolean clerksReadDrafts,
        @DefaultValue("P2Y") java.time.Period auditRetention) {

    public SecuritySettings {
        if (auditRetention == null) {
            auditRetention = java.time.Period.ofYears(2);
        }
        if (auditRetention.isNegative() || (!auditRetention.isZero() && auditRetention.toTotalMonths() < 12)) {
            throw new IllegalArgumentException(
                    "vanthu.security.audit-retention: P0D (for ever) or at least a year, e.g. P2Y; got "
                            + auditRetention);
        }
    }

    /**
     * @param pairMaxFailures  failures of one account from one address (within {@code window}) before that
     *                         pair is refused for a while
     * @param firstDelay       the first refusal of a pair; each further failure doubles it, up to {@code maxDelay}
     * @param maxDelay         the longest a pair or an account is ever refused: a leader is never locked out for longer
     * @param accountMaxFailures failures of one account (within {@code window}) that, coming from at least
     *                         {@code accountMinAddresses} addresses, put it under attack for {@code maxDelay}:
     *                         every address that failed for it is refused (never one without failures, the
     *                         owner's) and its owner is emailed
     * @param accountMinAddresses distinct addresses those failures must come from
     * @param window           the sliding window failures are counted in
     * @param maxTracked       at most this many accounts and pairs are kept in memory
     * @param trustedProxies   addresses of reverse proxies whose X-Forwarded-For names the client
     */
    public record Login(
            int pairMaxFailures,
            Duration firstDelay,
            Duration maxDelay,
            int accountMaxFailures,
            int accountMinAddresses,
            Duration window,
            int maxTracked,
            List<String> trustedProxies) {
        public Login {
            if (pairMaxFailures < 1 || accountMaxFailures < 1 || accountMinAddresses < 1 || maxTracked < 100) {
                throw new IllegalArgumentException(
                        "vanthu.security.login: failures and addresses >= 1 and max-tracked >= 100");
            }
            if (firstDelay.isNegative() || maxDelay.isNegative() || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("vanthu.security.login: durations must be positive");
            }
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }
}

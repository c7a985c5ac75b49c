package vn.vanthu.signing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.verification.*}: what the public signature check ({@link VerificationGate}) lets one
 * anonymous caller cost the server. An issued document is far below every limit: a 43-page
 * conclusion has 277 objects and 2 signatures, and its check takes 0.1–0.3 s once DSS is warm.
 *
 * @param maxConcurrent       checks running at once, abandoned ones included; further callers get 503
 * @param slotWait            how long a caller waits for a free slot before that 503
 * @param perAddressPerMinute checks one client address may ask for within any 60 seconds; then 429
 * @param timeBudget          how long one check may take before the caller gets 422
 * @param maxPages            a file with more pages is refused (400) before DSS reads it
 * @param maxObjects          a file with more cross-reference entries (objects) is refused (400)
 * @param maxSignatures       a file with more signature fields is refused (400)
 */
@ConfigurationProperties("vanthu.verification")
record VerificationLimits(
        @DefaultValue("2") int maxConcurrent,
        @DefaultValue("PT2S") Duration slotWait,
        @DefaultValue("10") int perAddressPerMinute,
        @DefaultValue("PT20S") Duration timeBudget,
        @DefaultValue("200") int maxPages,
        @DefaultValue("200000") int maxObjects,
        @DefaultValue("20") int maxSignatures) {

    public VerificationLimits {
        if (maxConcurrent < 1 || perAddressPerMinute < 1 || maxPages < 1 || maxObjects < 1 || maxSignatures < 1) {
            throw new IllegalArgumentException("vanthu.verification: every limit must be at least 1");
        }
        if (slotWait == null || slotWait.isNegative()) {
            throw new IllegalArgumentException("vanthu.verification.slot-wait: zero or more, e.g. PT2S");
        }
        if (timeBudget == null || timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("vanthu.verification.time-budget: positive, e.g. PT20S");
        }
    }

    /** The defaults, as application.yaml sets them (tests). */
    static VerificationLimits defaults() {
        return new VerificationLimits(2, Duration.ofSeconds(2), 10, Duration.ofSeconds(20), 200, 200_000, 20);
    }
}

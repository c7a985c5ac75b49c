package vn.vanthu.distribution;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.distribution.*}.
 *
 * @param retryIntervals the waits between one email's attempts: one retry per interval
 * @param linkValidity   how long a recipient's personal links (receipt, answers) work
 */
@ConfigurationProperties("vanthu.distribution")
record DistributionProperties(
        @DefaultValue({"PT1M", "PT5M", "PT15M", "PT1H", "PT3H", "PT6H", "PT12H"})
        List<Duration> retryIntervals,

        @DefaultValue("P180D") Duration linkValidity) {

    public DistributionProperties {
        if (retryIntervals.isEmpty() || retryIntervals.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("vanthu.distribution.retry-intervals: at least one positive duration");
        }
        if (linkValidity.isNegative() || linkValidity.isZero()) {
            throw new IllegalArgumentException("vanthu.distribution.link-validity must be positive");
        }
        retryIntervals = List.copyOf(retryIntervals);
    }
}

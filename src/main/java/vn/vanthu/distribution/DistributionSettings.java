package vn.vanthu.distribution;

import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** Retry intervals for one email; the BPMN reads ${distributionSettings.retryCycle}. */
@Component("distributionSettings")
public class DistributionSettings {

    private final List<Duration> retryIntervals;

    DistributionSettings(DistributionProperties properties) {
        this.retryIntervals = properties.retryIntervals();
    }

    /** Camunda's failedJobRetryTimeCycle as a list of intervals: one retry per interval. */
    public String getRetryCycle() {
        return String.join(",", retryIntervals.stream().map(Duration::toString).toList());
    }

    /** The first try plus one per interval. */
    public int maxAttempts() {
        return retryIntervals.size() + 1;
    }
}

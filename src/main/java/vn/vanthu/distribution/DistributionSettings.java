package vn.vanthu.distribution;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Retry intervals for one email; the BPMN reads ${distributionSettings.retryCycle}. */
@Component("distributionSettings")
public class DistributionSettings {

    private final List<Duration> retryIntervals;

    DistributionSettings(@Value("${vanthu.distribution.retry-intervals:PT1M,PT5M,PT15M,PT1H,PT3H,PT6H,PT12H}") String intervals) {
        this.retryIntervals = Arrays.stream(intervals.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(Duration::parse).toList();
        if (retryIntervals.isEmpty()) {
            throw new IllegalArgumentException("vanthu.distribution.retry-intervals needs at least one duration");
        }
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

package vn.vanthu.monitoring.spi;

import java.util.Map;

/** The emails by state, for the gauges; the distribution module, which keeps them, implements it. */
public interface EmailCounts {

    /** How many emails stand in each delivery state (PENDING, SENT, FAILED, CANCELLED). */
    Map<String, Long> byState();
}

package vn.vanthu.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import vn.vanthu.document.DocumentStatus;

/** Every document status has its gauge, so that an alert on any of them (ISSUE_FAILED above all) has a series. No Spring. */
class OfficeMetersTest {

    @Test
    void everyDocumentStatusHasItsGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new OfficeMeters(
                registry,
                null,
                new MonitoringSettings(Duration.ofSeconds(10), Duration.ofSeconds(2)),
                null,
                null,
                null);
        for (DocumentStatus status : DocumentStatus.values()) {
            assertThat(registry.find("vanthu.documents")
                            .tag("status", status.name())
                            .gauge())
                    .as(status.name())
                    .isNotNull();
        }
        assertThat(registry.find("vanthu.documents").gauges()).hasSize(DocumentStatus.values().length);
    }
}

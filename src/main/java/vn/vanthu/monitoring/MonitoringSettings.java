package vn.vanthu.monitoring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health and metrics settings (docs/monitoring.md).
 *
 * @param gaugeRefresh how long the database-wide gauges (documents by status, emails by state,
 *                     incidents, job backlog) are reused between scrapes: a scrape never costs more
 *                     than one round of counting per period
 * @param smtpTimeout  how long the SMTP check waits to connect and for the server's greeting
 */
@ConfigurationProperties("vanthu.monitoring")
record MonitoringSettings(
        @DefaultValue("PT10S") Duration gaugeRefresh,
        @DefaultValue("PT2S") Duration smtpTimeout) {}

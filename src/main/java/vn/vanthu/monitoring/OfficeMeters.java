package vn.vanthu.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;
import vn.vanthu.document.DocumentHeadings;
import vn.vanthu.document.DocumentStatus;
import vn.vanthu.monitoring.spi.EmailCounts;
import vn.vanthu.monitoring.spi.SignatureTimes;

/**
 * Văn thư's own metrics (docs/monitoring.md), beside the JVM's, the pools' and the web server's.
 * <p>
 * Counters count what this node did ({@code vanthu_documents_issued_total},
 * {@code vanthu_emails_sent_total}, …): summed over the nodes they are the installation's. Gauges
 * count what the shared database holds ({@code vanthu_documents{status}}, {@code vanthu_emails{state}},
 * {@code vanthu_incidents_open}, {@code vanthu_jobs_backlog}): every node reports the same value, so
 * take one node's or the max, never the sum. They are counted at most once per
 * {@link MonitoringSettings#gaugeRefresh()}, whoever scrapes.
 */
@Component
public class OfficeMeters {

    /**
     * The states the gauges always report, 0 included, so that a graph or an alert has a series:
     * every document status (ISSUE_FAILED too, the one most worth an alert).
     */
    static final List<String> DOCUMENT_STATUSES =
            Arrays.stream(DocumentStatus.values()).map(Enum::name).toList();

    private static final List<String> DELIVERY_STATES = List.of("PENDING", "SENT", "FAILED", "CANCELLED");
    private static final List<String> KINDS = List.of("ISSUE", "REMINDER", "RECALL");

    private final MeterRegistry registry;
    private final DocumentHeadings documents;
    private final EmailCounts emails;
    private final SignatureTimes signatures;
    private final ProcessEngine engine;
    private final Duration refresh;
    private final Counter issued;
    private final Timer signToInbox;

    private volatile Snapshot snapshot = new Snapshot(System.nanoTime() - Long.MAX_VALUE / 2, Map.of(), Map.of(), 0, 0);

    private record Snapshot(
            long takenAt, Map<String, Long> documents, Map<String, Long> deliveries, long incidents, long jobs) {}

    public OfficeMeters(
            MeterRegistry registry,
            ProcessEngine engine,
            MonitoringSettings settings,
            DocumentHeadings documents,
            EmailCounts emails,
            SignatureTimes signatures) {
        this.registry = registry;
        this.documents = documents;
        this.emails = emails;
        this.signatures = signatures;
        this.engine = engine;
        this.refresh = settings.gaugeRefresh();
        this.issued = Counter.builder("vanthu.documents.issued")
                .description("Documents issued (numbered, sealed) by this node")
                .register(registry);
        this.signToInbox = Timer.builder("vanthu.sign.to.inbox")
                .description("From the leader's signature to the recipient's email accepted by the SMTP server")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(6))
                .register(registry);
        for (String status : DOCUMENT_STATUSES) {
            Gauge.builder("vanthu.documents", this, m -> m.current().documents().getOrDefault(status, 0L))
                    .description("Documents by status (whole installation)")
                    .tag("status", status)
                    .register(registry);
        }
        for (String state : DELIVERY_STATES) {
            Gauge.builder("vanthu.emails", this, m -> m.current().deliveries().getOrDefault(state, 0L))
                    .description("Emails by state (whole installation); PENDING includes those waiting for a retry")
                    .tag("state", state)
                    .register(registry);
        }
        Gauge.builder("vanthu.incidents.open", this, m -> m.current().incidents())
                .description("Open incidents of the process engine (a job out of retries, e.g. a refused issue)")
                .register(registry);
        Gauge.builder("vanthu.jobs.backlog", this, m -> m.current().jobs())
                .description("Jobs due now and not yet done (issuing, emails, reminders)")
                .register(registry);
        for (String kind : KINDS) {
            sent(kind);
            retrying(kind);
            failed(kind);
        }
    }

    /** A document was issued here (called after its transaction committed). */
    public void documentIssued() {
        issued.increment();
    }

    /**
     * An email was accepted by the SMTP server; for a document's own email (ISSUE), the time since
     * the leader signed goes into {@code vanthu_sign_to_inbox_seconds}.
     */
    public void emailSent(String kind, Long documentId, Instant at) {
        sent(kind).increment();
        if ("ISSUE".equals(kind)) {
            signatures
                    .lastSignedAt(documentId)
                    .filter(signed -> !at.isBefore(signed))
                    .ifPresent(signed -> signToInbox.record(Duration.between(signed, at)));
        }
    }

    /** A send failed for a while: the engine retries the job. */
    public void emailRetrying(String kind) {
        retrying(kind).increment();
    }

    /** A send failed for good (refused, or out of retries): a clerk's list "gửi lỗi" shows it. */
    public void emailFailed(String kind) {
        failed(kind).increment();
    }

    private Counter sent(String kind) {
        return Counter.builder("vanthu.emails.sent")
                .description("Emails accepted by the SMTP server, sent by this node")
                .tag("kind", kind)
                .register(registry);
    }

    private Counter retrying(String kind) {
        return Counter.builder("vanthu.emails.retrying")
                .description("Sends that failed and will be retried, by this node")
                .tag("kind", kind)
                .register(registry);
    }

    private Counter failed(String kind) {
        return Counter.builder("vanthu.emails.failed")
                .description("Emails given up (refused, or out of retries), by this node")
                .tag("kind", kind)
                .register(registry);
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        if (System.nanoTime() - last.takenAt() < refresh.toNanos()) {
            return last;
        }
        synchronized (this) {
            if (snapshot != last) {
                return snapshot;
            }
            snapshot = take();
            return snapshot;
        }
    }

    private Snapshot take() {
        Map<String, Long> documents = this.documents.countByStatus();
        Map<String, Long> deliveries = emails.byState();
        long incidents = engine.getRuntimeService().createIncidentQuery().count();
        long jobs = engine.getManagementService().createJobQuery().executable().count();
        return new Snapshot(System.nanoTime(), documents, deliveries, incidents, jobs);
    }
}

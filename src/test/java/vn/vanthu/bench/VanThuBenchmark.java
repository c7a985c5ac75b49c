package vn.vanthu.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.vanthu.VanThuApplication;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Groups;
import vn.vanthu.numbering.NumberAllocator;
import vn.vanthu.numbering.OutgoingRegister;
import vn.vanthu.rendering.DocumentRenderer;
import vn.vanthu.rendering.DocumentSheet;
import vn.vanthu.rendering.RenderedPdf;
import vn.vanthu.signing.DocumentSigner;
import vn.vanthu.signing.SignatureImages;
import vn.vanthu.signing.SigningIdentity;
import vn.vanthu.signing.SigningKeys;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.workflow.DocumentIssuanceProcess;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.WorkItems;

/**
 * Văn thư's benchmark suite (docs/benchmarks.md). Runs only with {@code -Pbench}; prints one
 * {@code BENCH <name> <value> <unit>} line per figure, each beside a baseline measured in this
 * same run. {@code -Dbench.quick=true} makes every phase smaller.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VanThuBenchmark {

    static final boolean QUICK = Boolean.getBoolean("bench.quick");
    /** -Dbench.startup-only=true: only the start-up figures in their own JVMs (StartupRuns), nothing else */
    static final boolean STARTUP_ONLY = Boolean.getBoolean("bench.startup-only");
    // -Dbench.skip-startup=true (in -Dbench.jvmArgs): no StartupRuns, for a run of one phase

    static final int CLIENTS = 4;
    static final int LIFECYCLE_DOCS = Integer.getInteger("bench.lifecycle.docs", QUICK ? 100 : 400);
    static final int LIFECYCLE_WARMUP = Integer.getInteger("bench.lifecycle.warmup", QUICK ? 120 : 200);
    static final int LIFECYCLE_RECIPIENTS = 5;
    static final int INBOX_SAMPLES = QUICK ? 12 : 30;
    static final int INBOX_RECIPIENTS = 20;
    static final int FANOUT_RECIPIENTS = QUICK ? 300 : 2000;
    static final int SEED_DOCUMENTS = QUICK ? 20_000 : 100_000;
    static final int SEED_TASKS = 1_000;
    static final int QUERY_RUNS = QUICK ? 100 : 300;
    static final int NUMBERING_THREADS = 16;
    static final int NUMBERING_PER_THREAD = QUICK ? 60 : 200;

    ConfigurableApplicationContext app;
    Path dataDir;
    int port;
    JdbcTemplate jdbc;
    GreenMail mailServer;
    final String domain = "b" + UUID.randomUUID().toString().substring(0, 6) + ".example.vn";

    static void bench(String name, Object value, String unit) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
        System.out.println("BENCH " + name + " " + text + " " + unit);
        System.out.flush();
    }

    @BeforeAll
    void start() throws Exception {
        bench("mode", QUICK ? "quick" : "full", "-");
        dataDir = Files.createTempDirectory("vanthu-bench-");
        // command-line arguments: they win over application.yaml (SpringApplicationBuilder.properties would not)
        List<String> args = new ArrayList<>(List.of(
                "--vanthu.data-dir=" + dataDir,
                "--server.port=0",
                "--vanthu.mail.embedded.smtp-port=0",
                "--vanthu.mail.embedded.imap-port=0",
                "--logging.level.vn.vanthu=WARN",
                "--spring.main.banner-mode=off"));
        if (Boolean.getBoolean("bench.postgres")) {
            // for comparison only (-Dbench.jvmArgs=-Dbench.postgres=true): the production database,
            // a throwaway server on the same 2 cores; the figures of record are on the embedded H2
            vn.vanthu.support.LocalPostgres postgres = vn.vanthu.support.LocalPostgres.shared()
                    .orElseThrow(() -> new IllegalStateException("bench.postgres: PostgreSQL is not installed"));
            args.add("--spring.datasource.url="
                    + postgres.createDatabase(
                            "bench_" + UUID.randomUUID().toString().substring(0, 8)));
            args.add("--spring.datasource.username=vanthu");
            args.add("--spring.datasource.password=");
            bench("database", "PostgreSQL-" + postgres.version(), "-");
        }
        long beforeWaits = System.nanoTime();
        if (!Boolean.getBoolean("bench.skip-startup")) {
            StartupRuns.run();
        }
        if (STARTUP_ONLY) {
            return;
        }
        // the start-up is timed on a quiet machine, not while Maven's JVM is still busy after its compile
        QuietMachine.Found quiet = QuietMachine.await(0.3, java.time.Duration.ofSeconds(60));
        bench("startup.quiet-wait-ms", quiet.waitedMs(), "ms (waited for the other processes to calm down)");
        bench("startup.busy-cores-before", quiet.busyCores(), "cores busy in the second before the start");
        long t0 = System.nanoTime();
        app = new SpringApplicationBuilder(VanThuApplication.class).run(args.toArray(String[]::new));
        long contextMs = (System.nanoTime() - t0) / 1_000_000;
        long sinceJvm = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime()
                - (t0 - beforeWaits) / 1_000_000;
        bench(
                "startup.ms",
                contextMs,
                "ms (Spring context start: Flyway, Camunda engine + deployment, Tomcat, demo users)");
        if (!app.getEnvironment().getProperty("vanthu.data-dir").equals(dataDir.toString())) {
            throw new IllegalStateException("the benchmark must run on its own data folder");
        }
        bench(
                "startup.since-jvm-start-ms",
                sinceJvm,
                "ms (JVM start to context ready: Surefire's boot included, the waits and app runs before it not)");
        port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        jdbc = app.getBean(JdbcTemplate.class);
        mailServer = app.getBean(GreenMail.class);
    }

    @BeforeEach
    void phases() {
        Assumptions.assumeFalse(STARTUP_ONLY, "bench.startup-only");
    }

    /** The REST API as a benchmark client calls it; a non-2xx answer fails the run. */
    JsonNode post(String user, String path, Object body) {
        return Api.at(port, user, "demo").post(path, body).ok();
    }

    JsonNode get(String user, String path) {
        return Api.at(port, user, "demo").get(path).ok();
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        // the database of a run (hundreds of MB after the lifecycle) is of no use afterwards
        if (dataDir != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(dataDir.toFile());
        }
    }

    // ---------------------------------------------------------------- numbering

    @Test
    @Order(1)
    void numbering() throws Exception {
        NumberAllocator allocator = app.getBean(NumberAllocator.class);
        TransactionTemplate transaction = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        LocalDate day = LocalDate.of(2199, 6, 1); // a year nothing else issues in
        transaction.executeWithoutResult(s -> allocator.allocate("GM", day)); // creates the counter row
        List<Integer> taken = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(NUMBERING_THREADS);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int t = 0; t < NUMBERING_THREADS; t++) {
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int i = 0; i < NUMBERING_PER_THREAD; i++) {
                    taken.add(transaction.execute(
                            s -> allocator.allocate("GM", day).seq()));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(10, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        int duplicates = taken.size() - new HashSet<>(taken).size();
        int max = taken.stream().mapToInt(Integer::intValue).max().orElse(0);
        bench(
                "numbering.allocations-per-s",
                taken.size() / seconds,
                "allocations/s (16 threads, one transaction each)");
        bench("numbering.duplicates", duplicates, "numbers");
        bench("numbering.gaps", (max - 1) - new HashSet<>(taken).size(), "numbers");
        assertEquals(0, duplicates, "duplicate numbers");
    }

    // ---------------------------------------------------------------- lifecycle

    /** create → submit → approve, over the REST API; returns the document id with its sign task open. */
    long draftToSignTask(String title, int recipients) {
        long id = post("chuyenvien", "/api/documents", Drafts.invitation(title, domain, recipients))
                .get("id")
                .asLong();
        post("chuyenvien", "/api/documents/" + id + "/submit", Map.of());
        post(
                "chanhvanphong",
                "/api/tasks/" + openTask(id, DocumentIssuanceProcess.Kind.REVIEW) + "/complete",
                Map.of("decision", Decision.APPROVE.wire()));
        return id;
    }

    String openTask(long id, DocumentIssuanceProcess.Kind task) {
        WorkItems workItems = app.getBean(WorkItems.class);
        return workItems
                .openTask(id, task)
                .orElseThrow(() -> new IllegalStateException("no " + task.wire() + " task for " + id));
    }

    /** The sign call (it returns once the document is ISSUED, or after vanthu.api.sign-wait). */
    JsonNode sign(long id) {
        return post(
                "bithu",
                "/api/tasks/" + openTask(id, DocumentIssuanceProcess.Kind.SIGN) + "/complete",
                Map.of("decision", Decision.SIGN.wire(), "pin", Flow.DEMO_PIN));
    }

    record Sent(int count, Instant first, Instant last) {}

    Sent sent(long id) {
        return jdbc.queryForObject(
                """
                select count(*), min(sent_at), max(sent_at) from delivery
                where document_id = ? and kind = 'ISSUE' and state = 'SENT'""",
                (rs, i) -> new Sent(
                        rs.getInt(1),
                        rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()),
                id);
    }

    /** Waits until every recipient's email has been accepted by the SMTP server (delivery SENT). */
    Sent awaitSent(long id, int recipients, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (true) {
            Sent sent = sent(id);
            if (sent.count() >= recipients) {
                return sent;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "document " + id + ": only " + sent.count() + " of " + recipients + " emails sent");
            }
            Thread.sleep(recipients > 100 ? 50 : 5);
        }
    }

    void awaitIssued(long id, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!"ISSUED".equals(jdbc.queryForObject("select status from document where id = ?", String.class, id))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("document " + id + " not issued");
            }
            Thread.sleep(20);
        }
    }

    /** Where a lifecycle client's time goes: create+submit+approve, sign (the call waits for ISSUED). */
    final Map<String, java.util.concurrent.atomic.AtomicLong> steps = new java.util.concurrent.ConcurrentHashMap<>();
    /** document id → when its client started creating it (epoch ms), for create → last email latency. */
    final Map<Long, Long> started = new java.util.concurrent.ConcurrentHashMap<>();

    void step(String name, long since) {
        steps.computeIfAbsent(name, k -> new java.util.concurrent.atomic.AtomicLong())
                .addAndGet(System.nanoTime() - since);
    }

    /**
     * One user's part of a document: draft, submit, approve, sign. The client then goes on with
     * its next document, as the people do; the emails go out in the background and the run's
     * clock stops when the last email of the last document has been accepted (see lifecycleRun).
     */
    void oneLifecycle(int n) throws InterruptedException {
        long startedAt = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long id = draftToSignTask("Hội nghị sơ kết số " + n, LIFECYCLE_RECIPIENTS);
        step("draft-submit-approve", t0);
        long t1 = System.nanoTime();
        JsonNode signed = sign(id);
        if (!"ISSUED".equals(signed.get("status").asText())) {
            awaitIssued(id, 60_000);
        }
        step("sign-to-issued", t1);
        started.put(id, startedAt);
    }

    /**
     * Documents per second from the first client's first call to the moment the last of all the
     * documents' emails was accepted by the SMTP server (delivery.sent_at); also the latency of
     * each document from its create call to its last email.
     */
    double lifecycleRun(int documents, List<Long> latencies) throws Exception {
        started.clear();
        long t0 = System.currentTimeMillis();
        runClients(documents, this::oneLifecycle);
        long minId = Collections.min(started.keySet());
        long deadline = System.currentTimeMillis() + 10 * 60_000;
        Map<Long, Timestamp> lastSent = new HashMap<>();
        while (true) {
            lastSent.clear();
            jdbc.query(
                    """
                    select document_id, max(sent_at) from delivery where document_id >= ? and kind = 'ISSUE'
                    and state = 'SENT' group by document_id having count(*) >= ?""",
                    rs -> {
                        lastSent.put(rs.getLong(1), rs.getTimestamp(2));
                    },
                    minId,
                    LIFECYCLE_RECIPIENTS);
            if (lastSent.keySet().containsAll(started.keySet())) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "only " + lastSent.size() + " of " + documents + " documents fully emailed");
            }
            Thread.sleep(20);
        }
        long end = started.keySet().stream()
                .mapToLong(id -> lastSent.get(id).getTime())
                .max()
                .orElseThrow();
        started.forEach((id, at) -> latencies.add(lastSent.get(id).getTime() - at));
        Collections.sort(latencies);
        return documents / ((end - t0) / 1000.0);
    }

    static double runClients(int documents, Task task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int n = next.getAndIncrement(); n < documents; n = next.getAndIncrement()) {
                    task.run(n);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        return documents / seconds;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    interface Task {
        void run(int n) throws Exception;
    }

    @Test
    @Order(2)
    void lifecycle() throws Exception {
        lifecycleRun(LIFECYCLE_WARMUP, new ArrayList<>());
        steps.clear();
        long cpu0 = processCpuNanos();
        Map<String, Long> threads0 = ThreadCpu.snapshot();
        Map<String, Long> h2Before = h2Store();
        List<Long> latencies = new ArrayList<>();
        double app = lifecycleRun(LIFECYCLE_DOCS, latencies);
        long cpuNanos = processCpuNanos() - cpu0;
        Map<String, Long> h2After = h2Store();
        bench(
                "lifecycle.documents",
                LIFECYCLE_DOCS,
                "documents (4 clients, 5 recipients each, after " + LIFECYCLE_WARMUP + " warm-up)");
        bench(
                "lifecycle.docs-per-s",
                app,
                "documents/s (first create → last of all documents' emails accepted, REST API)");
        bench(
                "lifecycle.latency.p50-ms",
                percentile(latencies, 50),
                "ms (one document: create call → its 5th email accepted)");
        bench("lifecycle.latency.p95-ms", percentile(latencies, 95), "ms");
        steps.forEach((name, nanos) -> bench(
                "lifecycle.step." + name + "-ms",
                nanos.get() / 1e6 / LIFECYCLE_DOCS,
                "ms per document, as one client waits for it"));
        bench(
                "lifecycle.cpu-ms-per-doc",
                cpuNanos / 1e6 / LIFECYCLE_DOCS,
                "ms of CPU per document (whole JVM: app, engine, mail server and the benchmark's clients)");
        ThreadCpu.print("lifecycle.cpu-ms-per-doc.", threads0, cpuNanos, LIFECYCLE_DOCS);
        if (!h2After.isEmpty()) {
            // what the durable commits wrote: a commit stores its changed pages as one chunk, shared by commits that
            // meet
            bench(
                    "lifecycle.h2-kb-written-per-doc",
                    (h2After.get("info.FILE_WRITE_BYTES") - h2Before.get("info.FILE_WRITE_BYTES"))
                            / 1024.0
                            / LIFECYCLE_DOCS,
                    "KiB per document (H2's file writes in the timed window)");
            bench(
                    "lifecycle.h2-writes-per-doc",
                    (h2After.get("info.FILE_WRITE") - h2Before.get("info.FILE_WRITE")) / (double) LIFECYCLE_DOCS,
                    "file writes per document (one per chunk stored; commits that meet share one)");
            bench("lifecycle.h2-chunks", h2After.get("info.CHUNK_COUNT"), "chunks in the file after the run");
            bench("lifecycle.h2-file-mb", h2After.get("info.FILE_SIZE") / 1048576.0, "MiB");
        }
        String historyLevel = this.app.getEnvironment().getRequiredProperty("camunda.bpm.history-level");
        BareRun bare;
        try (BareEngine engine = new BareEngine(historyLevel)) {
            bare = bareRun(engine, "lifecycle.bare-engine-cpu-ms-per-doc.");
        }
        bench(
                "lifecycle.bare-engine-cpu-ms-per-doc",
                bare.cpuMsPerDoc(),
                "ms of CPU per document (whole JVM; the app is idle meanwhile)");
        bench(
                "lifecycle.bare-engine-docs-per-s",
                bare.docsPerSecond(),
                "documents/s (bare Camunda, same process shape, no-op service tasks)");
        bench("lifecycle.vs-bare-engine", app / bare.docsPerSecond(), "x");
        bench(
                "lifecycle.cpu-vs-bare-engine",
                cpuNanos / 1e6 / LIFECYCLE_DOCS / bare.cpuMsPerDoc(),
                "x (the app's CPU per document / the bare engine's; the issue's bound is 3.5)");
        // The same baseline on an H2 file with the app's WRITE_DELAY=0 (every commit written before it
        // returns): how much of the gap is durability, which the in-memory baseline does not pay. Extra
        // information only; the figures above stay the baseline of record.
        Path bareData = Files.createTempDirectory("vanthu-bench-bare-file-");
        BareRun durable;
        try (BareEngine engine = new BareEngine(
                historyLevel, "jdbc:h2:file:" + bareData.resolve("bare") + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=256")) {
            durable = bareRun(engine, "lifecycle.bare-engine-file-cpu-ms-per-doc.");
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(bareData);
        }
        double appCpuMsPerDoc = cpuNanos / 1e6 / LIFECYCLE_DOCS;
        otherBaseline(
                "bare-engine-file",
                durable,
                appCpuMsPerDoc,
                "the bare engine on an H2 file, WRITE_DELAY=0 as the app's");
        // And in a JVM of its own: above, the bare engine finds the engine's, MyBatis's and H2's code
        // already compiled by the app's run. Extra information only, as the file variant.
        BareRun alone = BareEngineAlone.inOwnJvm(historyLevel);
        otherBaseline(
                "bare-engine-own-jvm",
                alone,
                appCpuMsPerDoc,
                "the bare engine in a fresh JVM: same options, warm-up and documents");
        mailServer.purgeEmailFromAllMailboxes();
    }

    record BareRun(double docsPerSecond, double cpuMsPerDoc) {}

    /** A baseline beside the one of record: its CPU and rate per document, and the app's CPU against it. */
    static void otherBaseline(String name, BareRun run, double appCpuMsPerDoc, String what) {
        bench("lifecycle." + name + "-cpu-ms-per-doc", run.cpuMsPerDoc(), "ms of CPU per document (" + what + ")");
        bench("lifecycle." + name + "-docs-per-s", run.docsPerSecond(), "documents/s (the same)");
        bench(
                "lifecycle.cpu-vs-" + name,
                appCpuMsPerDoc / run.cpuMsPerDoc(),
                "x (the app's CPU per document / this baseline's)");
    }

    /** H2's store counters (empty on PostgreSQL). */
    Map<String, Long> h2Store() {
        Map<String, Long> info = new HashMap<>();
        if (!"H2".equals(jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()))) {
            return info;
        }
        jdbc.query(
                "select setting_name, setting_value from information_schema.settings where setting_name like 'info.%'",
                rs -> {
                    try {
                        info.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                    } catch (NumberFormatException e) {
                        // not a counter
                    }
                });
        return info;
    }

    /** The bare engine driven as the app was: the same warm-up, then the timed documents and their CPU. */
    static BareRun bareRun(BareEngine engine, String threadsPrefix) throws Exception {
        engine.run(LIFECYCLE_WARMUP, LIFECYCLE_RECIPIENTS, (documents, task) -> runClients(documents, task::run));
        long cpu0 = processCpuNanos();
        Map<String, Long> threads0 = ThreadCpu.snapshot();
        double docsPerSecond =
                engine.run(LIFECYCLE_DOCS, LIFECYCLE_RECIPIENTS, (documents, task) -> runClients(documents, task::run));
        long cpuNanos = processCpuNanos() - cpu0;
        // by kind of thread, as for the app: the idle app's own threads are in the figure too
        ThreadCpu.print(threadsPrefix, threads0, cpuNanos, LIFECYCLE_DOCS);
        return new BareRun(docsPerSecond, cpuNanos / 1e6 / LIFECYCLE_DOCS);
    }

    // ---------------------------------------------------------------- sign to inbox

    @Test
    @Order(3)
    void signToInbox() throws Exception {
        List<Long> latencies = new ArrayList<>();
        List<Long> signCalls = new ArrayList<>();
        for (int i = 0; i < INBOX_SAMPLES + 2; i++) {
            long id = draftToSignTask("Giấy mời đo thời gian số " + i, INBOX_RECIPIENTS);
            long before = System.currentTimeMillis();
            JsonNode signed = sign(id);
            long returned = System.currentTimeMillis();
            if (!"ISSUED".equals(signed.get("status").asText())) {
                throw new IllegalStateException("sign call returned " + signed.get("status"));
            }
            Sent sent = awaitSent(id, INBOX_RECIPIENTS, 60_000);
            if (i >= 2) { // two warm-up documents
                latencies.add(Math.max(0, sent.last().toEpochMilli() - returned));
                signCalls.add(returned - before);
            }
        }
        Collections.sort(latencies);
        Collections.sort(signCalls);
        bench("sign-to-inbox.samples", latencies.size(), "documents (20 recipients each, one at a time)");
        bench(
                "sign-to-inbox.p50-ms",
                percentile(latencies, 50),
                "ms (sign call returned → last of 20 emails accepted)");
        bench("sign-to-inbox.p95-ms", percentile(latencies, 95), "ms");
        bench("sign-call.p50-ms", percentile(signCalls, 50), "ms (the sign call itself, which waits for ISSUED)");
        mailServer.purgeEmailFromAllMailboxes();
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    // ---------------------------------------------------------------- fan-out

    @Test
    @Order(4)
    void fanOut() throws Exception {
        mailServer.purgeEmailFromAllMailboxes();
        long id = draftToSignTask("Giấy mời hội nghị toàn Đảng bộ", FANOUT_RECIPIENTS);
        long before = System.currentTimeMillis();
        sign(id);
        awaitIssued(id, 120_000);
        long issuedSeen = System.currentTimeMillis();
        Sent sent = awaitSent(id, FANOUT_RECIPIENTS, 30 * 60_000);
        long start = Math.min(issuedSeen, sent.first().toEpochMilli());
        double appRate = FANOUT_RECIPIENTS / ((sent.last().toEpochMilli() - start) / 1000.0);
        bench("fanout.recipients", FANOUT_RECIPIENTS, "recipients (one invitation)");
        bench(
                "fanout.issue-ms",
                issuedSeen - before,
                "ms (sign call to ISSUED: render + sign the " + FANOUT_RECIPIENTS + "-recipient PDF)");
        bench("fanout.emails-per-s", appRate, "emails/s (ISSUED → last email accepted)");

        // the baseline: the same message bytes (PDF attached), plain Jakarta Mail, one thread
        // the invitation itself, not a staff notice of the steps before it (those are small, plain text)
        MimeMessage sample = java.util.Arrays.stream(mailServer.getReceivedMessages())
                .max(java.util.Comparator.comparingInt(VanThuBenchmark::size))
                .orElseThrow();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sample.writeTo(bytes);
        byte[] raw = bytes.toByteArray();
        bench("fanout.message-bytes", raw.length, "bytes (one email, PDF attached)");
        mailServer.purgeEmailFromAllMailboxes();
        // the app's job executor pauses during the baseline: re-runs of send jobs that ended in an
        // OptimisticLockingException (docs/benchmarks.md) would otherwise compete with it
        org.camunda.bpm.engine.impl.jobexecutor.JobExecutor jobExecutor =
                ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                                app.getBean(org.camunda.bpm.engine.ProcessEngine.class)
                                        .getProcessEngineConfiguration())
                        .getJobExecutor();
        jobExecutor.shutdown();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mailServer.getSmtp().getPort()));
        Session session = Session.getInstance(props);
        long t0 = System.nanoTime();
        for (int i = 0; i < FANOUT_RECIPIENTS; i++) {
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("raw" + i + "@raw." + domain));
            Transport.send(message); // a connection per message, as Spring's JavaMailSender does per send()
        }
        double rawRate = FANOUT_RECIPIENTS / ((System.nanoTime() - t0) / 1e9);
        mailServer.purgeEmailFromAllMailboxes();
        t0 = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < FANOUT_RECIPIENTS; i++) {
                MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress("raw1c" + i + "@raw." + domain));
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        double oneConnectionRate = FANOUT_RECIPIENTS / ((System.nanoTime() - t0) / 1e9);
        jobExecutor.start();
        mailServer.purgeEmailFromAllMailboxes();
        bench("fanout.raw-javamail-emails-per-s", rawRate, "emails/s (Transport.send per message, one thread)");
        bench(
                "fanout.raw-javamail-one-connection-emails-per-s",
                oneConnectionRate,
                "emails/s (one SMTP connection, one thread; for information)");
        bench("fanout.vs-raw-javamail", appRate / rawRate, "x");
    }

    // ---------------------------------------------------------------- where the time of one document goes

    @Test
    @Order(5)
    void profile() {
        DocumentRenderer renderer = app.getBean(DocumentRenderer.class);
        DocumentSigner signer = app.getBean(DocumentSigner.class);
        SigningKeys keys = app.getBean(SigningKeys.class);
        SignatureImages images = app.getBean(SignatureImages.class);
        SigningIdentity leader = keys.signer("bithu", SigningKeys.DEMO_PIN.toCharArray());
        ZonedDateTime start =
                ZonedDateTime.now(OrganisationProperties.VIETNAM).plusDays(14).withHour(8);
        DocumentSheet sheet = new DocumentSheet(
                "TỈNH ỦY BÌNH ĐỊNH",
                "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
                null,
                "GM/ĐUK",
                "Quy Nhơn, ngày 26 tháng 11 năm 2026",
                "GIẤY MỜI",
                "Hội nghị sơ kết",
                List.of(
                        "Đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm.",
                        "Triển khai nhiệm vụ trọng tâm 6 tháng cuối năm."),
                new DocumentSheet.Meeting(start, start.plusHours(3), "Hội trường", "Đồng chí Bí thư", null, null, null),
                List.of("Đồng chí Số 1", "Đồng chí Số 2", "Đồng chí Số 3", "Đồng chí Số 4", "Đồng chí Số 5"),
                "T/M BAN THƯỜNG VỤ",
                "BÍ THƯ",
                "Nguyễn Văn An");
        int runs = 20;
        long render = 0;
        long sign = 0;
        for (int i = 0; i < runs + 5; i++) {
            long t0 = System.nanoTime();
            RenderedPdf rendered = renderer.render(sheet);
            long t1 = System.nanoTime();
            Instant now = Instant.now();
            // the leader's signature over the blank number and date, the office's fill-in, the seal
            byte[] image = images.signer("bithu", leader.displayName());
            byte[] once = signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), now);
            signer.seal(
                    once,
                    "Số 117-GM/ĐUK",
                    "Quy Nhơn, ngày 26 tháng 11 năm 2026",
                    keys.organisation(),
                    images.seal(keys.organisationName()),
                    rendered.signerArea(),
                    DocumentSigner.leaderImageArea(rendered.signerArea(), image),
                    keys.organisationName(),
                    now);
            long t2 = System.nanoTime();
            if (i >= 5) {
                render += t1 - t0;
                sign += t2 - t1;
            }
        }
        bench("profile.render-ms", render / 1e6 / runs, "ms per document (one thread)");
        bench("profile.sign-two-signatures-ms", sign / 1e6 / runs, "ms per document (leader + seal, one thread)");
    }

    // ---------------------------------------------------------------- queries at 100,000 documents

    @Test
    @Order(6)
    void queries() throws Exception {
        long t0 = System.nanoTime();
        seed(SEED_DOCUMENTS, SEED_TASKS);
        bench(
                "seed.documents",
                SEED_DOCUMENTS,
                "issued documents (+ " + SEED_TASKS + " open tasks on " + SEED_TASKS + " more)");
        bench("seed.ms", (System.nanoTime() - t0) / 1_000_000, "ms (JDBC batches)");
        jdbc.execute("analyze");

        WorkItems workItems = app.getBean(WorkItems.class);
        OutgoingRegister register = app.getBean(OutgoingRegister.class);
        int year = 2025;
        int taskRows = workItems.openFor("bithu", Set.of(Groups.SIGNERS)).size();
        int registerRows = register.byYear("GM", year).size();
        List<Long> tasks = time(QUERY_RUNS, () -> workItems.openFor("bithu", Set.of(Groups.SIGNERS)));
        List<Long> reviewer = time(QUERY_RUNS, () -> workItems.openFor("chanhvanphong", Set.of(Groups.REVIEWERS)));
        List<Long> registerTimes = time(QUERY_RUNS, () -> register.byYear("GM", year));
        List<Long> tasksHttp = time(QUERY_RUNS / 2, () -> get("bithu", "/api/tasks"));
        List<Long> registerHttp = time(QUERY_RUNS / 2, () -> get("vanthu", "/api/register?type=GM&year=" + year));
        bench("tasks.query.rows", taskRows, "tasks (bithu's open tasks)");
        bench("tasks.query.p95-ms", micros(percentile(tasks, 95)), "ms (WorkItems.openFor, signer)");
        bench(
                "tasks.query.reviewer-p95-ms",
                micros(percentile(reviewer, 95)),
                "ms (WorkItems.openFor, reviewers' group)");
        bench("tasks.http.p95-ms", micros(percentile(tasksHttp, 95)), "ms (GET /api/tasks as bithu)");
        bench("register.query.rows", registerRows, "entries (GM, " + year + ")");
        bench("register.query.p95-ms", micros(percentile(registerTimes, 95)), "ms (OutgoingRegister.byYear)");
        bench(
                "register.http.p95-ms",
                micros(percentile(registerHttp, 95)),
                "ms (GET /api/register?type=GM&year=" + year + ")");

        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        bench(
                "heap.after-load-mb",
                used / (1024.0 * 1024.0),
                "MB (used heap after System.gc(), data loaded, mail server purged)");
    }

    static double micros(long nanos) {
        return nanos / 1e6;
    }

    static List<Long> time(int runs, Runnable query) {
        for (int i = 0; i < 20; i++) {
            query.run();
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            query.run();
            times.add(System.nanoTime() - t0);
        }
        Collections.sort(times);
        return times;
    }

    /**
     * Issued documents spread over 2016–2025, both types, with their version, one recipient and
     * their register line; then open tasks (reviewers' group, bithu's and phobithu's signatures,
     * drafter's revisions) on documents of their own. Ids far above what the workflow hands out.
     */
    void seed(int documents, int tasks) throws Exception {
        DataSource dataSource = app.getBean(DataSource.class);
        long firstId = 50_000_000L;
        Map<String, Integer> seq = new HashMap<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement doc = c.prepareStatement("""
                         insert into document (id, doc_type, status, drafter, signer, current_version, number, issued_at,
                                               urgent, created_at, updated_at, listed_at, lock_version)
                         values (?, ?, ?, 'chuyenvien', ?, 1, ?, ?, false, ?, ?, ?, 0)""");
                    PreparedStatement version = c.prepareStatement("""
                         insert into document_version (id, document_id, version_no, title, body, signer, created_by, created_at)
                         values (?, ?, 1, ?, ?, ?, 'chuyenvien', ?)""");
                    PreparedStatement recipient = c.prepareStatement("""
                         insert into version_recipient (version_id, position, name, email) values (?, 0, ?, ?)""");
                    PreparedStatement line = c.prepareStatement("""
                         insert into outgoing_register (doc_type, scope_key, seq, number, document_id, title, signer, issued_at, issue_year)
                         values (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement item = c.prepareStatement("""
                         insert into work_item (task_id, document_id, task_key, kind, name, assignee, candidate_group, created_at, due_at)
                         values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < documents + tasks; i++) {
                    long id = firstId + i;
                    boolean issued = i < documents;
                    String type = i % 3 == 0 ? "KL" : "GM";
                    String signerId = i % 4 == 0 ? "phobithu" : "bithu";
                    int year = 2016 + (i % 10);
                    String scope = type.equals("GM") ? String.valueOf(year) : "T" + year;
                    int n = issued ? seq.merge(type + scope, 1, Integer::sum) : 0;
                    String number = issued ? String.format("%02d-%s/ĐUK", n, type) : null;
                    Timestamp at = Timestamp.from(ZonedDateTime.of(
                                    year, 1 + (i % 12), 1 + (i % 28), 9, 0, 0, 0, OrganisationProperties.VIETNAM)
                            .toInstant());
                    String title = (type.equals("GM") ? "Giấy mời dự hội nghị " : "Kết luận của Ban Thường vụ về ")
                            + "nội dung số " + i;
                    doc.setLong(1, id);
                    doc.setString(2, type);
                    doc.setString(3, issued ? "ISSUED" : (i % 4 == 1 ? "IN_REVIEW" : "AWAITING_SIGNATURE"));
                    doc.setString(4, signerId);
                    doc.setString(5, number);
                    doc.setTimestamp(6, issued ? at : null);
                    doc.setTimestamp(7, at);
                    doc.setTimestamp(8, at);
                    doc.setTimestamp(9, at);
                    doc.addBatch();
                    version.setLong(1, id);
                    version.setLong(2, id);
                    version.setString(3, title);
                    version.setString(4, "Nội dung văn bản số " + i + ".\nĐoạn thứ hai của nội dung.");
                    version.setString(5, signerId);
                    version.setTimestamp(6, at);
                    version.addBatch();
                    recipient.setLong(1, id);
                    recipient.setString(2, "Ban Tuyên giáo");
                    recipient.setString(3, "tuyengiao@seed.example.vn");
                    recipient.addBatch();
                    if (issued) {
                        line.setString(1, type);
                        line.setString(2, scope);
                        line.setInt(3, n);
                        line.setString(4, number);
                        line.setLong(5, id);
                        line.setString(6, title);
                        line.setString(7, signerId);
                        line.setTimestamp(8, at);
                        line.setInt(9, year);
                        line.addBatch();
                    } else {
                        int k = i - documents;
                        boolean review = k % 4 == 1;
                        item.setString(1, "bench-" + k);
                        item.setLong(2, id);
                        item.setString(3, review ? "review" : "sign");
                        item.setString(
                                4,
                                review
                                        ? DocumentIssuanceProcess.Kind.REVIEW.wire()
                                        : DocumentIssuanceProcess.Kind.SIGN.wire());
                        item.setString(5, review ? "Thẩm định dự thảo" : "Ký ban hành");
                        item.setString(6, review ? null : signerId);
                        item.setString(7, review ? Groups.REVIEWERS : null);
                        item.setTimestamp(8, Timestamp.from(Instant.now().minusSeconds(60L * k)));
                        item.setTimestamp(
                                9, review ? null : Timestamp.from(Instant.now().plusSeconds(86_400)));
                        item.addBatch();
                    }
                    if (i % 1000 == 999 || i == documents + tasks - 1) {
                        doc.executeBatch();
                        version.executeBatch();
                        recipient.executeBatch();
                        line.executeBatch();
                        item.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }

    private static int size(MimeMessage message) {
        try {
            return message.getSize();
        } catch (jakarta.mail.MessagingException e) {
            return -1;
        }
    }
}

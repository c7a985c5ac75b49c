package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import vn.vanthu.numbering.Allocators;
import vn.vanthu.numbering.NumberAllocator;
import vn.vanthu.support.Api;
import vn.vanthu.support.AppNode;
import vn.vanthu.support.BesideTheOthers;
import vn.vanthu.support.ConcurrentAllocations;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.LocalPostgres;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Two application JVMs on one PostgreSQL as one system (issue 16): a sign-in on one node is good on
 * the other, a document moves between them, concurrent signings on both get consecutive numbers, a
 * node killed in the middle of a fan-out leaves the other to finish it. Then the database is backed
 * up with pg_dump while a node runs, restored into a new database with a copy of the shared folder,
 * and a third node started on it finds every issued PDF valid and numbers on without a gap.
 *
 * <p>Both nodes send to one SMTP server (GreenMail, started here); each has its own data folder and
 * both share one {@code vanthu.shared-dir} (the demo keys). The steps run in order on the same nodes.
 *
 * <p>Nothing here touches the shared test application, so the class runs beside the others
 * (src/test/resources/junit-platform.properties); its steps stay in order, one thread. Its nodes
 * run at a lower CPU priority ({@link AppNode#startBeside}): they take what the tests in line leave
 * idle (run at the same priority they took both cores and made the whole run longer).
 */
@Execution(ExecutionMode.CONCURRENT)
@org.junit.jupiter.api.Order(BesideTheOthers.CLUSTER_FIRST) // the longest: started first
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    static {
        IntegrationTest.quietWaits(); // it starts before any class in line
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String SIGN_PIN = "demo";

    private LocalPostgres postgres;
    private String database;
    private String databaseUrl;
    private GreenMail smtp;
    private Path root;
    private AppNode a;
    private AppNode b;
    private final List<AppNode> started = new ArrayList<>();
    /** The number of the last invitation the cluster issued. */
    private int lastNumber;

    private int year;

    @BeforeAll
    void startTwoNodes() throws Exception {
        Assumptions.assumeTrue(
                LocalPostgres.serverBinaries().isPresent(),
                "ClusterTest skipped: no PostgreSQL server binaries (initdb, pg_ctl) under /usr/lib/postgresql or on PATH;"
                        + " .ci/run installs the postgresql package");
        Assumptions.assumeTrue(
                AppNode.classpath().isPresent(),
                "ClusterTest skipped: target/runtime-classpath.txt missing (run through Maven)");
        Instant begin = Instant.now();
        postgres = LocalPostgres.shared().orElseThrow();
        database = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String url = postgres.createDatabase(database);
        databaseUrl = url;
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        root = Files.createDirectories(Path.of("target", "cluster", database)).toAbsolutePath();
        Path shared = Files.createDirectories(root.resolve("shared"));
        // started together: the first start of the engine, Flyway and the demo keys race on purpose;
        // at a lower priority beside the other tests they took 13–86 s (generous limits below)
        a = start("node-a", url, root.resolve("a"), shared);
        b = start("node-b", url, root.resolve("b"), shared);
        a.awaitReady(Duration.ofMinutes(6));
        b.awaitReady(Duration.ofMinutes(6));
        report("two nodes started together in "
                + Duration.between(begin, Instant.now()).toMillis() + " ms");
    }

    private AppNode start(String name, String url, Path dataDir, Path sharedDir) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", url);
        settings.put("spring.datasource.username", "vanthu");
        settings.put("spring.datasource.password", "");
        settings.put("vanthu.data-dir", dataDir.toString());
        settings.put("vanthu.shared-dir", sharedDir.toString());
        // one SMTP server for all nodes; the sender tells which node sent an email
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("vanthu.mail.from", name + "@vanthu.local");
        // a dead node's locked jobs come free after this long (the default is 40 s); a job must end
        // within it, also on these nodes at a lower priority (10 s gave 6 duplicates in one run)
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", "30000");
        settings.put("camunda.bpm.job-execution.wait-time-in-millis", "200");
        settings.put("camunda.bpm.job-execution.max-wait", "1000");
        settings.put("vanthu.distribution.retry-intervals", "PT1S,PT2S,PT5S");
        // a signature check at the lower priority took over the 20 s default once the machine was busy
        settings.put("vanthu.verification.time-budget", "PT90S");
        settings.put("logging.level.root", "WARN");
        settings.put("logging.level.vn.vanthu", "INFO");
        AppNode node = AppNode.startBeside(name, settings);
        started.add(node);
        return node;
    }

    @AfterAll
    void stop() throws Exception {
        for (AppNode node : started) {
            node.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // in order, after the step before
    @Order(1)
    void aSignInOnOneNodeIsGoodOnTheOther() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String base = "http://localhost:" + a.port();
        String loginPage = browser.send(
                        HttpRequest.newBuilder(URI.create(base + "/login"))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = CSRF.matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        String form =
                "username=chuyenvien&password=demo&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        HttpCookie session = ((CookieManager) browser.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(c -> c.getName().equals("SESSION"))
                        .reduce((x, y) -> y)
                        .orElseThrow();

        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> onB = plain.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + b.port() + "/api/tasks"))
                        .header("Accept", "application/json")
                        .header("Cookie", "SESSION=" + session.getValue())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
        assertThat(onB.body()).startsWith("[");
        HttpResponse<String> withoutCookie = plain.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + b.port() + "/api/tasks"))
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutCookie.statusCode()).isEqualTo(401);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // in order, after the step before
    @Order(2)
    void createdOnAApprovedOnBSignedOnAAndValidOnBoth() throws Exception {
        String domain = Drafts.uniqueDomain();
        long id = create(a, Drafts.invitation("Hội nghị trên hai máy chủ", domain, 3));
        submit(a, id);
        decide(b, "chanhvanphong", id, Kind.REVIEW, Decision.APPROVE);
        JsonNode signed = decide(a, "bithu", id, Kind.SIGN, Decision.SIGN);
        assertThat(signed.get("status").asText()).isEqualTo("ISSUED");
        lastNumber = seq(signed.get("number").asText());
        year = OffsetDateTime.parse(signed.get("issuedAt").asText()).getYear();

        byte[] pdf = pdf(b, id);
        for (AppNode node : List.of(a, b)) {
            JsonNode check = node.anonymous()
                    .postRaw("/api/public/verify", "application/octet-stream", pdf)
                    .json();
            assertThat(check.path("valid").asBoolean())
                    .as(node.name() + ": " + check)
                    .isTrue();
            assertThat(check.path("document").path("number").asText())
                    .isEqualTo(signed.get("number").asText());
        }
        List<MimeMessage> mails = awaitMail(domain, 3, Duration.ofMinutes(3));
        assertThat(mails).hasSize(3);
        assertThat(mails)
                .allSatisfy(m -> assertThat(m.getSubject())
                        .isEqualTo("[" + signed.get("number").asText() + "] Giấy mời Hội nghị trên hai máy chủ"));
        JsonNode register =
                a.as("vanthu").get("/api/register?type=GM&year=" + year).ok();
        assertThat(register.toString()).contains(signed.get("number").asText());
        // on PostgreSQL the administrator's backup button points to pg_dump
        Api.Response backup = a.as("admin").post("/api/admin/backup", Map.of());
        assertThat(backup.status()).isEqualTo(409);
        assertThat(backup.text()).contains("pg_dump");
    }

    /**
     * The row lock behind numbering on PostgreSQL (once PostgresIssuanceTest's): two allocators, as
     * two nodes have, take numbers of one day at once, some transactions rolling back after taking
     * theirs; the committed numbers are 1..64, none twice, none missing.
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD) // in order, after the step before
    @Order(25)
    void concurrentNumberingOnPostgresHasNoDuplicateAndNoGap() throws Exception {
        DriverManagerDataSource data = new DriverManagerDataSource(databaseUrl, "vanthu", "");
        JdbcTemplate jdbc = new JdbcTemplate(data);
        // the nodes run on the production database, its schema made by Flyway's scripts
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
        assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where success", Integer.class))
                .isGreaterThanOrEqualTo(3);

        PlatformTransactionManager transactions = new DataSourceTransactionManager(data);
        LocalDate day = LocalDate.of(2098, 5, 4); // a year nothing else issues in
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rolledBack = new AtomicInteger();
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                NumberAllocator allocator = Allocators.on(jdbc, transactions);
                runs.add(nodes.submit(() -> {
                    ConcurrentAllocations.Result result =
                            ConcurrentAllocations.run(allocator, transactions, day, 4, 10, 5);
                    committed.addAll(result.committed());
                    rolledBack.addAndGet(result.rolledBack());
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(2, TimeUnit.MINUTES);
            }
        } finally {
            nodes.shutdownNow();
        }
        assertThat(rolledBack.get()).isEqualTo(16);
        assertThat(committed)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 64).boxed().toList());
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // in order, after the step before
    @Order(3)
    void eightSigningsSpreadOverBothNodesAtOnceGetEightConsecutiveNumbers() throws Exception {
        String domain = Drafts.uniqueDomain();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            AppNode node = i % 2 == 0 ? a : b;
            long id = create(node, Drafts.invitation("Giấy mời đồng thời " + (i + 1), domain, 1));
            submit(node, id);
            decide(i % 2 == 0 ? b : a, "chanhvanphong", id, Kind.REVIEW, Decision.APPROVE);
            ids.add(id);
        }
        Map<Long, String> tasks = new HashMap<>();
        for (long id : ids) {
            tasks.put(id, taskOf(a, "bithu", id, Kind.SIGN));
        }
        Instant begin = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<JsonNode>> signings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AppNode node = i % 2 == 0 ? a : b;
                String task = tasks.get(ids.get(i));
                signings.add(pool.submit(() -> complete(node, "bithu", task, Decision.SIGN)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<JsonNode> signing : signings) {
                JsonNode doc = signing.get(2, TimeUnit.MINUTES);
                assertThat(doc.get("status").asText()).as(doc.toString()).isEqualTo("ISSUED");
                numbers.add(seq(doc.get("number").asText()));
            }
            report("8 concurrent signings on both nodes in "
                    + Duration.between(begin, Instant.now()).toMillis() + " ms, numbers "
                    + numbers.stream().sorted().toList());
            assertThat(numbers)
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(lastNumber + 1, lastNumber + 8)
                            .boxed()
                            .toList());
            lastNumber += 8;
        } finally {
            pool.shutdownNow();
        }
        assertThat(awaitMail(domain, 8, Duration.ofMinutes(3))).hasSize(8);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // in order, after the step before
    @Order(4)
    void aNodeKilledInTheMiddleOfAFanOutLeavesTheOtherToFinishIt() throws Exception {
        String domain = Drafts.uniqueDomain();
        long id = create(a, Drafts.invitation("Hội nghị 200 nơi nhận", domain, 200));
        submit(a, id);
        decide(b, "chanhvanphong", id, Kind.REVIEW, Decision.APPROVE);
        Instant signedAt = Instant.now();
        JsonNode signed = decide(b, "bithu", id, Kind.SIGN, Decision.SIGN);
        assertThat(seq(signed.get("number").asText())).isEqualTo(lastNumber + 1);
        lastNumber++;

        // wait for the fan-out to be under way, then see which node sends the next twenty emails
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> mailTo(domain).size() >= 40);
        List<MimeMessage> sentBefore = mailTo(domain);
        Map<String, Long> before = bySender(sentBefore);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> mailTo(domain).size() >= sentBefore.size() + 20);
        List<MimeMessage> sentBeforeKill = mailTo(domain);
        Map<String, Long> after = bySender(sentBeforeKill);
        AppNode sending = after.getOrDefault("node-a@vanthu.local", 0L) - before.getOrDefault("node-a@vanthu.local", 0L)
                        >= after.getOrDefault("node-b@vanthu.local", 0L)
                                - before.getOrDefault("node-b@vanthu.local", 0L)
                ? a
                : b;
        AppNode survivor = sending == a ? b : a;
        Instant killedAt = Instant.now();
        sending.kill();
        int atKill = mailTo(domain).size();
        assertThat(atKill)
                .as("the fan-out was still going when the node was killed")
                .isLessThan(200);

        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> distinctRecipients(mailTo(domain)) >= 200);
        Instant done = Instant.now();
        // a late duplicate comes from a delivery not yet marked sent (the killed node's, once its job
        // lock expires): when every delivery is SENT in the database, no email is still to come
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, "vanthu", ""));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from delivery where document_id = ? and state <> 'SENT'",
                                Integer.class,
                                id)
                        == 0);
        List<MimeMessage> all = mailTo(domain);
        long distinct = distinctRecipients(all);
        report("fan-out of 200: " + sending.name() + " killed (kill -9) with " + atKill + " emails sent, "
                + survivor.name() + " finished "
                + Duration.between(killedAt, done).toMillis() + " ms later ("
                + Duration.between(signedAt, done).toMillis() + " ms after the signature); " + all.size()
                + " emails, " + distinct + " recipients, " + (all.size() - distinct) + " duplicate(s); by sender "
                + bySender(all));
        assertThat(distinct).as("no email lost").isEqualTo(200);
        assertThat(all.size() - distinct).as("duplicates").isLessThanOrEqualTo(1);
        if (sending == a) {
            a = survivor; // the later steps use the survivor
        }
        b = survivor;
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD) // in order, after the step before
    @Order(5)
    void aPgDumpRestoredIntoANewDatabaseServesEveryIssuedDocumentAndNumbersOn() throws Exception {
        AppNode live = b;
        List<JsonNode> register = new ArrayList<>();
        live.as("vanthu").get("/api/register?type=GM&year=" + year).ok().forEach(register::add);
        assertThat(register).hasSize(10);

        // the backup, taken while the node runs (docs/operations.md): the database and the shared folder
        Instant begin = Instant.now();
        Path dump = root.resolve("vanthu.dump");
        run(
                postgres.program("pg_dump").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(postgres.port()),
                "-U",
                "vanthu",
                "-Fc",
                "-f",
                dump.toString(),
                database);
        Path sharedCopy = root.resolve("restored-shared");
        copyTree(root.resolve("shared"), sharedCopy);
        String restoredDb = database + "_restored";
        String url = postgres.createDatabase(restoredDb);
        run(
                postgres.program("pg_restore").toString(),
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(postgres.port()),
                "-U",
                "vanthu",
                "--no-owner",
                "-d",
                restoredDb,
                dump.toString());
        long backupMs = Duration.between(begin, Instant.now()).toMillis();
        // the original is gone: nothing of it is used any more (killed: a graceful stop only costs time here)
        for (AppNode node : List.copyOf(started)) {
            node.kill();
        }

        begin = Instant.now();
        AppNode restored = start("node-restored", url, root.resolve("restored-data"), sharedCopy)
                .awaitReady(Duration.ofMinutes(6));
        long startMs = Duration.between(begin, Instant.now()).toMillis();
        List<JsonNode> again = new ArrayList<>();
        restored.as("vanthu").get("/api/register?type=GM&year=" + year).ok().forEach(again::add);
        assertThat(again)
                .extracting(e -> e.get("number").asText())
                .containsExactlyElementsOf(
                        register.stream().map(e -> e.get("number").asText()).toList());
        for (JsonNode entry : again) {
            byte[] pdf = pdf(restored, entry.get("documentId").asLong());
            JsonNode check = restored.anonymous()
                    .postRaw("/api/public/verify", "application/octet-stream", pdf)
                    .json();
            assertThat(check.path("valid").asBoolean()).as(entry + ": " + check).isTrue();
            assertThat(check.path("document").path("number").asText())
                    .isEqualTo(entry.get("number").asText());
        }

        String domain = Drafts.uniqueDomain();
        long id = create(restored, Drafts.invitation("Sau khi khôi phục", domain, 1));
        submit(restored, id);
        decide(restored, "chanhvanphong", id, Kind.REVIEW, Decision.APPROVE);
        JsonNode signed = decide(restored, "bithu", id, Kind.SIGN, Decision.SIGN);
        assertThat(seq(signed.get("number").asText())).isEqualTo(lastNumber + 1);
        report("pg_dump + pg_restore in " + backupMs + " ms; node on the restored database ready in " + startMs
                + " ms; " + again.size() + " issued PDFs valid; next number "
                + signed.get("number").asText());
    }

    // --- the API, as the demo users use it

    private static long create(AppNode node, Map<String, Object> draft) {
        return node.as("chuyenvien")
                .post("/api/documents", draft)
                .ok()
                .get("id")
                .asLong();
    }

    private static void submit(AppNode node, long id) {
        node.as("chuyenvien").post("/api/documents/" + id + "/submit", Map.of()).ok();
    }

    private static JsonNode decide(AppNode node, String user, long id, Kind task, Decision decision) {
        return complete(node, user, taskOf(node, user, id, task), decision);
    }

    private static String taskOf(AppNode node, String user, long id, Kind task) {
        for (JsonNode open : node.as(user).get("/api/tasks").ok()) {
            if (open.get("documentId").asLong() == id
                    && open.get("kind").asText().equals(task.wire())) {
                return open.get("id").asText();
            }
        }
        throw new AssertionError(user + " has no " + task.wire() + " task for document " + id);
    }

    private static JsonNode complete(AppNode node, String user, String taskId, Decision decision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.wire());
        if (decision == Decision.SIGN) {
            body.put("pin", SIGN_PIN);
        }
        return node.as(user).post("/api/tasks/" + taskId + "/complete", body).ok();
    }

    private static byte[] pdf(AppNode node, long id) {
        Api.Response pdf = node.as("vanthu").get("/api/documents/" + id + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        return pdf.body();
    }

    private static int seq(String number) {
        return Integer.parseInt(number.substring(0, number.indexOf('-')));
    }

    // --- the shared SMTP server

    private List<MimeMessage> mailTo(String domain) throws Exception {
        List<MimeMessage> mine = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (((InternetAddress) m.getAllRecipients()[0]).getAddress().endsWith("@" + domain)) {
                mine.add(m);
            }
        }
        return mine;
    }

    private List<MimeMessage> awaitMail(String domain, int count, Duration timeout) throws Exception {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> mailTo(domain), mails -> mails.size() >= count);
    }

    private static Map<String, Long> bySender(List<MimeMessage> mails) throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (MimeMessage m : mails) {
            counts.merge(((InternetAddress) m.getFrom()[0]).getAddress(), 1L, Long::sum);
        }
        return counts;
    }

    private static long distinctRecipients(List<MimeMessage> mails) throws Exception {
        java.util.Set<String> to = new java.util.HashSet<>();
        for (MimeMessage m : mails) {
            to.add(((InternetAddress) m.getAllRecipients()[0]).getAddress());
        }
        return to.size();
    }

    // --- files and programs

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted(Comparator.naturalOrder()).collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void report(String line) {
        System.out.println("CLUSTER: " + line);
    }
}

package vn.vanthu.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.vanthu.support.Api;
import vn.vanthu.support.AppNode;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * The start-up figures (docs/benchmarks.md): the application and a bare Spring Boot + Camunda
 * application (bench/bare-camunda), each in a JVM of its own with the same JVM options and a fresh
 * data folder, timed by Spring's "Started X in Y seconds", three of each, interleaved, each on a
 * quiet machine; then the first public check and the first signature right after a restart.
 */
final class StartupRuns {

    private static final Path BARE_PROJECT = Path.of("bench", "bare-camunda");
    private static final Path BARE_CLASSPATH = Path.of("target", "bare-camunda", "classpath.txt");

    private StartupRuns() {}

    static void run() throws Exception {
        Optional<String> app = AppNode.classpath();
        if (app.isEmpty()) {
            VanThuBenchmark.bench("startup.app-ms", "skipped", "(no target/runtime-classpath.txt: run through Maven)");
            return;
        }
        String bare = buildBare();
        List<Long> appRuns = new ArrayList<>();
        List<Long> bareRuns = new ArrayList<>();
        List<Long> appCpu = new ArrayList<>();
        List<Long> bareCpu = new ArrayList<>();
        Prepared prepared = null;
        List<Path> dataFolders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // the order alternates (bare, app / app, bare / bare, app) so that a drift of the
            // machine's speed during the runs hits both alike
            if (i % 2 == 0) {
                startBare(bare, bareRuns, bareCpu);
            }
            Path data = Files.createTempDirectory("vanthu-bench-start-");
            dataFolders.add(data);
            try (Started started = startApp(app.get(), data)) {
                appRuns.add(started.ms);
                appCpu.add(started.cpuMs);
                if (i == 0) {
                    // after the first start (not timed): an issued document and one waiting for its
                    // signature, for the restart below
                    prepared = prepare(started.port, data);
                }
            }
            if (i % 2 == 1) {
                startBare(bare, bareRuns, bareCpu);
            }
        }
        long appMs = median(appRuns);
        long bareMs = median(bareRuns);
        VanThuBenchmark.bench(
                "startup.app-runs", appRuns.toString(), "ms (three starts in a JVM of its own, runtime class path)");
        VanThuBenchmark.bench("startup.app-ms", appMs, "ms (their median: the application's start-up)");
        VanThuBenchmark.bench(
                "startup.bare-camunda-runs",
                bareRuns.toString(),
                "ms (bench/bare-camunda: Spring Boot + Camunda's webapp and REST starters, H2 file; interleaved)");
        VanThuBenchmark.bench(
                "startup.bare-camunda-ms", bareMs, "ms (their median, same JVM options, fresh data folder)");
        VanThuBenchmark.bench(
                "startup.vs-bare-camunda", (double) appMs / bareMs, "x (startup.app-ms / startup.bare-camunda-ms)");
        VanThuBenchmark.bench(
                "startup.app-cpu-ms",
                median(appCpu),
                "ms of CPU, all threads, at \"Started\" (median; runs " + appCpu + ")");
        VanThuBenchmark.bench(
                "startup.bare-camunda-cpu-ms",
                median(bareCpu),
                "ms of CPU, all threads, at \"Started\" (median; runs " + bareCpu + ")");
        VanThuBenchmark.bench(
                "startup.vs-bare-camunda-cpu",
                (double) median(appCpu) / median(bareCpu),
                "x (the same ratio in CPU time: less moved by other load on the machine)");
        try {
            firstRequests(app.get(), prepared);
        } finally {
            for (Path data : dataFolders) {
                org.springframework.util.FileSystemUtils.deleteRecursively(data);
            }
        }
    }

    /** Builds bench/bare-camunda offline, once, and returns its class path (its classes first). */
    static String buildBare() throws IOException, InterruptedException {
        Files.createDirectories(BARE_CLASSPATH.getParent());
        Process build = new ProcessBuilder(
                        Path.of("mvnw").toAbsolutePath().toString(),
                        "-B",
                        "-o",
                        "-q",
                        "-f",
                        BARE_PROJECT.resolve("pom.xml").toString(),
                        "package",
                        "dependency:build-classpath",
                        "-DincludeScope=runtime",
                        "-Dmdep.outputFile=" + BARE_CLASSPATH.toAbsolutePath())
                .redirectErrorStream(true)
                .start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (build.waitFor() != 0) {
            throw new IllegalStateException("bench/bare-camunda did not build:\n" + output);
        }
        return BARE_PROJECT.resolve("target/classes").toAbsolutePath()
                + java.io.File.pathSeparator
                + Files.readString(BARE_CLASSPATH).strip();
    }

    static void startBare(String classpath, List<Long> runs, List<Long> cpu) throws Exception {
        Path data = Files.createTempDirectory("vanthu-bench-bare-");
        List<String> command = java(classpath);
        command.addAll(List.of(
                "bench.bare.BareCamundaApplication",
                "--bare.data-dir=" + data,
                "--server.port=0",
                "--spring.main.banner-mode=off"));
        // its working folder is its own project's: Spring Boot also reads ./application.yaml and
        // ./config/ of the working folder, and nothing of ours may come in
        try (Started started = start(command, BARE_PROJECT.toFile(), "BareCamundaApplication", 0)) {
            runs.add(started.ms);
            cpu.add(started.cpuMs);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(data);
        }
    }

    static Started startApp(String classpath, Path data) throws Exception {
        int port = freePort();
        List<String> command = java(classpath);
        command.addAll(List.of(
                "vn.vanthu.VanThuApplication",
                "--vanthu.data-dir=" + data,
                "--server.port=" + port,
                "--vanthu.public-url=http://localhost:" + port,
                "--vanthu.mail.embedded.smtp-port=0",
                "--vanthu.mail.embedded.imap-port=0",
                "--spring.main.banner-mode=off"));
        return start(command, null, "VanThuApplication", port);
    }

    private static List<String> java(String classpath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option :
                System.getProperty("bench.app.jvm.options", "").trim().split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-Duser.timezone=UTC", "-cp", classpath));
        return command;
    }

    /** A started JVM: its "Started … in X seconds" in ms; closing it stops it (SIGTERM). */
    record Started(Process process, long ms, long cpuMs, int port) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static Started start(List<String> command, java.io.File folder, String mainClass, int port)
            throws Exception {
        QuietMachine.await(0.3, Duration.ofSeconds(60));
        Process process = new ProcessBuilder(command)
                .directory(folder)
                .redirectErrorStream(true)
                .start();
        Pattern started = Pattern.compile("Started " + mainClass + " in ([0-9.]+) seconds");
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> tail = new ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            tail.add(line);
            if (tail.size() > 40) {
                tail.remove(0);
            }
            Matcher m = started.matcher(line);
            if (m.find()) {
                // the JVM goes on writing its log: read it away, or it blocks once the pipe is full
                Thread drain = new Thread(() -> {
                    try {
                        while (lines.readLine() != null) {
                            // discarded
                        }
                    } catch (IOException ended) {
                        // the process is gone
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Started(process, Math.round(Double.parseDouble(m.group(1)) * 1000), cpuMs(process), port);
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException(
                mainClass + " did not start (exit " + process.exitValue() + "):\n" + String.join("\n", tail));
    }

    /** What the first start leaves for the restart: its data, an issued PDF, an open sign task. */
    record Prepared(Path data, byte[] issuedPdf, String signTask) {}

    private static Prepared prepare(int port, Path data) {
        String domain = Drafts.uniqueDomain();
        long issued = toSignTask(port, "Giấy mời trước khi khởi động lại", domain);
        decide(port, "bithu", taskOf(port, "bithu", issued, Kind.SIGN), Decision.SIGN);
        Api.Response pdf = api(port, "vanthu", "demo").get("/api/documents/" + issued + "/pdf");
        if (pdf.status() != 200) {
            throw new IllegalStateException("no PDF: " + pdf);
        }
        long waiting = toSignTask(port, "Giấy mời chờ ký sau khi khởi động lại", domain);
        return new Prepared(data, pdf.body(), taskOf(port, "bithu", waiting, Kind.SIGN));
    }

    private static long toSignTask(int port, String title, String domain) {
        long id = api(port, "chuyenvien", "demo")
                .post("/api/documents", Drafts.invitation(title, domain, 2))
                .ok()
                .get("id")
                .asLong();
        api(port, "chuyenvien", "demo")
                .post("/api/documents/" + id + "/submit", Map.of())
                .ok();
        decide(port, "chanhvanphong", taskOf(port, "chanhvanphong", id, Kind.REVIEW), Decision.APPROVE);
        return id;
    }

    private static String taskOf(int port, String user, long id, Kind kind) {
        for (JsonNode open : api(port, user, "demo").get("/api/tasks").ok()) {
            if (open.get("documentId").asLong() == id
                    && open.get("kind").asText().equals(kind.wire())) {
                return open.get("id").asText();
            }
        }
        throw new IllegalStateException(user + " has no " + kind.wire() + " task for document " + id);
    }

    private static JsonNode decide(int port, String user, String task, Decision decision) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision.wire());
        if (decision == Decision.SIGN) {
            body.put("pin", Flow.DEMO_PIN);
        }
        return api(port, user, "demo")
                .post("/api/tasks/" + task + "/complete", body)
                .ok();
    }

    /**
     * A restart on the first start's data folder, as the service restarts: right after "Started",
     * the first request is a citizen's check of an issued PDF, the second the leader's signature.
     */
    private static void firstRequests(String classpath, Prepared prepared) throws Exception {
        try (Started started = startApp(classpath, prepared.data())) {
            long t0 = System.nanoTime();
            Api.Response check = api(started.port(), null, null)
                    .postRaw("/api/public/verify", "application/pdf", prepared.issuedPdf());
            long verifyMs = (System.nanoTime() - t0) / 1_000_000;
            // not a failure of the run: a check that outlives vanthu.verification.time-budget is answered
            // 422, and that is what the citizen gets; the answer goes with the figure
            String verifyAnswer = check.status() == 200
                    ? (check.json().path("valid").asBoolean() ? "200 valid" : "200 NOT valid: " + check.text())
                    : check.status() + " " + check.json().path("title").asText();
            t0 = System.nanoTime();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decision", Decision.SIGN.wire());
            body.put("pin", Flow.DEMO_PIN);
            Api.Response signed =
                    api(started.port(), "bithu", "demo").post("/api/tasks/" + prepared.signTask() + "/complete", body);
            long signMs = (System.nanoTime() - t0) / 1_000_000;
            String signAnswer =
                    signed.status() + " " + signed.json().path("status").asText();
            VanThuBenchmark.bench("startup.restart-ms", started.ms(), "ms (the restart these two follow, same data)");
            VanThuBenchmark.bench(
                    "startup.first-verify-ms",
                    verifyMs,
                    "ms (right after \"Started\" of a restart: POST /api/public/verify of an issued PDF, the"
                            + " first request; answer " + verifyAnswer + ")");
            VanThuBenchmark.bench(
                    "startup.first-sign-ms",
                    signMs,
                    "ms (then the leader's sign call, the second request; answer " + signAnswer + ")");
        }
    }

    /**
     * The CPU time of all the JVM's threads so far (/proc/PID/stat utime + stime): less moved by
     * other processes on the cores than the wall time, so a second view of the same start.
     */
    private static long cpuMs(Process process) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields 14 and 15 of stat, counted after the command's closing parenthesis; 100 ticks a second
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A client that waits long: on the shared 2 cores a first signature has taken over a minute. */
    private static Api api(int port, String user, String password) {
        return Api.at(port, user, password).withTimeout(Duration.ofMinutes(10));
    }

    private static long median(List<Long> runs) {
        return runs.stream().sorted().toList().get(runs.size() / 2);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

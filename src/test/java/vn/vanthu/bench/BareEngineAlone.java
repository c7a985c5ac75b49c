package vn.vanthu.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lifecycle's bare engine once more, in a JVM of its own. In the benchmark's JVM the bare
 * engine runs after the app, so the engine's, MyBatis's and H2's code is already compiled by the
 * JIT when its clock starts; here it pays its own warm-up, as the app does. Extra information
 * beside the baseline of record (docs/benchmarks.md, "Session 15").
 */
final class BareEngineAlone {

    private static final String RESULT = "BARE-ALONE ";

    private BareEngineAlone() {}

    /** Runs this class's main in a child JVM (the app's JVM options, the test class path); its figures. */
    static VanThuBenchmark.BareRun inOwnJvm(String historyLevel, int warmup, int documents, int recipients, int clients)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx2g");
        for (String option :
                System.getProperty("bench.app.jvm.options", "").trim().split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of(
                "-Duser.timezone=UTC",
                "-cp",
                System.getProperty("java.class.path"),
                BareEngineAlone.class.getName(),
                historyLevel,
                String.valueOf(warmup),
                String.valueOf(documents),
                String.valueOf(recipients),
                String.valueOf(clients)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        VanThuBenchmark.BareRun result = null;
        List<String> tail = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("BENCH ")) {
                    // re-printed here: a child writing to the fork's own stdout would garble Surefire's channel
                    System.out.println(line);
                } else if (line.startsWith(RESULT)) {
                    String[] figures = line.substring(RESULT.length()).split(" ");
                    result =
                            new VanThuBenchmark.BareRun(Double.parseDouble(figures[0]), Double.parseDouble(figures[1]));
                } else {
                    tail.add(line);
                    if (tail.size() > 30) {
                        tail.remove(0);
                    }
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        if (result == null) {
            throw new IllegalStateException("the bare engine's own JVM gave no figures:\n" + String.join("\n", tail));
        }
        return result;
    }

    /** args: history level, warm-up documents, timed documents, recipients, clients. */
    public static void main(String[] args) throws Exception {
        String historyLevel = args[0];
        int warmup = Integer.parseInt(args[1]);
        int documents = Integer.parseInt(args[2]);
        int recipients = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        try (BareEngine engine = new BareEngine(historyLevel)) {
            engine.run(warmup, recipients, (n, task) -> drive(n, task, clients));
            long cpu0 = processCpuNanos();
            Map<String, Long> threads0 = ThreadCpu.snapshot();
            double docsPerSecond = engine.run(documents, recipients, (n, task) -> drive(n, task, clients));
            long cpuNanos = processCpuNanos() - cpu0;
            ThreadCpu.print("lifecycle.bare-engine-own-jvm-cpu-ms-per-doc.", threads0, cpuNanos, documents);
            System.out.println(RESULT + docsPerSecond + " " + cpuNanos / 1e6 / documents);
        }
        System.exit(0); // the engine's job executor threads would keep the JVM alive
    }

    /** As the benchmark's clients: each takes the next document until all are started. */
    private static void drive(int documents, BareEngine.DocumentTask task, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit((Callable<Void>) () -> {
                    for (int n = next.getAndIncrement(); n < documents; n = next.getAndIncrement()) {
                        task.run(n);
                    }
                    return null;
                }));
            }
            for (Future<Void> client : running) {
                client.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

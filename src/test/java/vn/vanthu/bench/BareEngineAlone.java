package vn.vanthu.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lifecycle's bare engine once more, in a JVM of its own. In the benchmark's JVM the bare
 * engine runs after the app, so the engine's, MyBatis's and H2's code is already compiled by the
 * JIT when its clock starts; here it pays its own warm-up, as the app does. Extra information
 * beside the baseline of record (docs/benchmarks.md, "Session 15").
 */
final class BareEngineAlone {

    private static final String RESULT = "BARE-ALONE ";
    private static final String PREFIX = "lifecycle.bare-engine-own-jvm-cpu-ms-per-doc.";

    private BareEngineAlone() {}

    /**
     * Runs this class's main in a child JVM (the app's JVM options, the test class path, this run's
     * warm-up and documents) and returns its figures.
     */
    static VanThuBenchmark.BareRun inOwnJvm(String historyLevel) throws Exception {
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
                "-Dbench.lifecycle.warmup=" + VanThuBenchmark.LIFECYCLE_WARMUP,
                "-Dbench.lifecycle.docs=" + VanThuBenchmark.LIFECYCLE_DOCS,
                "-cp",
                System.getProperty("java.class.path"),
                BareEngineAlone.class.getName(),
                historyLevel));
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

    /** args: the history level. Driven as in the benchmark's JVM, by {@link VanThuBenchmark#bareRun}. */
    public static void main(String[] args) throws Exception {
        try (BareEngine engine = new BareEngine(args[0])) {
            VanThuBenchmark.BareRun run = VanThuBenchmark.bareRun(engine, PREFIX);
            System.out.println(RESULT + run.docsPerSecond() + " " + run.cpuMsPerDoc());
        }
        System.exit(0); // the engine's job executor threads would keep the JVM alive
    }
}

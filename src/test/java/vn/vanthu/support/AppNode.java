package vn.vanthu.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The application in a JVM of its own, started from the built classes and the runtime classpath
 * that maven-dependency-plugin writes to {@code target/runtime-classpath.txt} (see the pom): a node
 * of a cluster, or the app on a restored backup. Its output goes to {@code target/nodes/{name}.log}.
 */
public final class AppNode implements AutoCloseable {

    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path CLASSPATH_FILE = Path.of("target", "runtime-classpath.txt");

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    /** The app's classpath, or empty when the build has not written it (run through Maven). */
    public static Optional<String> classpath() {
        if (!Files.isDirectory(CLASSES) || !Files.isRegularFile(CLASSPATH_FILE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(CLASSES.toAbsolutePath()
                    + java.io.File.pathSeparator
                    + Files.readString(CLASSPATH_FILE).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Starts a node on a free port; {@code settings} are Spring properties (given as --key=value). */
    public static AppNode start(String name, Map<String, String> settings) throws IOException {
        return start(name, settings, false);
    }

    /**
     * A node for a test that runs beside the others (ClusterTest): at a lower CPU priority
     * ({@code nice}), so it takes the cores the tests in line leave idle and does not slow them.
     */
    public static AppNode startBeside(String name, Map<String, String> settings) throws IOException {
        return start(name, settings, true);
    }

    private static AppNode start(String name, Map<String, String> settings, boolean beside) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        if (beside && Files.isExecutable(Path.of("/usr/bin/nice"))) {
            command.addAll(List.of("/usr/bin/nice", "-n", "10"));
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // small and quick to start: the nodes share two cores with the test and the database
                "-Xmx640m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=UTC",
                "-XX:+IgnoreUnrecognizedVMOptions",
                "-XX:+UseBiasedLocking",
                "-cp",
                classpath()
                        .orElseThrow(() -> new IllegalStateException(
                                "no " + CLASSPATH_FILE + ": build with Maven (generate-test-resources writes it)")),
                "vn.vanthu.VanThuApplication",
                "--server.port=" + port,
                "--vanthu.public-url=http://localhost:" + port,
                "--spring.main.banner-mode=off"));
        // the tests check every issued file from one address, several at once (H2BackupRestoreTest); a
        // setting given twice would bind as "a,b", hence only where the caller gives none
        Map<String, String> all = new LinkedHashMap<>(Map.of(
                "vanthu.verification.per-address-per-minute", "10000",
                "vanthu.verification.max-concurrent", "4"));
        all.putAll(settings);
        all.forEach((k, v) -> command.add("--" + k + "=" + v));
        Path log = Path.of("target", "nodes", name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new AppNode(name, port, process, log);
    }

    private AppNode(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public Api as(String user) {
        return Api.at(port, user, "demo");
    }

    public Api anonymous() {
        return Api.at(port, null, null);
    }

    /** Waits until the login page answers; fails with the end of the node's log if it died or took too long. */
    public AppNode awaitReady(Duration timeout) {
        try {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(100))
                    .failFast(name + " exited", () -> !process.isAlive())
                    .until(this::answers);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail(), e);
        } catch (TerminalFailureException e) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(), e);
        }
        return this;
    }

    private boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection)
                    URI.create("http://localhost:" + port + "/login").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode() == 200;
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    /** kill -9: no shutdown hook, no rollback, locks left as they are. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** The last lines of the node's log. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy(); // SIGTERM: Spring closes the context
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}

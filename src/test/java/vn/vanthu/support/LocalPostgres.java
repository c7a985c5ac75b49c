package vn.vanthu.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: initdb into a temporary folder, started on a free
 * loopback port with trust authentication, removed at JVM exit. Uses the installed server
 * binaries (Debian: /usr/lib/postgresql/N/bin, package postgresql, which .ci/run installs); when
 * running as root, the server runs as the "postgres" user, as PostgreSQL requires.
 */
public final class LocalPostgres {

    private static LocalPostgres shared;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    /** The server shared by the tests of this JVM, started on first use; empty when PostgreSQL is not installed. */
    public static synchronized Optional<LocalPostgres> shared() {
        if (shared == null) {
            Optional<Path> bin = serverBinaries();
            if (bin.isEmpty()) {
                return Optional.empty();
            }
            try {
                shared = new LocalPostgres(bin.get());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(
                        "PostgreSQL is installed (" + bin.get() + ") but did not start: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "local-postgres-stop"));
        }
        return Optional.of(shared);
    }

    public static Optional<Path> serverBinaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(Path::of)
                .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                .findFirst();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private LocalPostgres(Path bin) throws IOException, InterruptedException {
        this.bin = bin;
        this.asPostgresUser = "root".equals(System.getProperty("user.name"));
        this.dir = Files.createTempDirectory("vanthu-pg-");
        try (ServerSocket probe = new ServerSocket(0)) {
            this.port = probe.getLocalPort();
        }
        if (asPostgresUser) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        Path data = dir.resolve("data");
        run(
                List.of(
                        bin.resolve("initdb").toString(),
                        "-D",
                        data.toString(),
                        "-A",
                        "trust",
                        "-U",
                        "vanthu",
                        "-E",
                        "UTF8",
                        "--no-locale"),
                asPostgresUser);
        run(
                List.of(
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-l",
                        dir.resolve("server.log").toString(),
                        "-o",
                        "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                        "-w",
                        "-t",
                        "60",
                        "start"),
                asPostgresUser);
    }

    /** A new, empty database on this server; returns its JDBC URL (user "vanthu", no password). */
    public String createDatabase(String name) {
        try (Connection c =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "vanthu", "");
                Statement s = c.createStatement()) {
            s.execute("create database " + name + " encoding 'UTF8'");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    /** The port the server listens on (127.0.0.1). */
    public int port() {
        return port;
    }

    /** An installed client or server program beside initdb, e.g. pg_dump, pg_restore. */
    public Path program(String name) {
        return bin.resolve(name);
    }

    public String version() {
        return bin.getParent().getFileName().toString();
    }

    private void stop() {
        try {
            run(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-m",
                            "immediate",
                            "-w",
                            "stop"),
                    asPostgresUser);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the JVM is exiting; the folder goes anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", full) + " failed: " + new String(output));
        }
    }
}

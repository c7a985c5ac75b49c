package vn.vanthu.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.vanthu.config.InstallationProperties;
import vn.vanthu.system.ConflictException;
import vn.vanthu.system.PrivateFiles;

/**
 * The embedded default's online backup: H2's {@code BACKUP TO} (a consistent copy while the app
 * runs) and the shared folder (the demo keys, without which the restored PDFs' signer is unknown),
 * in one zip under {@code vanthu.backup-dir}: {@code db/…} goes to {@code {data-dir}/db/},
 * {@code shared/…} to {@code {shared-dir}/} (docs/operations.md, "Backups"). PostgreSQL is backed
 * up with pg_dump instead.
 */
@Service
class H2Backup {

    private static final Logger log = LoggerFactory.getLogger(H2Backup.class);
    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    /** What was written. */
    public record Result(Path file, long bytes, Duration took) {}

    private final DataSource dataSource;
    private final InstallationProperties storage;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    H2Backup(DataSource dataSource, InstallationProperties storage, Clock clock) {
        this.dataSource = dataSource;
        this.storage = storage;
        this.clock = clock;
    }

    /**
     * Writes a new backup.
     *
     * @throws ConflictException on PostgreSQL, or while another backup runs
     */
    public Result backup() {
        if (!running.tryLock()) {
            throw new ConflictException("Đang sao lưu; chờ lần sao lưu này xong rồi thử lại.");
        }
        try (Connection c = dataSource.getConnection()) {
            if (!"H2".equals(c.getMetaData().getDatabaseProductName())) {
                throw new ConflictException(
                        "Cơ sở dữ liệu là " + c.getMetaData().getDatabaseProductName()
                                + ": sao lưu bằng pg_dump (xem docs/operations.md).");
            }
            Instant start = clock.instant();
            // a backup holds every document and the demo keys: the service's account only
            PrivateFiles.folder(storage.backupDir());
            Path target = storage.backupDir().resolve("vanthu-" + NAME.format(start) + ".zip");
            Path database = Files.createTempFile(storage.backupDir(), "h2-", ".zip.tmp");
            Path partial = target.resolveSibling(target.getFileName() + ".tmp");
            try {
                Files.delete(database); // BACKUP TO writes the file itself
                try (Statement s = c.createStatement()) {
                    s.execute(
                            "BACKUP TO '" + database.toAbsolutePath().toString().replace("'", "''") + "'");
                }
                Files.deleteIfExists(partial); // left by a crash: made again, 0600
                try (OutputStream out = PrivateFiles.create(partial);
                        ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                    copyEntries(database, "db/", zip);
                    addFolder(storage.sharedDir().resolve("keys"), "shared/keys/", zip);
                }
                Files.move(partial, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(database);
                Files.deleteIfExists(partial);
            }
            Result result =
                    new Result(target.toAbsolutePath(), Files.size(target), Duration.between(start, clock.instant()));
            log.info(
                    "Backup written: {} ({} bytes, {} ms)",
                    result.file(),
                    result.bytes(),
                    result.took().toMillis());
            return result;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Backup failed: " + e.getMessage(), e);
        } finally {
            running.unlock();
        }
    }

    /**
     * H2 has deflated the database once: its entries go in as they are, not inflated and deflated
     * again (that took half the backup's time: 272 MB of database, 4.8 s to deflate anew).
     */
    private static void copyEntries(Path zipFile, String prefix, ZipArchiveOutputStream zip) throws IOException {
        try (ZipFile h2 = ZipFile.builder().setPath(zipFile).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(h2.getEntriesInPhysicalOrder())) {
                if (!e.isDirectory()) {
                    ZipArchiveEntry copy = new ZipArchiveEntry(prefix + e.getName());
                    copy.setMethod(e.getMethod());
                    copy.setCrc(e.getCrc());
                    copy.setSize(e.getSize());
                    copy.setCompressedSize(e.getCompressedSize());
                    copy.setTime(e.getTime());
                    try (InputStream raw = h2.getRawInputStream(e)) {
                        zip.addRawArchiveEntry(copy, raw);
                    }
                }
            }
        }
    }

    private static void addFolder(Path folder, String prefix, ZipArchiveOutputStream zip) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().endsWith(".tmp")
                            && !f.getFileName().toString().equals(".lock"))
                    .sorted()
                    .toList();
        }
        for (Path f : files) {
            zip.putArchiveEntry(
                    new ZipArchiveEntry(prefix + folder.relativize(f).toString().replace('\\', '/')));
            Files.copy(f, zip);
            zip.closeArchiveEntry();
        }
    }
}

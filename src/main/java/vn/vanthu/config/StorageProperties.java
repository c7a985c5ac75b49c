package vn.vanthu.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where files live ({@code vanthu.data-dir}, {@code vanthu.shared-dir}).
 *
 * @param dataDir   this node's own folder: the embedded default's H2 database. Nothing another node
 *                  needs is kept here (issued PDFs, drafts and sessions are in the database).
 * @param sharedDir the folder all nodes must see alike (one mount on every node): the demo keys
 *                  ({@code keys/}). Default: {@code data-dir}, right for a single node.
 * @param backupDir where POST /api/admin/backup writes the embedded H2's online backups (one zip each,
 *                  database and shared folder). Default: {@code {data-dir}/backups}; better another disk.
 */
@ConfigurationProperties("vanthu")
public record StorageProperties(Path dataDir, Path sharedDir, Path backupDir) {

    public StorageProperties {
        dataDir = dataDir == null ? Path.of("./data") : dataDir;
        sharedDir = sharedDir == null ? dataDir : sharedDir;
        backupDir = backupDir == null ? dataDir.resolve("backups") : backupDir;
    }
}

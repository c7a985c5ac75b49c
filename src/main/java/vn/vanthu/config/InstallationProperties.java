package vn.vanthu.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.*}: where this installation keeps its files and how the world reaches it.
 *
 * @param dataDir   this node's own folder: the embedded default's H2 database. Nothing another node
 *                  needs is kept here (issued PDFs, drafts and sessions are in the database).
 * @param sharedDir the folder all nodes must see alike (one mount on every node): the demo keys
 *                  ({@code keys/}). Default: {@code data-dir}, right for a single node.
 * @param backupDir where POST /api/admin/backup writes the embedded H2's online backups (one zip each,
 *                  database and shared folder). Default: {@code {data-dir}/backups}; better another disk.
 * @param publicUrl the address recipients' links point to (http or https, no trailing slash)
 * @param demoData  the embedded default's demo users, address book and keys (off in {@code prod})
 */
@ConfigurationProperties("vanthu")
public record InstallationProperties(
        @DefaultValue("./data") Path dataDir,
        Path sharedDir,
        Path backupDir,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("false") boolean demoData) {

    public InstallationProperties {
        sharedDir = sharedDir == null ? dataDir : sharedDir;
        backupDir = backupDir == null ? dataDir.resolve("backups") : backupDir;
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            throw new IllegalArgumentException("vanthu.public-url must be an http(s) address: " + publicUrl);
        }
        publicUrl = publicUrl.replaceAll("/+$", "");
    }
}

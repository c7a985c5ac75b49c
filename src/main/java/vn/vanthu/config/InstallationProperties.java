package vn.vanthu.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vanthu.*}: where this installation keeps its files and how the world reaches it.
 *
 * @param dataDir   the folder of the H2 database, the demo keys and other local files
 * @param publicUrl the address recipients' links point to (http or https, no trailing slash)
 * @param demoData  the embedded default's demo users, address book and keys (off in {@code prod})
 */
@ConfigurationProperties("vanthu")
public record InstallationProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") String publicUrl,
        @DefaultValue("false") boolean demoData) {

    public InstallationProperties {
        if (!publicUrl.startsWith("http://") && !publicUrl.startsWith("https://")) {
            throw new IllegalArgumentException("vanthu.public-url must be an http(s) address: " + publicUrl);
        }
        publicUrl = publicUrl.replaceAll("/+$", "");
    }
}

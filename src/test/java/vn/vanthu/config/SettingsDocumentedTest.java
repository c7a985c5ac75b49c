package vn.vanthu.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every vanthu.* setting that application*.yaml sets or the docs name is one our
 * {@code @ConfigurationProperties} bind (as the generated metadata lists them): a key that nothing
 * reads, or a README line naming a setting that does not exist, fails here without Spring.
 */
class SettingsDocumentedTest {

    static final Pattern NAMED_IN_DOCS = Pattern.compile("`(vanthu\\.[a-z0-9.-]+[a-z0-9])");

    final Set<String> known = known();

    static Set<String> known() {
        try (InputStream in =
                SettingsDocumentedTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-boot-configuration-processor's metadata").isNotNull();
            JsonNode metadata = new ObjectMapper().readTree(in);
            Set<String> names = new TreeSet<>();
            metadata.get("properties").forEach(p -> names.add(p.get("name").asText()));
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key is bound when it is a property, or an entry or element below a map or list property. */
    boolean bound(String key) {
        return known.stream().anyMatch(k -> key.equals(k) || key.startsWith(k + ".") || key.startsWith(k + "["));
    }

    @Test
    void everyVanthuKeyInTheYamlFilesIsBound() throws IOException {
        List<String> unbound = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml"))
                    .toList()) {
                Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
                for (Object document : yaml.loadAll(Files.readString(file))) {
                    flatten("", document, key -> {
                        if (key.startsWith("vanthu.") && !bound(key)) {
                            unbound.add(file.getFileName() + ": " + key);
                        }
                    });
                }
            }
        }
        assertThat(unbound).isEmpty();
    }

    @Test
    void everySettingTheDocsNameExists() throws IOException {
        List<String> unknown = new ArrayList<>();
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(Path.of("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).forEach(docs::add);
        }
        for (Path doc : docs) {
            Matcher named = NAMED_IN_DOCS.matcher(Files.readString(doc));
            while (named.find()) {
                String key = named.group(1);
                if (key.matches(".*\\.(db|p12|cer|log|zip|sql|yaml|jar)")) {
                    continue; // a file's name (vanthu.mv.db), not a setting
                }
                // a group of settings ("vanthu.signing.pkcs11") counts when something below it is bound
                if (!bound(key) && known.stream().noneMatch(k -> k.startsWith(key + "."))) {
                    unknown.add(doc + ": " + key);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Object node, java.util.function.Consumer<String> key) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, key));
        } else {
            key.accept(prefix);
        }
    }
}

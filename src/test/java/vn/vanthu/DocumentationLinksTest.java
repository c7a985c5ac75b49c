package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ link only files that are in the repository: no link leaves it (../…, an
 * absolute path) and none points at a file that is not there. Web addresses are not checked.
 */
class DocumentationLinksTest {

    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(#[^)]*)?\\)");
    static final Path TOP = Path.of("").toAbsolutePath().normalize();

    @Test
    void everyLinkStaysInTheRepositoryAndResolves() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
            docs.filter(f -> f.toString().endsWith(".md")).forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s):, mailto:
                }
                Path resolved =
                        document.toAbsolutePath().getParent().resolve(target).normalize();
                if (!resolved.startsWith(TOP) || !Files.exists(resolved)) {
                    broken.add(document + " → " + target);
                }
            }
        }
        assertThat(broken).isEmpty();
    }
}

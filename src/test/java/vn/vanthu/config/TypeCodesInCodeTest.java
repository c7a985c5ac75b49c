package vn.vanthu.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Document types are configuration (vanthu.document-types): no code outside the demo data names a
 * type's code. A new type is then a block of settings, not a hunt for every {@code "GM".equals(type)}.
 * Reads the sources, no Spring.
 */
class TypeCodesInCodeTest {

    static final Path MAIN = Path.of("src/main/java");
    static final Path DEMO = MAIN.resolve("vn/vanthu/demo");
    /** The codes shipped in application.yaml, as Java string literals. */
    static final Pattern CODE = Pattern.compile("\"(GM|KL|TB)\"");

    static List<String> literals(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(DEMO))
                    .sorted()
                    .toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (CODE.matcher(lines.get(i)).find()) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        return found;
    }

    @Test
    void noJavaOutsideTheDemoDataNamesATypeCode() throws IOException {
        assertThat(Files.isDirectory(DEMO))
                .as("the demo package moved: update this test")
                .isTrue();
        assertThat(literals(MAIN))
                .as("ask OrganisationProperties (hasMeeting, label, defaultType…) instead of naming a type")
                .isEmpty();
    }

    @Test
    void theScanFindsALiteral() throws IOException {
        Path dir = Files.createTempDirectory("types");
        try {
            Files.writeString(dir.resolve("A.java"), "class A { boolean m(String t) { return \"KL\".equals(t); } }");
            assertThat(literals(dir)).hasSize(1);
        } finally {
            Files.delete(dir.resolve("A.java"));
            Files.delete(dir);
        }
    }
}

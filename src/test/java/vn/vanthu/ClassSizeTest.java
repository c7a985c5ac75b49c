package vn.vanthu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No class under src/main over 450 lines (issue 28): a class that long does several jobs; split
 * it by job, as the demo CA left SigningKeys and the preview cache DocumentIssuer.
 */
class ClassSizeTest {

    static final int MOST_LINES = 450;

    @Test
    void noMainSourceFileIsOverTheLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines = Files.readAllLines(file).size();
                if (lines > MOST_LINES) {
                    tooLong.add(file + ": " + lines + " lines");
                }
            }
        }
        assertThat(tooLong).as("split these by job").isEmpty();
    }
}

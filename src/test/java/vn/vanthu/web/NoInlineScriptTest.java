package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Content-Security-Policy allows scripts from our own files only: a template with an inline
 * script or an on* handler would silently stop working in the browser. Emails and the PDF
 * template are not pages of ours and are left out.
 */
class NoInlineScriptTest {

    static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    static final Pattern HANDLER = Pattern.compile("<[^>]*\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    static final Pattern JAVASCRIPT_URL =
            Pattern.compile("href\\s*=\\s*[\"']\\s*javascript:", Pattern.CASE_INSENSITIVE);

    @Test
    void noTemplateOfOurPagesHasAnInlineScriptOrHandler() throws IOException {
        List<Path> pages = pageTemplates();
        assertThat(pages).hasSizeGreaterThan(10);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertThat(INLINE_SCRIPT.matcher(html).find())
                    .as("inline <script> in " + page)
                    .isFalse();
            assertThat(HANDLER.matcher(html).find())
                    .as("on* handler in " + page)
                    .isFalse();
            assertThat(JAVASCRIPT_URL.matcher(html).find())
                    .as("javascript: link in " + page)
                    .isFalse();
        }
    }

    /** The templates of the pages a browser shows (not the emails' nor the PDFs'). */
    static List<Path> pageTemplates() throws IOException {
        Path templates = Path.of("src/main/resources/templates");
        try (Stream<Path> files = Files.walk(templates)) {
            return files.filter(p -> p.toString().endsWith(".html"))
                    .filter(p -> !p.startsWith(templates.resolve("mail")) && !p.startsWith(templates.resolve("pdf")))
                    .toList();
        }
    }
}

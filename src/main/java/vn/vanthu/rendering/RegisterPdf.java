package vn.vanthu.rendering;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The outgoing register as a PDF to print and bind: a cover page in the Party layout (superior
 * body, issuing body, "*", SỔ ĐĂNG KÝ VĂN BẢN ĐI, the book's label, numbers and dates it holds),
 * then the lines in a table whose header repeats on every page, A4 landscape with a binding margin.
 */
public final class RegisterPdf {

    static {
        Slf4jXRLogger.install();
    }

    private static final TemplateEngine TEMPLATES = DocumentRenderer.templateEngine();

    /**
     * @param superiorBody e.g. "ĐẢNG BỘ TỈNH BÌNH ĐỊNH"
     * @param organisation the issuing body
     * @param typeName     e.g. "GIẤY MỜI"
     * @param label        "Năm 2026", "Nhiệm kỳ 2025 - 2030"
     * @param columns      the column titles
     * @param rows         cells; line breaks in a cell are kept
     */
    public record Book(
            String superiorBody,
            String organisation,
            String typeName,
            String label,
            String firstNumber,
            String lastNumber,
            String firstDay,
            String lastDay,
            List<String> columns,
            List<List<String>> rows) {

        /** The issuing body's lines ("\n" where it breaks). */
        public List<String> organisationLines() {
            return organisation == null ? List.of() : List.of(organisation.split("\n"));
        }
    }

    private RegisterPdf() {}

    public static byte[] render(Book book) {
        String xhtml =
                TEMPLATES.process("pdf/register", new Context(Locale.forLanguageTag("vi-VN"), Map.of("book", book)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try (PDDocument doc = new PDDocument()) {
            DocumentRenderer.pdfBuilder(doc, xhtml, out).run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the register as PDF", e);
        }
        return out.toByteArray();
    }
}

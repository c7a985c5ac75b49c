package vn.vanthu.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Number and date as form fields: blank in the text the leader signs, filled in by an incremental update. */
class IssueFieldsTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Test
    void blankForTheLeaderThenFilledInAsAnIncrementalUpdate() throws Exception {
        RenderedPdf blank = RENDERER.render(Samples.unnumbered(Samples.invitation()));
        Path out = Path.of("target", "issue-fields");
        Files.createDirectories(out);
        Files.write(out.resolve("blank.pdf"), blank.pdf());
        try (PDDocument doc = Loader.loadPDF(blank.pdf())) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            assertThat(form.getField(IssueFields.NUMBER_FIELD).getValueAsString())
                    .isEmpty();
            assertThat(form.getField(IssueFields.DATE_FIELD).getValueAsString()).isEmpty();
            assertThat(form.getField(IssueFields.NUMBER_FIELD).isReadOnly()).isTrue();
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).doesNotContain("Số 117").doesNotContain("-GM/ĐUK").doesNotContain("ngày 05");
        }

        byte[] filled = IssueFields.fill(blank.pdf(), "Số 117-GM/ĐUK", "Quy Nhơn, ngày 05 tháng 02 năm 2026");
        // incremental: the blank document is a prefix of the filled one, byte for byte
        assertThat(filled.length).isGreaterThan(blank.pdf().length);
        assertThat(java.util.Arrays.equals(blank.pdf(), 0, blank.pdf().length, filled, 0, blank.pdf().length))
                .isTrue();
        try (PDDocument doc = Loader.loadPDF(filled)) {
            PDAcroForm form = doc.getDocumentCatalog().getAcroForm();
            assertThat(form.getField(IssueFields.NUMBER_FIELD).getValueAsString())
                    .isEqualTo("Số 117-GM/ĐUK");
            assertThat(form.getField(IssueFields.DATE_FIELD).getValueAsString())
                    .isEqualTo("Quy Nhơn, ngày 05 tháng 02 năm 2026");
        }
        Files.write(out.resolve("filled.pdf"), filled);
    }
}

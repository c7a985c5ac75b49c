package vn.vanthu.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.BesideTheOthers;

@BesideTheOthers // no Spring, nothing the others read
class DocumentRendererTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    @Test
    void invitationCarriesAllItsTextWithVietnameseDiacritics() throws IOException {
        RenderedPdf rendered = RENDERER.render(Samples.invitation());
        String text = PdfInspection.text(rendered.pdf());

        assertThat(text)
                .contains(
                        "ĐẢNG BỘ TỈNH BÌNH ĐỊNH",
                        "ĐẢNG CỘNG SẢN VIỆT NAM",
                        "Số 117-GM/ĐUK",
                        "GIẤY MỜI",
                        "Quy Nhơn, ngày 05 tháng 02 năm 2026",
                        "Dự hội nghị sơ kết công tác xây dựng Đảng 6 tháng đầu năm 2026",
                        "Kính mời:",
                        "Thời gian: 08 giờ 00 đến 11 giờ 30, thứ Năm, ngày 26 tháng 11 năm 2026",
                        "Hội trường tầng 3",
                        "Chủ trì: Đồng chí Nguyễn Văn An",
                        "Nội dung: Sơ kết công tác xây dựng Đảng",
                        "Chuẩn bị:",
                        "Liên hệ:",
                        "Rất mong các đồng chí đến dự đúng thời gian./.",
                        "Nơi nhận:",
                        "- Các đồng chí Ủy viên Ban Thường vụ,",
                        "- Văn phòng Tỉnh ủy,",
                        "- Lưu Văn phòng.",
                        "T/M BAN THƯỜNG VỤ",
                        "BÍ THƯ",
                        "Nguyễn Văn An");
        assertThat(text.replaceAll("\\s+", " ")).contains(Samples.PLACE);
        assertA4WithEmbeddedLiberationSerif(rendered.pdf());
    }

    @Test
    void conclusionEscapesMarkupCharactersAndKeepsSections() throws IOException {
        RenderedPdf rendered = RENDERER.render(Samples.conclusion(Samples.conclusionBody()));
        String text = PdfInspection.text(rendered.pdf());
        String flat = text.replaceAll("\\s+", " ");

        assertThat(text)
                .contains(
                        "KẾT LUẬN",
                        "Số 25-KL/ĐUK",
                        "PHÓ BÍ THƯ",
                        "Lê Thị Hồng Nhung",
                        "1. Tiếp tục tăng cường sự lãnh đạo",
                        "3. Tổ chức thực hiện",
                        "- Lưu Văn phòng.");
        assertThat(flat).contains("& nhiệm vụ năm 2026 (<dự thảo> \"lần 2\")");
        assertThat(text).doesNotContain("Kính mời", "Rất mong");
        assertA4WithEmbeddedLiberationSerif(rendered.pdf());
    }

    @Test
    void unnumberedTextLeavesNumberAndDateBlank() {
        DocumentSheet s = Samples.invitation();
        DocumentSheet preview = Samples.unnumbered(s);
        String text = PdfInspection.text(RENDERER.render(preview).pdf());
        // the leader signs this: number and date are empty form fields, filled in at issue (IssueFieldsTest)
        assertThat(text).doesNotContain("117-GM").doesNotContain("-GM/ĐUK").doesNotContain(s.dateLine());
    }

    @Test
    void signerAreaLiesBetweenThePositionAndTheName() {
        RenderedPdf rendered = RENDERER.render(Samples.invitation());
        assertSignatureBlockAroundAreas(rendered, "BÍ THƯ", "Nguyễn Văn An");
        assertThat(rendered.signerArea().page()).isZero();
        // 62 mm x 50 mm: the signature image and the seal with its two lines, clear of position and name
        assertThat(rendered.signerArea().width()).isCloseTo(175.75f, org.assertj.core.data.Offset.offset(0.5f));
        assertThat(rendered.signerArea().height()).isCloseTo(141.73f, org.assertj.core.data.Offset.offset(0.5f));
    }

    @Test
    void longDocumentKeepsTheSignatureBlockOnOnePage() {
        RenderedPdf rendered = RENDERER.render(Samples.conclusion(Samples.longBody(60)));
        List<PdfInspection.Line> lines = PdfInspection.lines(rendered.pdf());
        int pages = lines.stream().mapToInt(PdfInspection.Line::page).max().orElseThrow() + 1;
        assertThat(pages).isGreaterThanOrEqualTo(3);

        PdfInspection.Line title = PdfInspection.line(lines, "Nơi nhận:");
        assertThat(title.page()).isEqualTo(rendered.signerArea().page());
        assertThat(PdfInspection.line(lines, "- Lưu Văn phòng.").page()).isEqualTo(title.page());
        assertThat(PdfInspection.line(lines, "T/M BAN THƯỜNG VỤ").page()).isEqualTo(title.page());
        assertSignatureBlockAroundAreas(rendered, "PHÓ BÍ THƯ", "Lê Thị Hồng Nhung");
    }

    @Test
    void signatureBlockMovesToTheNextPageRatherThanSplitting() {
        // grow the body until the block would straddle a page end somewhere: it must never split
        boolean moved = false;
        for (int n = 10; n <= 26; n++) {
            List<String> body = Samples.longBody(n);
            RenderedPdf rendered = RENDERER.render(Samples.conclusion(body));
            List<PdfInspection.Line> lines = PdfInspection.lines(rendered.pdf());
            int page = rendered.signerArea().page();
            // the last paragraph goes with the block (issue 13): the one before it may stay behind
            int lastParagraphPage =
                    PdfInspection.pageOf(rendered.pdf(), body.get(n - 1).substring(0, 12));
            int previousParagraphPage =
                    PdfInspection.pageOf(rendered.pdf(), body.get(n - 2).substring(0, 12));
            assertThat(lastParagraphPage).isEqualTo(page);
            assertThat(previousParagraphPage).isNotNegative();
            moved |= previousParagraphPage < page;
            for (String t :
                    List.of("Nơi nhận:", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Lê Thị Hồng Nhung", "- Lưu Văn phòng.")) {
                assertThat(PdfInspection.line(lines, t).page())
                        .as("%s with %d paragraphs", t, n)
                        .isEqualTo(page);
            }
            assertSignatureBlockAroundAreas(rendered, "PHÓ BÍ THƯ", "Lê Thị Hồng Nhung");
        }
        assertThat(moved)
                .as("some length pushed the whole block to the next page")
                .isTrue();
    }

    @Test
    void rendersConcurrently() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<RenderedPdf>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                DocumentSheet sheet = i % 2 == 0 ? Samples.invitation() : Samples.conclusion(Samples.conclusionBody());
                results.add(pool.submit(() -> RENDERER.render(sheet)));
            }
            for (java.util.concurrent.Future<RenderedPdf> f : results) {
                assertThat(PdfInspection.text(f.get().pdf())).contains("ĐẢNG CỘNG SẢN VIỆT NAM", "T/M BAN THƯỜNG VỤ");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void writesSample() throws IOException {
        RenderedPdf gm = RENDERER.render(Samples.invitation());
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "sample-gm.pdf"), gm.pdf());
        System.out.println("target/sample-gm.pdf signerArea=" + gm.signerArea());
        Files.write(
                Path.of("target/sample-kl.pdf"),
                RENDERER.render(Samples.conclusion(Samples.conclusionBody())).pdf());
        Files.write(
                Path.of("target/sample-long.pdf"),
                RENDERER.render(Samples.conclusion(Samples.longBody(60))).pdf());
    }

    @Test
    void benchmark() {
        DocumentSheet gm = Samples.invitation();
        DocumentSheet kl = Samples.conclusion(Samples.conclusionBody());
        for (int i = 0; i < 40; i++) {
            RENDERER.render(i % 2 == 0 ? gm : kl);
        }
        int runs = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            RENDERER.render(i % 2 == 0 ? gm : kl);
        }
        double ms = (System.nanoTime() - t0) / 1e6 / runs;
        System.out.printf("DocumentRenderer: %.1f ms per document (1-page GM/KL, %d runs after warm-up)%n", ms, runs);
    }

    /** The area sits just below the position line and just above the name, inside the same page. */
    static void assertSignatureBlockAroundAreas(RenderedPdf rendered, String position, String name) {
        RenderedPdf.Area area = rendered.signerArea();
        List<PdfInspection.Line> lines = PdfInspection.lines(rendered.pdf());
        PdfInspection.Line positionLine = lines.stream()
                .filter(l -> l.text().strip().equals(position) && l.page() == area.page())
                .findFirst()
                .orElseThrow();
        PdfInspection.Line nameLine = PdfInspection.line(lines, name);

        assertThat(nameLine.page()).isEqualTo(area.page());
        float areaTop = area.y() + area.height();
        // position baseline a little above the box top (less than one line)
        assertThat(positionLine.baselineY()).isBetween(areaTop, areaTop + 14f);
        // name's baseline a little below the box bottom (within one line)
        assertThat(nameLine.baselineY()).isBetween(area.y() - 20f, area.y());
        // horizontally, the name is centred in the column like the box
        assertThat(nameLine.x()).isBetween(area.x() - 40f, area.x() + area.width());
    }

    static void assertA4WithEmbeddedLiberationSerif(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDFont> fonts = new ArrayList<>();
            for (PDPage page : doc.getPages()) {
                PDRectangle box = page.getMediaBox();
                assertThat(box.getWidth())
                        .isCloseTo(PDRectangle.A4.getWidth(), org.assertj.core.data.Offset.offset(0.5f));
                assertThat(box.getHeight())
                        .isCloseTo(PDRectangle.A4.getHeight(), org.assertj.core.data.Offset.offset(0.5f));
                PDResources res = page.getResources();
                for (COSName n : res.getFontNames()) {
                    fonts.add(res.getFont(n));
                }
            }
            assertThat(fonts).isNotEmpty();
            assertThat(fonts).allSatisfy(f -> {
                assertThat(f.getName()).contains("LiberationSerif");
                assertThat(f.isEmbedded()).as(f.getName()).isTrue();
            });
            assertThat(fonts).anySatisfy(f -> assertThat(f.getName()).contains("LiberationSerif-Bold"));
            assertThat(fonts).anySatisfy(f -> assertThat(f.getName()).contains("LiberationSerif-Italic"));
        }
    }
}

package vn.vanthu.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The marks issue 13 adds to the rendered page, without Spring: urgency and circulation under the
 * number, DỰ THẢO, the title line, authority lines, heading marks, a long Nơi nhận kept with the
 * signature. Writes the samples of docs/document-rules.md into target/print-samples.
 */
class PrintMarksTest {

    private static final DocumentRenderer RENDERER = new DocumentRenderer();

    static List<String> recipients(int n) {
        List<String> r = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            r.add("Đồng chí Bí thư Chi bộ cơ quan số " + i);
        }
        return r;
    }

    static DocumentSheet urgentInvitation(int recipients) {
        DocumentSheet s = Samples.invitation();
        return new DocumentSheet(
                s.superiorBody(),
                "ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH",
                s.number(),
                s.symbol(),
                s.dateLine(),
                s.typeName(),
                s.summary(),
                s.body(),
                s.meeting(),
                recipients(recipients),
                s.collectiveSigner(),
                s.signerPosition(),
                s.signerName(),
                new DocumentSheet.Marks("KHẨN", null, false, null, List.of("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG")));
    }

    static DocumentSheet conclusion() {
        DocumentSheet s = Samples.conclusion(List.of(
                "Ngày 03/02/2026, Ban Thường vụ Đảng ủy Khối họp, nghe báo cáo kết quả công tác kiểm tra, giám sát năm 2025. "
                        + "Ban Thường vụ kết luận như sau:",
                "# I. ĐÁNH GIÁ CHUNG",
                "1. Các cấp ủy đã quán triệt quan điểm kiểm tra, giám sát là chức năng lãnh đạo của Đảng.",
                "2. Chất lượng xây dựng và thực hiện chương trình kiểm tra, giám sát được nâng lên.",
                "# II. NHIỆM VỤ NĂM 2026",
                "1. Tiếp tục tăng cường sự lãnh đạo, chỉ đạo của cấp ủy đối với công tác kiểm tra, giám sát.",
                "2. Giao Văn phòng Đảng ủy Khối theo dõi, đôn đốc việc thực hiện Kết luận này./."));
        return new DocumentSheet(
                "ĐẢNG BỘ TỈNH BÌNH ĐỊNH",
                "ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH",
                s.number(),
                s.symbol(),
                s.dateLine(),
                s.typeName(),
                "về công tác kiểm tra, giám sát năm 2025 và nhiệm vụ năm 2026",
                s.body(),
                null,
                List.of("Thường trực Tỉnh ủy (để báo cáo)", "Các chi, đảng bộ trực thuộc"),
                s.collectiveSigner(),
                s.signerPosition(),
                s.signerName(),
                new DocumentSheet.Marks(null, null, false, "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI", List.of()));
    }

    static DocumentSheet internal() {
        DocumentSheet s = conclusion();
        return s.withMarks(
                new DocumentSheet.Marks(null, "Lưu hành nội bộ", false, "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI", List.of()));
    }

    @Test
    void urgencyIsBoldUnderTheNumberAndTheAuthorityLinesAreTheConfiguredOnes() {
        byte[] pdf = RENDERER.render(urgentInvitation(3)).pdf();
        List<PdfInspection.Line> lines = PdfInspection.lines(pdf);
        PdfInspection.Line number = PdfInspection.line(lines, "Số 117-GM/ĐUK");
        PdfInspection.Line urgency = PdfInspection.line(lines, "KHẨN");
        assertThat(urgency.page()).isZero();
        assertThat(urgency.baselineY()).as("under the number").isLessThan(number.baselineY());
        String text = PdfInspection.text(pdf);
        assertThat(text).contains("T/L BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG").doesNotContain("T/M BAN THƯỜNG VỤ");
        assertThat(text).contains("ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH");
    }

    @Test
    void numberAndDateStandOnOneRow() {
        List<PdfInspection.Line> lines =
                PdfInspection.lines(RENDERER.render(Samples.invitation()).pdf());
        PdfInspection.Line number = PdfInspection.line(lines, "Số 117-GM/ĐUK");
        PdfInspection.Line date = PdfInspection.line(lines, "Quy Nhơn, ngày 05 tháng 02 năm 2026");
        assertThat(Math.abs(number.baselineY() - date.baselineY())).isLessThan(3f);
    }

    @Test
    void onlyMarkedLinesAreHeadings() {
        assertThat(DocumentRenderer.Paragraph.of("1. Tiếp tục").heading()).isFalse();
        assertThat(DocumentRenderer.Paragraph.of("# 1. Tiếp tục"))
                .isEqualTo(new DocumentRenderer.Paragraph(null, "1. Tiếp tục", true));
        assertThat(DocumentRenderer.Paragraph.of("#1. không có dấu cách").heading())
                .isFalse();
    }

    @Test
    void theOfficeCopyIsTheLastLineOfNoiNhan() {
        assertThat(DocumentRenderer.recipientLines(List.of("A", " ", "B")))
                .containsExactly("- A,", "- B,", "- Lưu Văn phòng.");
    }

    @Test
    void thirtyFiveRecipientsStayWithTheSignatureAndTheLastParagraph() {
        RenderedPdf rendered = RENDERER.render(urgentInvitation(35));
        List<PdfInspection.Line> lines = PdfInspection.lines(rendered.pdf());
        int closing = PdfInspection.pageOf(rendered.pdf(), "Rất mong các đồng chí");
        assertThat(rendered.signerArea().page())
                .as("signature on the page where the body ends")
                .isEqualTo(closing);
        assertThat(PdfInspection.line(lines, "Nơi nhận:").page()).isEqualTo(closing);
        assertThat(PdfInspection.line(lines, "T/L BAN THƯỜNG VỤ").page()).isEqualTo(closing);
        // 35 lines are kept whole beside the signature: no page of nothing but Nơi nhận
        assertThat(PdfInspection.line(lines, "- Đồng chí Bí thư Chi bộ cơ quan số 35,")
                        .page())
                .isEqualTo(closing);
        PdfInspection.Line last = PdfInspection.line(lines, "- Lưu Văn phòng.");
        PdfInspection.Line thirtyFifth = PdfInspection.line(lines, "- Đồng chí Bí thư Chi bộ cơ quan số 35,");
        assertThat(last.page() > thirtyFifth.page()
                        || (last.page() == thirtyFifth.page() && last.baselineY() < thirtyFifth.baselineY()))
                .isTrue();
    }

    @Test
    void aListLongerThanAPageStartsBesideTheSignatureAndGoesOnUnderIt() {
        RenderedPdf rendered = RENDERER.render(urgentInvitation(60));
        List<PdfInspection.Line> lines = PdfInspection.lines(rendered.pdf());
        int page = rendered.signerArea().page();
        assertThat(PdfInspection.line(lines, "Nơi nhận:").page()).isEqualTo(page);
        assertThat(PdfInspection.line(lines, "- Đồng chí Bí thư Chi bộ cơ quan số 1,")
                        .page())
                .isEqualTo(page);
        assertThat(PdfInspection.line(lines, "- Lưu Văn phòng.").page()).isGreaterThanOrEqualTo(page);
        assertThat(PdfInspection.pageOf(rendered.pdf(), "Rất mong các đồng chí"))
                .isEqualTo(page);
    }

    @Test
    void aDraftIsMarkedAndHasNoDate() {
        DocumentSheet s = Samples.invitation();
        DocumentSheet draft = Samples.unnumbered(s).withMarks(DocumentSheet.Marks.NONE.asDraft());
        String text = PdfInspection.text(RENDERER.render(draft).pdf());
        assertThat(text).contains("DỰ THẢO").doesNotContain(s.dateLine());
    }

    @Test
    void theDraftMarkTakesNoRoomSoThePreviewHasTheSignedCopysGeometry() {
        for (DocumentSheet s : List.of(urgentInvitation(35), Samples.unnumbered(Samples.invitation()))) {
            DocumentSheet signed = Samples.unnumbered(s).withMarks(s.marks());
            DocumentSheet preview = signed.withMarks(s.marks().asDraft());
            List<PdfInspection.Line> signedLines =
                    PdfInspection.lines(RENDERER.render(signed).pdf());
            List<PdfInspection.Line> previewLines =
                    PdfInspection.lines(RENDERER.render(preview).pdf());
            assertThat(firstBodyLine(previewLines).baselineY())
                    .as("the first body line of the preview stands where the signed copy's does")
                    .isEqualTo(firstBodyLine(signedLines).baselineY());
            // every line (the mark aside) on the same page at the same height: identical page breaks
            List<PdfInspection.Line> withoutMark = previewLines.stream()
                    .filter(l -> !l.text().contains("DỰ THẢO"))
                    .toList();
            assertThat(withoutMark)
                    .extracting(l -> l.page() + ":" + Math.round(l.baselineY()) + ":" + l.text())
                    .containsExactlyElementsOf(signedLines.stream()
                            .map(l -> l.page() + ":" + Math.round(l.baselineY()) + ":" + l.text())
                            .toList());
            PdfInspection.Line mark = previewLines.stream()
                    .filter(l -> l.text().contains("DỰ THẢO"))
                    .findFirst()
                    .orElseThrow();
            assertThat(mark.page()).isZero();
            assertThat(mark.baselineY())
                    .as("in the top margin, above the Party's heading")
                    .isGreaterThan(PdfInspection.line(previewLines, "ĐẢNG CỘNG SẢN VIỆT NAM")
                                    .baselineY()
                            + 14)
                    .isLessThan(842);
        }
    }

    private static PdfInspection.Line firstBodyLine(List<PdfInspection.Line> lines) {
        return lines.stream()
                .filter(l -> l.text().startsWith("Kính mời:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no body line in " + lines));
    }

    @Test
    void aWrappedRecipientLineHangsAfterItsDash() {
        DocumentSheet s = Samples.invitation();
        DocumentSheet longLine = new DocumentSheet(
                s.superiorBody(),
                s.issuingBody(),
                s.number(),
                s.symbol(),
                s.dateLine(),
                s.typeName(),
                s.summary(),
                s.body(),
                s.meeting(),
                List.of(
                        "Ban Thường vụ các huyện ủy, thị ủy, thành ủy và các đảng ủy trực thuộc Tỉnh ủy (để thực hiện)"),
                s.collectiveSigner(),
                s.signerPosition(),
                s.signerName());
        List<PdfInspection.Line> lines =
                PdfInspection.lines(RENDERER.render(longLine).pdf());
        PdfInspection.Line dash = lines.stream()
                .filter(l -> l.text().startsWith("- Ban Thường vụ"))
                .findFirst()
                .orElseThrow();
        PdfInspection.Line title = PdfInspection.line(lines, "Nơi nhận:");
        PdfInspection.Line next = lines.stream()
                .filter(l -> l.page() == dash.page() && l.baselineY() < dash.baselineY() - 1 && l.x() < 300)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the line does not wrap: " + lines));
        assertThat(dash.x()).isCloseTo(title.x(), org.assertj.core.data.Offset.offset(0.5f));
        assertThat(next.x() - dash.x())
                .as("the continuation aligned after \"- \"")
                .isBetween(6f, 8f);
    }

    @Test
    void theRegisterBookHasACoverAndEveryColumn() throws IOException {
        List<String> columns = List.of(
                "Số, ký hiệu văn bản",
                "Ngày, tháng văn bản",
                "Tên loại và trích yếu nội dung văn bản",
                "Người ký",
                "Nơi nhận văn bản",
                "Đơn vị, người nhận bản lưu",
                "Số lượng bản",
                "Ngày chuyển",
                "Ký nhận",
                "Độ khẩn",
                "Ghi chú");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            rows.add(List.of(
                    String.format("%02d-KL/ĐUK", i),
                    "05/02/2026",
                    "Kết luận: về công tác kiểm tra số " + i,
                    "Lê Thị Hằng",
                    "Thường trực Tỉnh ủy (để báo cáo)\nCác chi, đảng bộ trực thuộc\nLưu Văn phòng",
                    "Văn phòng",
                    "36",
                    "05/02/2026 14:10",
                    "30/35 đã xác nhận",
                    i % 5 == 0 ? "KHẨN" : "",
                    i == 7 ? "Lưu hành nội bộ" : ""));
        }
        byte[] pdf = RegisterPdf.render(new RegisterPdf.Book(
                "ĐẢNG BỘ TỈNH BÌNH ĐỊNH",
                "ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH",
                "KẾT LUẬN",
                "Nhiệm kỳ 2025 - 2030",
                "01-KL/ĐUK",
                "40-KL/ĐUK",
                "05/02/2026",
                "05/02/2026",
                columns,
                rows));
        Files.createDirectories(Path.of("target", "print-samples"));
        Files.write(Path.of("target", "print-samples", "register.pdf"), pdf);
        String text = PdfInspection.text(pdf).replaceAll("\\s+", " ");
        assertThat(text)
                .contains(
                        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
                        "Nhiệm kỳ 2025 - 2030",
                        "Từ số 01-KL/ĐUK đến số 40-KL/ĐUK",
                        "40-KL/ĐUK",
                        "(11)");
        for (String c : columns) {
            assertThat(text).contains(c);
        }
        assertThat(PdfInspection.pageOf(pdf, "01-KL/ĐUK Kết luận")).isNotZero(); // the lines start after the cover
        assertThat(PdfInspection.text(pdf))
                .as("the cover breaks the body as the header does")
                .contains("ĐẢNG ỦY KHỐI\nCÁC CƠ QUAN TỈNH");
    }

    @Test
    void writesTheSamplesOfTheDocs() throws IOException {
        Path dir = Path.of("target", "print-samples");
        Files.createDirectories(dir);
        Files.write(
                dir.resolve("gm-khan-35.pdf"),
                RENDERER.render(urgentInvitation(35)).pdf());
        Files.write(dir.resolve("kl.pdf"), RENDERER.render(conclusion()).pdf());
        Files.write(dir.resolve("kl-noi-bo.pdf"), RENDERER.render(internal()).pdf());
        String text = PdfInspection.text(Files.readAllBytes(dir.resolve("kl.pdf")));
        assertThat(text).contains("KẾT LUẬN\nCỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI");
        assertThat(PdfInspection.text(Files.readAllBytes(dir.resolve("kl-noi-bo.pdf"))))
                .as("36-HD writes the circulation mark in capitals")
                .contains("LƯU HÀNH NỘI BỘ")
                .doesNotContain("Lưu hành nội bộ");
        // the preview the leader reads, for the docs' sample beside the signed copy
        Files.write(
                dir.resolve("gm-du-thao.pdf"),
                RENDERER.render(Samples.unnumbered(urgentInvitation(3))
                                .withMarks(urgentInvitation(3).marks().asDraft()))
                        .pdf());
    }
}

package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * Issue 13's "checked from outside" list, over HTTP as the office would use it: urgency on the
 * PDF and in the subjects, what the public board shows, Nơi nhận as the drafter wrote it, bold
 * only for marked headings, the register's columns and exports, signing authority, the recall's
 * decision, the draft preview's mark.
 */
class PrintRulesEndToEndTest extends IntegrationTest {

    private final Flow flow = new Flow(this);

    @Test
    void anUrgentInvitationPrintsKhanAndItsSubjectsStartWithIt() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Họp khẩn về phòng chống bão", domain, 2);
        draft.put("urgency", "KHAN");
        JsonNode issued = flow.issue(draft);
        long id = issued.get("id").asLong();
        assertThat(issued.get("urgency").asText()).isEqualTo("KHAN");

        String text = issuedText(id);
        assertThat(text).contains("KHẨN");
        assertThat(boldFonts(pdf(id), "KHẨN")).as("KHẨN in bold").isTrue();

        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30));
        assertThat(mails).hasSize(2);
        for (MimeMessage m : mails) {
            assertThat(m.getSubject())
                    .startsWith("KHẨN ")
                    .contains("[" + issued.get("number").asText() + "]");
        }
        JsonNode line = registerLine("GM", issued.get("number").asText());
        assertThat(line.get("urgency").asText()).isEqualTo("KHẨN");
    }

    @Test
    void anUnknownUrgencyIsRefusedWithAMessageOnItsField() {
        Map<String, Object> draft = Drafts.invitation("Độ khẩn sai", Drafts.uniqueDomain(), 1);
        draft.put("urgency", "RAT_KHAN");
        Api.Response response = as("chuyenvien").post("/api/documents", draft);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text()).contains("urgency").contains("KHAN, THUONG_KHAN, HOA_TOC");
    }

    @Test
    void anUnpublishedInvitationIsIssuedAndEmailedButNotOnTheBoard() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Họp bàn công tác nhân sự " + domain, domain, 1);
        draft.put("publish", false);
        JsonNode issued = flow.issue(draft);
        long id = issued.get("id").asLong();
        String number = issued.get("number").asText();
        assertThat(issued.get("publish").asBoolean()).isFalse();
        assertThat(Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(30))).hasSize(1);

        assertThat(anonymous().get("/api/public/notices").text()).doesNotContain(number);
        assertThat(anonymous().get("/api/public/documents/" + id + "/pdf").status())
                .isEqualTo(404);
        assertThat(anonymous().get("/thong-bao/" + id).status()).isEqualTo(404);
        assertThat(anonymous().get("/thong-bao").text()).doesNotContain(number);
        // staff still have it
        assertThat(as("vanthu").get("/api/documents/" + id + "/pdf").status()).isEqualTo(200);

        // and a published one is there, with its PDF
        JsonNode open = flow.issue(Drafts.invitation("Hội nghị công khai " + domain, Drafts.uniqueDomain(), 1));
        assertThat(anonymous().get("/api/public/notices").text())
                .contains(open.get("number").asText());
        assertThat(anonymous()
                        .get("/api/public/documents/" + open.get("id").asLong() + "/pdf")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anInternalDocumentPrintsItsCirculationAndIsNeverPublished() throws Exception {
        Map<String, Object> draft = Drafts.conclusion("Kết luận nội bộ về công tác cán bộ", Drafts.uniqueDomain(), 1);
        draft.put("circulation", "NOI_BO");
        JsonNode issued = flow.issue(draft);
        long id = issued.get("id").asLong();
        assertThat(issued.get("publish").asBoolean()).isFalse();
        assertThat(issuedText(id)).contains("LƯU HÀNH NỘI BỘ").doesNotContain("Lưu hành nội bộ");
        assertThat(anonymous().get("/api/public/documents/" + id + "/pdf").status())
                .isEqualTo(404);
        assertThat(anonymous().get("/thong-bao").text())
                .doesNotContain(issued.get("number").asText());

        Map<String, Object> contradiction = Drafts.conclusion("Nội bộ mà công bố", Drafts.uniqueDomain(), 1);
        contradiction.put("circulation", "NOI_BO");
        contradiction.put("publish", true);
        Api.Response refused = as("chuyenvien").post("/api/documents", contradiction);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("publish");
    }

    @Test
    void printedRecipientsAreWhatNoiNhanPrintsWithTheOfficeCopyLast() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Hội nghị giao ban quý IV", domain, 3);
        draft.put("printedRecipients", List.of("Thường trực Tỉnh ủy (để báo cáo)", "Như thành phần mời"));
        JsonNode issued = flow.issue(draft);
        long id = issued.get("id").asLong();

        List<String> lines = lines(issuedText(id));
        int first = lines.indexOf("- Thường trực Tỉnh ủy (để báo cáo),");
        int second = lines.indexOf("- Như thành phần mời,");
        int archive = lines.indexOf("- Lưu Văn phòng.");
        assertThat(first).as("printed line 1 in %s", lines).isPositive();
        assertThat(second).isEqualTo(first + 1);
        assertThat(archive).isEqualTo(second + 1);
        // the last line of Nơi nhận: nothing of the list after it
        assertThat(lines.subList(archive + 1, lines.size())).noneMatch(l -> l.startsWith("- "));
        // the email recipients are emailed but not printed
        assertThat(String.join("\n", lines)).doesNotContain("Đồng chí Nguyễn Văn Số 1");
        assertThat(Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30))).hasSize(3);

        JsonNode register = registerLine("GM", issued.get("number").asText());
        assertThat(register.get("printedRecipients").toString())
                .contains("Thường trực Tỉnh ủy (để báo cáo)", "Như thành phần mời", "Lưu Văn phòng");
    }

    @Test
    void withoutPrintedRecipientsEachRecipientIsOneLineAndTheOfficeCopyStaysLast() throws Exception {
        Map<String, Object> draft = Drafts.invitation("Nơi nhận mặc định", Drafts.uniqueDomain(), 2);
        // a drafter's "- Lưu Văn phòng." is not printed twice, nor anywhere but last
        draft.put("printedRecipients", List.of("- Lưu Văn phòng.", "  "));
        long id = flow.issue(draft).get("id").asLong();
        List<String> lines = lines(issuedText(id));
        int archive = lines.indexOf("- Lưu Văn phòng.");
        assertThat(lines.subList(archive - 2, archive + 1))
                .containsExactly("- Đồng chí Nguyễn Văn Số 1,", "- Đồng chí Nguyễn Văn Số 2,", "- Lưu Văn phòng.");
        assertThat(lines.stream().filter(l -> l.contains("Lưu Văn phòng"))).hasSize(1);
    }

    @Test
    void onlyMarkedHeadingsAreBold() throws Exception {
        Map<String, Object> draft = Drafts.conclusion("Kết luận về công tác kiểm tra", Drafts.uniqueDomain(), 1);
        draft.put("body", """
                Ban Thường vụ kết luận như sau:
                # I. Đánh giá chung
                1. Tiếp tục tăng cường sự lãnh đạo của cấp ủy các cấp.
                2. Đổi mới, nâng cao chất lượng công tác giáo dục.""");
        long id = flow.issue(draft).get("id").asLong();
        byte[] pdf = pdf(id);
        String text = issuedText(id);
        assertThat(text).contains("I. Đánh giá chung").doesNotContain("# I.");
        assertThat(boldFonts(pdf, "I. Đánh giá chung")).as("the marked heading").isTrue();
        assertThat(boldFonts(pdf, "1. Tiếp tục tăng cường"))
                .as("a numbered line that is not marked")
                .isFalse();
        assertThat(boldFonts(pdf, "2. Đổi mới, nâng cao")).isFalse();
    }

    @Test
    void aConclusionCarriesItsTitleLineAndTheHeaderTheDangBo() throws Exception {
        long id = flow.issue(Drafts.conclusion("về công tác tuyên giáo", Drafts.uniqueDomain(), 1))
                .get("id")
                .asLong();
        List<String> lines = lines(issuedText(id));
        int type = lines.indexOf("KẾT LUẬN");
        assertThat(lines.get(type + 1)).isEqualTo("CỦA BAN THƯỜNG VỤ ĐẢNG ỦY KHỐI");
        assertThat(String.join("\n", lines)).contains("ĐẢNG BỘ TỈNH BÌNH ĐỊNH").doesNotContain("TỈNH ỦY BÌNH ĐỊNH");
        assertThat(lines).contains("ĐẢNG ỦY KHỐI", "CÁC CƠ QUAN TỈNH").doesNotContain("TỈNH");
        // vanthu.rules.types.KL.end-mark: the body of a conclusion ends with "./."
        assertThat(String.join(" ", lines))
                .contains("chất lượng công tác giáo dục tư tưởng chính trị./.")
                .doesNotContain("chính trị../.");
    }

    @Test
    void theChanhVanPhongSignsAnInvitationThuaLenhAndNoConclusion() throws Exception {
        Map<String, Object> draft = Drafts.invitation("Giấy mời do Chánh Văn phòng ký", Drafts.uniqueDomain(), 1);
        draft.put("signer", "chanhvp");
        long id = flow.issue(draft).get("id").asLong();
        List<String> lines = lines(issuedText(id));
        int tl = lines.indexOf("T/L BAN THƯỜNG VỤ");
        assertThat(tl).as("authority in %s", lines).isPositive();
        assertThat(lines.get(tl + 1)).isEqualTo("CHÁNH VĂN PHÒNG");
        assertThat(lines).doesNotContain("T/M BAN THƯỜNG VỤ");

        Map<String, Object> conclusion = Drafts.conclusion("Kết luận không thuộc thẩm quyền", Drafts.uniqueDomain(), 1);
        conclusion.put("signer", "chanhvp");
        Api.Response refused = as("chuyenvien").post("/api/documents", conclusion);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("signer");
    }

    @Test
    void theDraftPreviewIsMarkedDuThaoWithoutADate() throws Exception {
        long id = flow.create(Drafts.invitation("Bản xem trước", Drafts.uniqueDomain(), 1));
        Api.Response preview = as("chuyenvien").get("/van-ban/" + id + "/pdf");
        assertThat(preview.status()).isEqualTo(200);
        String text = text(preview.body());
        assertThat(text).contains("DỰ THẢO").doesNotContain("Quy Nhơn, ngày");
        // what the leader signs carries no such mark
        JsonNode issued = flow.issue(Drafts.invitation("Bản ban hành", Drafts.uniqueDomain(), 1));
        assertThat(issuedText(issued.get("id").asLong())).doesNotContain("DỰ THẢO");
    }

    @Test
    void theRegisterExportHasEveryColumnInEachFormat() throws Exception {
        Map<String, Object> draft = Drafts.invitation("Sổ đi có đủ cột", Drafts.uniqueDomain(), 2);
        draft.put("urgency", "THUONG_KHAN");
        draft.put("printedRecipients", List.of("Như thành phần mời"));
        JsonNode issued = flow.issue(draft);
        String number = issued.get("number").asText();
        int year =
                java.time.OffsetDateTime.parse(issued.get("issuedAt").asText()).getYear();
        String query = "/api/register/export?type=GM&year=" + year + "&format=";

        Api.Response csv = as("vanthu").get(query + "csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        String csvText = new String(csv.body(), StandardCharsets.UTF_8);
        String header = csvText.lines().findFirst().orElseThrow();
        for (String column : List.of(
                "Số, ký hiệu văn bản",
                "Ngày, tháng văn bản",
                "trích yếu",
                "Người ký",
                "Nơi nhận",
                "người nhận bản lưu",
                "Số lượng bản",
                "Ngày chuyển",
                "Ký nhận",
                "Độ khẩn",
                "Ghi chú")) {
            assertThat(header).containsIgnoringCase(column);
        }
        String row = csvText.lines()
                .filter(l -> l.startsWith(number + ","))
                .findFirst()
                .orElseThrow();
        assertThat(row).contains("THƯỢNG KHẨN", "Như thành phần mời; Lưu Văn phòng", "Văn phòng", ",3,");

        Api.Response xlsx = as("vanthu").get(query + "xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<String> cells = new ArrayList<>();
            for (Row r : book.getSheetAt(0)) {
                r.forEach(c -> cells.add(c.getStringCellValue()));
            }
            assertThat(cells).contains("Độ khẩn", "Ngày chuyển", "Ký nhận", number, "THƯỢNG KHẨN");
        }

        Api.Response pdf = as("vanthu").get(query + "pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        // a column title may wrap in its cell
        assertThat(text(pdf.body()).replaceAll("\\s+", " "))
                .contains(
                        "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
                        "Năm " + year,
                        number,
                        "Độ khẩn",
                        "Ngày chuyển",
                        "Ký nhận",
                        "Số lượng bản");

        // a term book is labelled by its term
        flow.issue(Drafts.conclusion("Kết luận trong sổ nhiệm kỳ", Drafts.uniqueDomain(), 1));
        Api.Response term = as("vanthu").get("/api/register/export?type=KL&format=pdf");
        assertThat(text(term.body())).contains("Nhiệm kỳ 2025 - 2030");
        assertThat(as("vanthu").get("/so-van-ban-di/in?loai=KL").text()).contains("Nhiệm kỳ 2025 - 2030", "Độ khẩn");

        // bad input and the door
        assertThat(as("vanthu").get(query + "doc").status()).isEqualTo(400);
        assertThat(as("vanthu")
                        .get("/api/register/export?type=XX&year=2026&format=csv")
                        .status())
                .isEqualTo(400);
        assertThat(as("vanthu")
                        .get("/api/register/export?type=GM&term=2025-10-01&format=csv")
                        .status())
                .isEqualTo(400);
        assertThat(anonymous().get(query + "csv").status()).isEqualTo(401);
    }

    @Test
    void aRecallRecordsTheDecisionAndTheNoticeAndRegisterPrintIt() throws Exception {
        String domain = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Giấy mời sẽ thu hồi", domain, 1));
        long id = issued.get("id").asLong();
        Mailbox.await(mailServer, domain, 1, Duration.ofSeconds(30));

        Api.Response half = as("vanthu")
                .post(
                        "/api/documents/" + id + "/recall",
                        Map.of("reason", "Hoãn họp", "decision", Map.of("kind", "Công văn")));
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.text()).contains("decision.number", "decision.date");

        Api.Response recalled = as("vanthu")
                .post(
                        "/api/documents/" + id + "/recall",
                        Map.of(
                                "reason", "Hoãn họp do thay đổi lịch công tác",
                                "decidedBy", "Ban Thường vụ Đảng ủy Khối",
                                "decision", Map.of("kind", "Công văn", "number", "125-CV/ĐUK", "date", "2026-02-03")));
        assertThat(recalled.status()).as(recalled.toString()).isEqualTo(200);

        String expected = "theo Công văn số 125-CV/ĐUK ngày 03/02/2026 của Ban Thường vụ Đảng ủy Khối";
        List<MimeMessage> mails = Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30));
        MimeMessage notice = mails.stream()
                .filter(m -> Mailbox.subject(m).contains("[Thu hồi]"))
                .findFirst()
                .orElseThrow();
        assertThat(Mailbox.text(notice, "text/plain")).contains(expected);
        JsonNode line = registerLine("GM", issued.get("number").asText());
        assertThat(line.get("recall").get("basis").asText()).isEqualTo("Công văn số 125-CV/ĐUK ngày 03/02/2026");
        int year =
                java.time.OffsetDateTime.parse(issued.get("issuedAt").asText()).getYear();
        String csv = new String(
                as("vanthu")
                        .get("/api/register/export?type=GM&year=" + year + "&format=csv")
                        .body(),
                StandardCharsets.UTF_8);
        assertThat(csv).contains("Thu hồi " + expected);
    }

    @Test
    void theDraftFormPrintsAChosenGroupAsOneLineAndTakesTheMarks() {
        vn.vanthu.web.FormSession drafter = new vn.vanthu.web.FormSession(port);
        drafter.signIn("chuyenvien");
        String page = drafter.get("/van-ban/moi?loai=GM").body();
        assertThat(page)
                .contains("name=\"urgency\"", "Lưu hành nội bộ", "name=\"printedRecipients\"", "# 1. Tình hình chung");
        java.util.regex.Matcher group = java.util.regex.Pattern.compile(
                        "name=\"groups\" value=\"(\\d+)\"[^>]*>\\s*<span>Ban Thường vụ</span>")
                .matcher(page);
        assertThat(group.find()).as("the demo group Ban Thường vụ on the form").isTrue();
        java.time.LocalDateTime start =
                java.time.LocalDateTime.now().plusDays(20).withHour(8).withMinute(0);
        Map<String, String> form = new java.util.LinkedHashMap<>();
        form.put("type", "GM");
        form.put("title", "Giấy mời soạn trên biểu mẫu");
        form.put("meetingStart", start.toString().substring(0, 16));
        form.put("meetingEnd", start.plusHours(2).toString().substring(0, 16));
        form.put("location", "Phòng họp số 1");
        form.put("body", "# 1. Nội dung chính\n1. Báo cáo tình hình");
        form.put("groups", group.group(1));
        form.put("signer", "bithu");
        form.put("urgency", "HOA_TOC");
        form.put("publish", "true");
        form.put("_publish", "on");
        form.put("_internal", "on");
        form.put("action", "save");
        java.net.http.HttpResponse<String> saved = drafter.submit("/van-ban/moi?loai=GM", "/van-ban/moi", form);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("/van-ban/(\\d+)/sua")
                .matcher(saved.uri().getPath());
        assertThat(id.find()).as("saved: %s", saved.uri()).isTrue();
        JsonNode doc = flow.document(Long.parseLong(id.group(1)));
        assertThat(doc.get("printedRecipients").toString()).isEqualTo("[\"Ban Thường vụ\"]");
        assertThat(doc.get("recipients").size())
                .as("the group's members are emailed")
                .isGreaterThan(1);
        assertThat(doc.get("urgency").asText()).isEqualTo("HOA_TOC");
        assertThat(doc.get("publish").asBoolean()).isTrue();
        assertThat(doc.get("circulation").isNull()).isTrue();
        // the edit form shows what was saved
        assertThat(saved.body()).contains("Ban Thường vụ</textarea>");
    }

    // --- helpers

    private byte[] pdf(long id) {
        Api.Response response = as("vanthu").get("/api/documents/" + id + "/pdf");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** The issued PDF's page text, with the number and date of its form fields. */
    private String issuedText(long id) throws IOException {
        byte[] pdf = pdf(id);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document) + "\n"
                    + document.getDocumentCatalog()
                            .getAcroForm()
                            .getField(IssueFields.NUMBER_FIELD)
                            .getValueAsString();
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Whether every glyph of the snippet (spaces aside) is set in a bold face. */
    static boolean boldFonts(byte[] pdf, String snippet) throws IOException {
        StringBuilder glyphs = new StringBuilder();
        List<String> fonts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String string, List<TextPosition> positions) {
                    for (TextPosition p : positions) {
                        for (char c : p.getUnicode().toCharArray()) {
                            if (!Character.isWhitespace(c)) {
                                glyphs.append(c);
                                fonts.add(p.getFont().getName());
                            }
                        }
                    }
                }
            };
            stripper.getText(document);
        }
        String wanted = java.text.Normalizer.normalize(snippet.replaceAll("\\s", ""), java.text.Normalizer.Form.NFC);
        int at = glyphs.indexOf(wanted);
        assertThat(at).as("'%s' in the PDF", snippet).isNotNegative();
        Set<String> used = new TreeSet<>(fonts.subList(at, at + wanted.length()));
        return used.stream().allMatch(f -> f.contains("Bold"));
    }

    private JsonNode registerLine(String type, String number) {
        for (JsonNode line : as("vanthu").get("/api/register?type=" + type).json()) {
            if (line.get("number").asText().equals(number)) {
                return line;
            }
        }
        throw new AssertionError("no register line " + number);
    }
}

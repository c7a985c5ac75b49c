package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.vanthu.document.DocumentService;
import vn.vanthu.document.DocumentVersion;
import vn.vanthu.rendering.IssueFields;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * A Giấy mời and a Kết luận taken over HTTP through review → return → revise → review → sign,
 * then read from the SMTP server as each recipient receives them.
 */
class IssuanceEndToEndTest extends IntegrationTest {

    @Autowired
    DocumentService documents;

    final Flow flow = new Flow(this);

    @Test
    void invitationReturnedByReviewerRevisedSignedAndEmailedToEveryRecipient() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.invitation("Hội nghị sơ kết công tác tuyên giáo", domain, 3);
        long id = flow.create(draft);
        assertThat(flow.document(id).get("status").asText()).isEqualTo("DRAFT");

        assertThat(flow.submit(id).get("status").asText()).isEqualTo("IN_REVIEW");
        JsonNode returned =
                flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.RETURN, "Bổ sung thành phần dự họp.");
        assertThat(returned.get("status").asText()).isEqualTo("RETURNED");

        draft.put("title", "Hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm");
        Api.Response edited = as("chuyenvien").put("/api/documents/" + id, draft);
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().get("version").asInt()).isEqualTo(2);
        assertThat(flow.submit(id).get("status").asText()).isEqualTo("IN_REVIEW");

        assertThat(flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null)
                        .get("status")
                        .asText())
                .isEqualTo("AWAITING_SIGNATURE");
        JsonNode issued = flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);
        assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
        String number = issued.get("number").asText();
        assertThat(number).matches("\\d{2,}-GM/ĐUK");

        // what the reviewer saw is kept: version 1 still has the first title
        List<DocumentVersion> versions = documents.versions(id);
        assertThat(versions)
                .extracting(DocumentVersion::getTitle)
                .containsExactly(
                        "Hội nghị sơ kết công tác tuyên giáo", "Hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm");
        assertThat(history(flow.document(id)))
                .containsSubsequence(
                        "CREATED",
                        "SUBMITTED",
                        "RETURNED:Bổ sung thành phần dự họp.",
                        "EDITED",
                        "RESUBMITTED",
                        "APPROVED",
                        "SIGNED",
                        "ISSUED");

        List<MimeMessage> received = Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        assertThat(received)
                .extracting(Mailbox::recipient)
                .containsExactlyInAnyOrder("nguoi1@" + domain, "nguoi2@" + domain, "nguoi3@" + domain);
        for (MimeMessage message : received) {
            assertThat(message.getSubject())
                    .isEqualTo("[" + number + "] Giấy mời Hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm");
            String text = Mailbox.text(message, "text/plain");
            String html = Mailbox.text(message, "text/html");
            assertThat(text).contains("Kính gửi: Đồng chí Nguyễn Văn Số", number, "Hội trường Đảng ủy Khối, tầng 3");
            assertThat(html).contains(number, "Hội trường Đảng ủy Khối, tầng 3");
            Part pdf = Mailbox.part(message, "application/pdf");
            assertThat(pdf.getFileName()).isEqualTo(number.replace('/', '-') + ".pdf");
            byte[] bytes = Mailbox.bytes(pdf);
            assertThat(bytes)
                    .isEqualTo(as("vanthu").get("/api/documents/" + id + "/pdf").body());
            assertIssuedPdf(bytes, number, "GIẤY MỜI", "BÍ THƯ", "Nguyễn Văn An", "Hội trường Đảng ủy Khối, tầng 3");
        }
        awaitDeliveries(id, "SENT");

        Api.Response register = as("vanthu")
                .get("/api/register?type=GM&year="
                        + issued.get("issuedAt").asText().substring(0, 4));
        assertThat(StreamSupport.stream(register.json().spliterator(), false)
                        .map(e -> e.get("number").asText()))
                .contains(number);
        assertThat(anonymous().get("/api/public/notices").text()).contains(number);
    }

    @Test
    void conclusionReturnedBySignerRevisedAndIssuedWithATermNumber() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.conclusion("Kết luận về công tác tuyên giáo trong tình hình mới", domain, 2);
        long id = flow.create(draft);
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        JsonNode returned = flow.decideOk("phobithu", id, Kind.SIGN, Decision.RETURN, "Làm rõ mục 2.");
        assertThat(returned.get("status").asText()).isEqualTo("RETURNED");
        assertThat(returned.get("number").isNull()).isTrue();

        // resubmitting through the revise task itself, as Tasklist would
        flow.decideOk("chuyenvien", id, Kind.REVISE, Decision.RESUBMIT, null);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        JsonNode issued = flow.decideOk("phobithu", id, Kind.SIGN, Decision.SIGN, null);
        String number = issued.get("number").asText();
        assertThat(number).matches("\\d{2,}-KL/ĐUK");

        List<MimeMessage> received = Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30));
        assertThat(received).hasSize(2);
        for (MimeMessage message : received) {
            assertThat(message.getSubject())
                    .isEqualTo("[" + number + "] Kết luận về công tác tuyên giáo trong tình hình mới");
            assertIssuedPdf(
                    Mailbox.bytes(Mailbox.part(message, "application/pdf")),
                    number,
                    "KẾT LUẬN",
                    "PHÓ BÍ THƯ",
                    "Lê Thị Hằng",
                    "1. Tiếp tục tăng cường sự lãnh đạo");
        }
        awaitDeliveries(id, "SENT");
    }

    private void assertIssuedPdf(
            byte[] pdf, String number, String typeName, String position, String signerName, String bodyText)
            throws IOException {
        // kept for a look (pdftoppm) and for pdfsig
        java.nio.file.Path samples = java.nio.file.Path.of("target", "issued-samples");
        java.nio.file.Files.createDirectories(samples);
        java.nio.file.Files.write(samples.resolve(number.replace('/', '-') + ".pdf"), pdf);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the page's text and the number and date the office filled into their form fields
            String text = new PDFTextStripper().getText(document) + "\n"
                    + document.getDocumentCatalog()
                            .getAcroForm()
                            .getField(IssueFields.NUMBER_FIELD)
                            .getValueAsString() + "\n"
                    + document.getDocumentCatalog()
                            .getAcroForm()
                            .getField(IssueFields.DATE_FIELD)
                            .getValueAsString();
            assertThat(text)
                    .contains(
                            "ĐẢNG CỘNG SẢN VIỆT NAM",
                            "Số " + number,
                            typeName,
                            "T/M BAN THƯỜNG VỤ",
                            position,
                            signerName,
                            "Nơi nhận",
                            "- Lưu Văn phòng.",
                            bodyText);
            assertThat(text).containsPattern("Quy Nhơn, ngày \\d{2} tháng \\d{1,2} năm \\d{4}");
        }
        // the leader signed the text with number and date blank: the revision the first signature
        // covers, cut out on its own, has the fields empty and no number anywhere
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = document.getSignatureDictionaries();
            assertThat(signatures).hasSize(2);
            assertThat(signatures.get(0).getReason()).isEqualTo("Ký ban hành");
            int[] range = signatures.get(0).getByteRange();
            byte[] leaderRevision = java.util.Arrays.copyOf(pdf, range[2] + range[3]);
            try (PDDocument signedByLeader = Loader.loadPDF(leaderRevision)) {
                String text = new PDFTextStripper().getText(signedByLeader);
                assertThat(text).doesNotContain(number).doesNotContain("Số " + number.split("-")[0]);
                assertThat(signedByLeader
                                .getDocumentCatalog()
                                .getAcroForm()
                                .getField(IssueFields.NUMBER_FIELD)
                                .getValueAsString())
                        .isEmpty();
                assertThat(text).contains(bodyText, signerName);
            }
        }
        // the signing module's own check, as anyone gets it: the public verify endpoint
        Api.Response verified = anonymous().postRaw("/api/public/verify", "application/pdf", pdf);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        JsonNode report = verified.json();
        assertThat(report.get("valid").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.get("signatures")).hasSize(2);
        assertThat(report.get("signatures").get(0).get("signer").asText()).isEqualTo(signerName);
    }

    private void awaitDeliveries(long id, String state) throws InterruptedException {
        JsonNode document = org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> flow.document(id), d -> allDeliveries(d, state));
        document.get("recipients")
                .forEach(r -> assertThat(r.get("sentAt").isNull()).isFalse());
    }

    private static boolean allDeliveries(JsonNode document, String state) {
        return StreamSupport.stream(document.get("recipients").spliterator(), false)
                .allMatch(r -> state.equals(r.get("delivery").asText()));
    }

    private static List<String> history(JsonNode document) {
        List<String> actions = new ArrayList<>();
        document.get("history")
                .forEach(h -> actions.add(h.get("action").asText()
                        + (h.get("comment").isNull()
                                        || !h.get("action").asText().equals("RETURNED")
                                ? ""
                                : ":" + h.get("comment").asText())));
        return actions;
    }
}

package vn.vanthu.issuing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;
import vn.vanthu.web.FormSession;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * Thông báo (TB), a type that is only configuration (vanthu.document-types.TB): drafted from the
 * page and the API, reviewed, signed, issued with a yearly number, on the public board; an unknown
 * type is refused rather than replaced by another type's form.
 */
class NoticeTypeEndToEndTest extends IntegrationTest {

    final Flow flow = new Flow(this);

    @Test
    void aNoticeGoesThroughTheApiToIssuedWithAYearlyTbNumber() throws Exception {
        String domain = Drafts.uniqueDomain();
        Map<String, Object> draft = Drafts.notice("Thông báo lịch làm việc của Văn phòng " + domain, domain, 2);
        long id = flow.create(draft);
        assertThat(flow.submit(id).get("status").asText()).isEqualTo("IN_REVIEW");
        assertThat(flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null)
                        .get("status")
                        .asText())
                .isEqualTo("AWAITING_SIGNATURE");
        JsonNode issued = flow.decideOk("bithu", id, Kind.SIGN, Decision.SIGN, null);
        assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
        String number = issued.get("number").asText();
        assertThat(number).matches("\\d+-TB/ĐUK");

        Api.Response pdf = as("vanthu").get("/api/documents/" + id + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        // kept for a look at the layout (pdftoppm -r 80 -png target/notice-tb.pdf)
        Files.write(Path.of("target", "notice-tb.pdf"), pdf.body());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains("THÔNG BÁO", "Thông báo lịch làm việc của Văn phòng", "Tổ chức thực hiện", "Nơi nhận:")
                    .doesNotContain("Kính mời", "Thời gian:", "Địa điểm:");
        }
        assertThat(Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30)))
                .extracting(m -> m.getSubject())
                .allMatch(subject -> subject.startsWith("[" + number + "] Thông báo"));

        String year = issued.get("issuedAt").asText().substring(0, 4);
        Api.Response register = as("vanthu").get("/api/register?type=TB&year=" + year);
        assertThat(register.status()).isEqualTo(200);
        assertThat(register.text()).contains(number);
        // published by its type's setting: on the board and in the public list
        assertThat(anonymous().get("/api/public/notices").text()).contains(number);
        assertThat(anonymous().get("/thong-bao").text()).contains(number, "Thông báo");
        assertThat(as("vanthu").get("/so-van-ban-di?loai=TB").text()).contains(number);
    }

    @Test
    void aNoticeHasNoMeeting() {
        Map<String, Object> draft = Drafts.notice("Thông báo có cuộc họp", Drafts.uniqueDomain(), 1);
        draft.put("meeting", Map.of("start", "2030-01-02T08:00:00+07:00", "location", "Hội trường"));
        Api.Response refused = as("chuyenvien").post("/api/documents", draft);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("meeting", "Thông báo không có thông tin cuộc họp");
    }

    @Test
    void aNoticeIsDraftedFromThePageWithoutMeetingFields() {
        FormSession drafter = new FormSession(port);
        drafter.signIn("chuyenvien");
        String page = drafter.get("/van-ban/moi?loai=TB").body();
        assertThat(page)
                .contains("Dự thảo mới:", "Thông báo", "Nội dung thông báo", "value=\"TB\"")
                .doesNotContain("name=\"location\"", "name=\"meetingStart\"");
        // the menu offers every configured type
        assertThat(page).contains("/van-ban/moi?loai=GM", "/van-ban/moi?loai=KL", "/van-ban/moi?loai=TB");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("type", "TB");
        form.put("title", "Thông báo soạn trên biểu mẫu");
        form.put("body", "Văn phòng nghỉ Tết từ ngày 14 tháng 02.");
        form.put("extra[0].name", "Chi bộ Văn phòng");
        form.put("extra[0].email", "chibo@" + Drafts.uniqueDomain());
        form.put("signer", "bithu");
        form.put("_publish", "on");
        form.put("_internal", "on");
        form.put("action", "save");
        HttpResponse<String> saved = drafter.submit("/van-ban/moi?loai=TB", "/van-ban/moi", form);
        Matcher id = Pattern.compile("/van-ban/(\\d+)/sua").matcher(saved.uri().getPath());
        assertThat(id.find()).as("saved: %s %s", saved.uri(), saved.body()).isTrue();
        JsonNode doc = flow.document(Long.parseLong(id.group(1)));
        assertThat(doc.get("type").asText()).isEqualTo("TB");
        assertThat(doc.get("meeting").isNull()).isTrue();
    }

    @Test
    void anUnknownTypeIsRefusedNotReplacedByAnother() {
        FormSession drafter = new FormSession(port);
        drafter.signIn("chuyenvien");
        HttpResponse<String> page = drafter.get("/van-ban/moi?loai=XX");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body())
                .contains("Không có loại văn bản", "Thông báo (TB)")
                .doesNotContain("name=\"title\"");

        FormSession clerk = new FormSession(port);
        clerk.signIn("vanthu");
        HttpResponse<String> register = clerk.get("/so-van-ban-di?loai=XX");
        assertThat(register.statusCode()).isEqualTo(404);

        Map<String, Object> draft = Drafts.notice("Loại lạ", Drafts.uniqueDomain(), 1);
        draft.put("type", "XX");
        Api.Response refused = as("chuyenvien").post("/api/documents", draft);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("type", "Loại văn bản phải là một trong");
        assertThat(List.of(refused.json().get("errors").get(0).get("field").asText()))
                .containsExactly("type");
    }
}

package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.Api;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.support.Mailbox;

/**
 * The office's own tools over HTTP (issue 14, items 3 and 7): the address book, groups and
 * signers' positions by clerks, staff accounts by administrators, a corrected address sent again,
 * a paper delivery, a copy as a new draft, the print view; who gets 403; the audit trail.
 */
class OfficeToolsTest extends IntegrationTest {

    static final String FORM = "application/x-www-form-urlencoded";

    final Flow flow = new Flow(this);

    static byte[] form(Map<String, ?> fields) {
        return fields.entrySet().stream()
                .flatMap(e -> (e.getValue() instanceof List<?> list ? list : List.of(e.getValue()))
                        .stream()
                                .map(v -> e.getKey() + "="
                                        + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    Api.Response post(String user, String path, Map<String, ?> fields) {
        return as(user).postRaw(path, FORM, form(fields));
    }

    static Map<String, Object> entry(String kind, String name, String email) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("name", name);
        m.put("email", email);
        m.put("unit", "Đảng bộ Khối");
        m.put("position", "Bí thư Đảng ủy");
        return m;
    }

    @Test
    void aClerkKeepsTheAddressBookAndEveryChangeIsInTheTrail() {
        String domain = Drafts.uniqueDomain();
        String name = "Đảng bộ Sở Nội vụ " + domain.substring(1, 7);
        // a forwarded address from a peer that is no trusted proxy (none is by default) is not believed:
        // the trail names the connection's own address, as the sign-in throttle does
        Api.Response added = as("vanthu")
                .withHeader("X-Forwarded-For", "198.51.100.23")
                .postRaw("/danh-ba/muc", FORM, form(entry("UNIT", name, "sonoivu@" + domain)));
        assertThat(added.status()).as(added.toString()).isEqualTo(302);
        String book = as("vanthu").get("/danh-ba").text();
        assertThat(book).contains(name).contains("sonoivu@" + domain);
        // the drafting form offers it at once
        assertThat(as("chuyenvien").get("/van-ban/moi?loai=GM").text()).contains(name);
        long id = idOf(book, name);

        // bad input: beside the field, nothing stored; the same email twice: 409
        Api.Response bad = post("vanthu", "/danh-ba/muc", entry("UNIT", "Đơn vị lỗi", "khong-phai-email"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("Email không hợp lệ");
        assertThat(post("vanthu", "/danh-ba/muc", entry("PERSON", "Trùng\r\nBcc: x@y.vn", "a@" + domain))
                        .text())
                .contains("ký tự điều khiển");
        assertThat(post("vanthu", "/danh-ba/muc", entry("UNIT", "Trùng", "SONOIVU@" + domain))
                        .status())
                .isEqualTo(409);

        // edit, then disable: gone from the drafting form, kept in the book
        assertThat(post("vanthu", "/danh-ba/muc/" + id, entry("UNIT", name, "vanphong.sonoivu@" + domain))
                        .status())
                .isEqualTo(302);
        assertThat(as("vanthu").get("/danh-ba").text()).contains("vanphong.sonoivu@" + domain);
        assertThat(post("admin", "/danh-ba/muc/" + id + "/trang-thai", Map.of("active", "false"))
                        .status())
                .isEqualTo(302);
        assertThat(as("chuyenvien").get("/van-ban/moi?loai=GM").text()).doesNotContain(name);
        assertThat(as("vanthu").get("/danh-ba").text()).contains(name).contains("Ngừng dùng");

        // a group with members
        String groupName = "Nhóm thử " + domain.substring(1, 7);
        Api.Response group = post("vanthu", "/danh-ba/nhom", Map.of("name", groupName));
        assertThat(group.status()).isEqualTo(302);
        String groupPath = group.location().replaceAll("^https?://[^/]+", "");
        assertThat(groupPath).matches("/danh-ba/nhom/\\d+");
        post("vanthu", "/danh-ba/muc/" + id + "/trang-thai", Map.of("active", "true"));
        assertThat(post("vanthu", groupPath, Map.of("name", groupName, "members", List.of(id)))
                        .status())
                .isEqualTo(302);
        assertThat(as("chuyenvien").get("/van-ban/moi?loai=GM").text()).contains(groupName);
        assertThat(post("vanthu", groupPath, Map.of("name", groupName, "members", List.of("x")))
                        .status())
                .isEqualTo(302);

        // a signer's position
        assertThat(post("vanthu", "/danh-ba/chuc-vu/phobithu", Map.of("position", "Phó Bí thư Thường trực"))
                        .status())
                .isEqualTo(302);
        assertThat(as("vanthu").get("/danh-ba").text()).contains("Phó Bí thư Thường trực");
        post("vanthu", "/danh-ba/chuc-vu/phobithu", Map.of("position", "Phó Bí thư"));
        assertThat(post("vanthu", "/danh-ba/chuc-vu/chuyenvien", Map.of("position", "Bí thư"))
                        .status())
                .isEqualTo(404);

        // the trail: on the book's page for clerks, in the security log for admins
        String log = as("admin").get("/quan-tri/nhat-ky").text();
        assertThat(log)
                .contains("Thêm vào danh bạ")
                .contains("Sửa danh bạ")
                .contains("Ngừng dùng mục danh bạ")
                .contains("Sửa nhóm nơi nhận")
                .contains("Đổi chức vụ người ký")
                .contains("sonoivu@" + domain)
                .contains("127.0.0.1")
                .doesNotContain("198.51.100.23");
        assertThat(as("vanthu").get("/danh-ba").text()).contains("Thêm nhóm nơi nhận");
    }

    @Test
    void onlyClerksAndAdminsKeepTheBookAndOnlyAdminsTheAccounts() {
        for (String user : List.of("chuyenvien", "chanhvanphong", "bithu")) {
            assertThat(as(user).get("/danh-ba").status()).as(user).isEqualTo(403);
            assertThat(post(user, "/danh-ba/muc", entry("UNIT", "X", "x@example.vn"))
                            .status())
                    .as(user)
                    .isEqualTo(403);
            assertThat(as(user).get("/quan-tri/tai-khoan").status()).as(user).isEqualTo(403);
        }
        assertThat(as("vanthu").get("/quan-tri/tai-khoan").status()).isEqualTo(403);
        assertThat(post("vanthu", "/quan-tri/tai-khoan/vanthu/nhom", Map.of("groups", List.of("camunda-admin")))
                        .status())
                .isEqualTo(403);
        assertThat(as("chuyenvien").get("/danh-ba").text()).contains("Chỉ văn thư và quản trị viên");
        assertThat(anonymous().get("/danh-ba").status()).isIn(302, 401);
    }

    @Test
    void anAdministratorCreatesAnAccountSetsItsGroupsAndResetsItsPassword() {
        String id = "canbo" + Drafts.uniqueDomain().substring(1, 7);
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", id);
        account.put("firstName", "Nguyễn Thị");
        account.put("lastName", "Hoa");
        account.put("email", id + "@vanthu.local");
        account.put("password", "Mat-khau-dau-tien");
        account.put("groups", List.of("drafters"));
        Api.Response weak = post(
                "admin",
                "/quan-tri/tai-khoan",
                Map.of(
                        "id",
                        id,
                        "firstName",
                        "A",
                        "lastName",
                        "B",
                        "email",
                        "a@vanthu.local",
                        "password",
                        "123",
                        "groups",
                        "drafters"));
        assertThat(weak.status()).isEqualTo(400);
        assertThat(weak.text()).contains("ít nhất 10 ký tự").doesNotContain("value=\"123\"");
        assertThat(post("admin", "/quan-tri/tai-khoan", Map.of("id", "x", "groups", "root"))
                        .text())
                .contains("Nhóm không hợp lệ");
        assertThat(post("admin", "/quan-tri/tai-khoan", account).status()).isEqualTo(302);
        assertThat(post("admin", "/quan-tri/tai-khoan", account).status()).isEqualTo(409);
        assertThat(as(id, "Mat-khau-dau-tien").get("/api/tasks").status()).isEqualTo(200);
        assertThat(as(id, "Mat-khau-dau-tien").get("/danh-ba").status()).isEqualTo(403);

        assertThat(post("admin", "/quan-tri/tai-khoan/" + id + "/nhom", Map.of("groups", List.of("clerks")))
                        .status())
                .isEqualTo(302);
        assertThat(as(id, "Mat-khau-dau-tien").get("/danh-ba").status()).isEqualTo(200);
        assertThat(post("admin", "/quan-tri/tai-khoan/" + id + "/mat-khau", Map.of("password", "Mat-khau-moi-2026"))
                        .status())
                .isEqualTo(302);
        assertThat(as(id, "Mat-khau-dau-tien").get("/api/tasks").status()).isEqualTo(401);
        // reset by an administrator: the owner chooses their own before anything else works
        assertThat(as(id, "Mat-khau-moi-2026").get("/api/tasks").status()).isEqualTo(403);
        assertThat(as(id, "Mat-khau-moi-2026")
                        .postRaw(
                                "/doi-mat-khau",
                                FORM,
                                "currentPassword=Mat-khau-moi-2026&newPassword=Mat-khau-rieng-2026&repeatPassword=Mat-khau-rieng-2026"
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(302);
        assertThat(as(id, "Mat-khau-rieng-2026").get("/api/tasks").status()).isEqualTo(200);
        String log = as("admin").get("/quan-tri/nhat-ky").text();
        assertThat(log)
                .contains("Tạo tài khoản cán bộ")
                .contains("Đổi nhóm của tài khoản")
                .contains("Đặt lại mật khẩu")
                .doesNotContain("Mat-khau-moi-2026");
    }

    @Test
    void aClerkCorrectsAnAddressAndItIsSentAgainAndRecordsAPaperDelivery() throws Exception {
        String domain = Drafts.uniqueDomain();
        String fixed = Drafts.uniqueDomain();
        JsonNode issued = flow.issue(Drafts.invitation("Hội nghị sửa địa chỉ " + domain, domain, 2));
        long id = issued.get("id").asLong();
        Mailbox.await(mailServer, domain, 2, Duration.ofSeconds(30));
        String desk = as("vanthu").get("/van-ban/" + id + "/phat-hanh").text();
        Matcher m =
                Pattern.compile("/van-ban/" + id + "/phat-hanh/(\\d+)/dia-chi").matcher(desk);
        assertThat(m.find()).isTrue();
        String delivery = m.group(1);

        assertThat(post(
                                "vanthu",
                                "/van-ban/" + id + "/phat-hanh/" + delivery + "/dia-chi",
                                Map.of("email", "sai dia chi"))
                        .status())
                .isEqualTo(400);
        assertThat(post(
                                "chuyenvien",
                                "/van-ban/" + id + "/phat-hanh/" + delivery + "/dia-chi",
                                Map.of("email", "nguoi1@" + fixed))
                        .status())
                .isEqualTo(403);
        assertThat(post("vanthu", "/van-ban/" + id + "/phat-hanh/999999999/dia-chi", Map.of("email", "nguoi1@" + fixed))
                        .status())
                .isEqualTo(404);
        Api.Response corrected = post(
                "vanthu", "/van-ban/" + id + "/phat-hanh/" + delivery + "/dia-chi", Map.of("email", "nguoi1@" + fixed));
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(302);
        var again = Mailbox.await(mailServer, fixed, 1, Duration.ofSeconds(30));
        assertThat(again).hasSize(1);
        assertThat(Mailbox.subject(again.get(0))).contains(issued.get("number").asText());
        assertThat(as("vanthu").get("/van-ban/" + id + "/phat-hanh").text()).contains("nguoi1@" + fixed);

        assertThat(post("vanthu", "/van-ban/" + id + "/phat-hanh/" + delivery + "/ban-giay", Map.of("note", " "))
                        .status())
                .isEqualTo(400);
        assertThat(post(
                                "vanthu",
                                "/van-ban/" + id + "/phat-hanh/" + delivery + "/ban-giay",
                                Map.of("note", "Giao tận tay đồng chí Chánh Văn phòng"))
                        .status())
                .isEqualTo(302);
        JsonNode history = flow.document(id).get("history");
        assertThat(history.toString()).contains("DELIVERED_ON_PAPER").contains("Giao tận tay");
        assertThat(as("vanthu").get("/van-ban/" + id).text()).contains("Văn thư gửi bản giấy");
        assertThat(as("admin").get("/quan-tri/nhat-ky").text())
                .contains("Sửa địa chỉ nơi nhận và gửi lại")
                .contains("nguoi1@" + domain)
                .contains("Ghi nhận gửi bản giấy");
    }

    @Test
    void aDocumentIsCopiedAsANewDraftAndPrinted() {
        String domain = Drafts.uniqueDomain();
        long draft = flow.create(Drafts.invitation("Hội nghị sao lưu " + domain, domain, 1));
        String copy = as("chuyenvien").get("/van-ban/" + draft + "/sao-chep").text();
        assertThat(copy)
                .contains("Hội nghị sao lưu " + domain)
                .contains("Bản sao của")
                .contains("nguoi1@" + domain)
                .contains("action=\"/van-ban/moi\"");
        assertThat(as("bithu").get("/van-ban/" + draft + "/sao-chep").status()).isEqualTo(403);
        // the print view: whoever may read it; another leader may not read a draft
        String print = as("chanhvanphong").get("/van-ban/" + draft + "/in").text();
        assertThat(print)
                .contains("Hội nghị sao lưu " + domain)
                .contains("Quá trình xử lý")
                .contains("Tạo dự thảo")
                .doesNotContain("class=\"top\"");
        assertThat(as("phobithu").get("/van-ban/" + draft + "/in").status()).isEqualTo(403);
        assertThat(as("phobithu").get("/van-ban/" + draft + "/sao-chep").status())
                .isEqualTo(403);
    }

    static long idOf(String page, String name) {
        Matcher m = Pattern.compile("(?s)" + Pattern.quote(name) + ".*?/danh-ba/muc/(\\d+)")
                .matcher(page);
        assertThat(m.find()).as("entry " + name).isTrue();
        return Long.parseLong(m.group(1));
    }
}

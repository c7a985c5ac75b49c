package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.vanthu.support.Chromium;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;

/**
 * One Giấy mời through the web UI in headless Chromium, as the demo users: drafted, returned with a
 * comment, revised, approved, signed, and on the public board; and a signer's PIN page with its
 * errors. With -Dvanthu.docs=true its screenshots go to docs/screenshots/.
 * Skipped where Debian's chromium and chromium-driver are not installed (.ci/run installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserWalkthroughTest extends IntegrationTest {

    private ChromeDriver browser;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(
                Chromium.available(),
                "Browser test skipped: needs /usr/bin/chromium and /usr/bin/chromedriver "
                        + "(apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("vanthu-chromium");
        browser = Chromium.start(profile, "1280,900");
    }

    @AfterAll
    void stopBrowser() throws IOException {
        Chromium.stop(browser, profile);
    }

    @Test
    void aGiayMoiFromTheDraftersFormToThePublicBoard() throws Exception {
        String title = "Hội nghị sơ kết công tác tuyên giáo 6 tháng đầu năm "
                + UUID.randomUUID().toString().substring(0, 6);

        // the drafter signs in and writes the invitation
        open("/login");
        shot("01-dang-nhap");
        signIn("chuyenvien");
        assertThat(browser.getCurrentUrl()).endsWith("/");
        shot("02-viec-can-lam");
        open("/van-ban/moi?loai=GM");
        type("title", title);
        LocalDateTime start = LocalDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh"))
                .plusDays(20)
                .withHour(8)
                .withMinute(0);
        // a working day: the walk-through's warnings are the reviewer's, not "a meeting on a day off"
        while (new vn.vanthu.document.CalendarProperties(null).dayOff(start.toLocalDate()) != null) {
            start = start.plusDays(1);
        }
        dateTime("meetingStart", start);
        dateTime("meetingEnd", start.plusHours(3));
        type("location", "Hội trường Đảng ủy Khối, tầng 3");
        type("chair", "Đồng chí Bí thư Đảng ủy Khối");
        type("invitees", "Đồng chí Trưởng các ban Đảng, Văn phòng Đảng ủy Khối");
        type("preparation", "Báo cáo kết quả 6 tháng đầu năm của đơn vị");
        type("contact", "Đồng chí Trần Thị Bình, Văn phòng, ĐT 0256 3822 xxx");
        type(
                "body",
                "Đánh giá kết quả thực hiện nhiệm vụ 6 tháng đầu năm.\nTriển khai nhiệm vụ trọng tâm 6 tháng cuối năm.");
        browser.findElements(By.cssSelector("input[name=groups]")).get(0).click();
        type("extra0name", "Đồng chí Bí thư Chi bộ Sở Xây dựng");
        type("extra0email", "chibo.soxaydung@example.vn");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("signer"))).selectByValue("bithu");
        // the meeting's times as typed: dd/MM/yyyy HH:mm, 24-hour
        ((JavascriptExecutor) browser).executeScript("document.getElementById('title').scrollIntoView();");
        shot("03-du-thao-giay-moi");
        click("save");
        assertThat(text(".flash.ok")).contains("Đã lưu dự thảo");
        click("submit");
        assertThat(text(".flash.ok")).contains("Đã trình");
        String documentUrl = browser.getCurrentUrl();
        signOut();

        // the reviewer sees it on the landing page and returns it with a comment
        signIn("chanhvanphong");
        navigate(By.linkText(title));
        type("comment", "Đề nghị ghi rõ thành phần dự họp và bổ sung địa chỉ phòng họp.");
        click("return");
        assertThat(text(".flash.ok")).contains("trả lại");
        signOut();

        // the drafter revises and resubmits
        signIn("chuyenvien");
        navigate(By.linkText(title));
        assertThat(text(".flash.warn")).contains("Đề nghị ghi rõ thành phần");
        type("location", "Phòng họp số 1, Hội trường Đảng ủy Khối, tầng 3");
        click("submit");
        assertThat(text(".flash.ok")).contains("Đã trình");
        signOut();

        // the reviewer approves
        signIn("chanhvanphong");
        navigate(By.linkText(title));
        click("approve");
        assertThat(text("#doc-status")).isEqualTo("Chờ ký");
        shot("04-trang-van-ban");
        signOut();

        // the signer sees the exact PDF to be issued, and signs
        signIn("bithu");
        navigate(By.linkText(title));
        assertThat(browser.findElement(By.cssSelector("object.pdf-frame")).getAttribute("data"))
                .endsWith("/pdf");
        shot("05-ky-duyet");
        type("pin", Flow.DEMO_PIN);
        click("sign");
        String number = waitForNumber(documentUrl);
        signOut();

        // the clerk's register
        signIn("vanthu");
        open("/so-van-ban-di");
        assertThat(browser.getPageSource()).contains(number).contains(title);
        shot("06-so-van-ban-di");
        signOut();

        // the public board, signed out, at desktop and phone width
        open("/thong-bao");
        assertThat(text("#notices-GM")).contains(number).contains(title);
        shot("07-bang-thong-bao");
        browser.manage().window().setSize(new Dimension(375, 800));
        open("/thong-bao");
        shot("08-bang-thong-bao-dien-thoai");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    void aSignerSeesThePinPageWithItsErrorsBesideTheFields() throws Exception {
        signIn("phobithu");
        navigate(By.linkText("Mã PIN ký số"));
        assertThat(browser.getCurrentUrl()).endsWith("/ma-pin-ky-so");
        // a new PIN that breaks the rules: refused before the current PIN is tried, so nothing is counted
        type("currentPin", Flow.DEMO_PIN);
        type("newPin", "777777");
        type("repeatPin", "777770");
        click("change");
        assertThat(text("#newPin-error")).contains("một chữ số lặp lại");
        assertThat(text("#repeatPin-error")).contains("không khớp");
        assertThat(browser.findElement(By.id("currentPin")).getAttribute("value"))
                .isEmpty();
        shot("09-doi-ma-pin-ky-so");
        signOut();
    }

    /**
     * The office's day (issue 14): the lists and the search without diacritics, the menu's count,
     * the address book, accounts, the clerk's desk and the print view at desktop width; then at a
     * phone's 390×844 every page fits the screen and the menu folds behind its button.
     */
    @Test
    void theOfficesPagesAtDesktopAndPhoneWidth() throws Exception {
        String mark = UUID.randomUUID().toString().substring(0, 6);
        String domain = "t" + mark + ".example.vn";
        Flow flow = new Flow(this);
        var issued = flow.issue(vn.vanthu.support.Drafts.conclusion(
                "Kết luận của Ban Thường vụ về công tác kiểm tra, giám sát " + mark, domain, 2));
        long id = issued.get("id").asLong();
        long returned =
                flow.create(vn.vanthu.support.Drafts.invitation("Hội nghị học tập chuyên đề " + mark, domain, 1));
        flow.submit(returned);
        flow.decideOk(
                "chanhvanphong",
                returned,
                vn.vanthu.workflow.DocumentIssuanceProcess.Kind.REVIEW,
                vn.vanthu.workflow.DocumentIssuanceProcess.Decision.RETURN,
                "Đề nghị bổ sung đường dẫn tài liệu https://dangbo.example.vn/tai-lieu/hoi-nghi/" + "x".repeat(120));
        long waiting = flow.create(vn.vanthu.support.Drafts.invitation("Hội nghị chờ thẩm định " + mark, domain, 1));
        flow.submit(waiting);

        signIn("chuyenvien");
        assertThat(text("#waiting-count")).isNotBlank();
        open("/danh-sach/cua-toi");
        assertThat(text("#results")).contains("Hội nghị học tập chuyên đề " + mark);
        shot("13-van-ban-cua-toi");
        signOut();

        signIn("vanthu");
        open("/danh-sach/dang-xu-ly");
        assertThat(text("#results")).contains("Hội nghị chờ thẩm định " + mark).contains("Lãnh đạo Văn phòng");
        shot("14-dang-xu-ly");
        open("/danh-sach/tra-cuu");
        type("q", "thuong vu kiem tra " + mark);
        type(
                "from",
                java.time.LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"))
                        .minusDays(1)
                        .format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
        click("search");
        assertThat(text("#results"))
                .contains("Kết luận của Ban Thường vụ về công tác kiểm tra, giám sát " + mark)
                .doesNotContain("Hội nghị chờ thẩm định " + mark);
        shot("15-tra-cuu-khong-dau");
        open("/danh-ba");
        type("name", "Đảng bộ Sở Nội vụ " + mark);
        type("email", "sonoivu@" + domain);
        type("unit", "Khối các cơ quan tỉnh");
        click("add");
        assertThat(text(".flash.ok")).contains("Đã thêm");
        assertThat(text("#changes")).contains("Thêm vào danh bạ");
        shot("16-danh-ba");
        open("/van-ban/" + id + "/phat-hanh");
        assertThat(text("#deliveries")).contains("nguoi1@" + domain);
        shot("17-phat-hanh-sua-dia-chi");
        open("/van-ban/" + id + "/in");
        assertThat(Chromium.present(browser, browser, By.cssSelector("header.top")))
                .isEmpty();
        shot("18-ban-in");
        open("/mailbox");
        assertThat(browser.getPageSource()).containsPattern("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}:\\d{2}");
        // one message, inside the app's frame as the list is: the menu, the way back to the list
        navigate(By.cssSelector("table.mailbox td a"));
        String message = browser.getCurrentUrl().substring(("http://localhost:" + port).length());
        assertThat(browser.findElements(By.cssSelector("header.top #menu"))).hasSize(1);
        assertThat(browser.findElement(By.linkText("← Hộp thư thử nghiệm")).getAttribute("href"))
                .endsWith("/mailbox");
        signOut();

        signIn("admin");
        open("/quan-tri/tai-khoan");
        assertThat(text("#accounts")).contains("chuyenvien");
        shot("19-tai-khoan");
        signOut();

        // a phone: nothing wider than the screen; the menu folds behind its button and opens on a tap
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            signIn("chuyenvien");
            assertThat(browser.findElement(By.id("menu")).isDisplayed()).isFalse();
            shot("20-dien-thoai-menu-gap");
            browser.findElement(By.id("menu-toggle")).click();
            assertThat(browser.findElement(By.id("menu")).isDisplayed()).isTrue();
            shot("21-dien-thoai-menu-mo");
            for (String path : List.of(
                    "/",
                    "/danh-sach/cua-toi",
                    "/danh-sach/tra-cuu?q=thuong+vu",
                    "/van-ban/" + returned,
                    "/van-ban/" + id,
                    "/van-ban/" + id + "/in",
                    "/van-ban/moi?loai=GM",
                    "/van-ban/" + returned + "/sua")) {
                open(path);
                assertFits(path);
                if (path.equals("/van-ban/" + returned)) {
                    shot("22-dien-thoai-trang-van-ban");
                }
            }
            signOut();
            signIn("vanthu");
            for (String path : List.of(
                    "/danh-ba",
                    "/danh-sach/dang-xu-ly",
                    "/van-ban/" + id + "/phat-hanh",
                    "/so-van-ban-di",
                    "/gui-loi",
                    "/mailbox",
                    message)) {
                open(path);
                assertFits(path);
                if (path.equals("/danh-ba")) {
                    shot("23-dien-thoai-danh-ba");
                }
            }
            open("/");
            signOut();
            signIn("admin");
            for (String path : List.of("/quan-tri/tai-khoan", "/quan-tri/nhat-ky")) {
                open(path);
                assertFits(path);
            }
            signOut();
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private void assertFits(String path) {
        Object widths = ((JavascriptExecutor) browser)
                .executeScript("return [document.documentElement.scrollWidth, window.innerWidth];");
        List<?> w = (List<?>) widths;
        assertThat(((Number) w.get(0)).longValue())
                .as(path + " is wider than the screen")
                .isLessThanOrEqualTo(((Number) w.get(1)).longValue());
    }

    /**
     * Issue 14's pages: meeting papers on the draft, the invitee's decline and delegate pages, the
     * attendance page with its reminder, the week calendar and its feed link.
     */
    @Test
    void meetingPapersAnswersAttendanceAndTheCalendar() throws Exception {
        String domain = vn.vanthu.support.Drafts.uniqueDomain();
        Flow flow = new Flow(this);
        java.util.Map<String, Object> draft = vn.vanthu.support.Drafts.invitation(
                "Hội nghị Ban Thường vụ mở rộng quý IV " + domain.substring(0, 9), domain, 3);
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> meeting = (java.util.Map<String, Object>) draft.get("meeting");
        meeting.put("preparation", "Các ban chuẩn bị báo cáo quý IV.");
        meeting.put("contact", "Đ/c Trần Thị Bình, Văn phòng, ĐT 0256 3822 123");
        meeting.put(
                "replyBy",
                java.time.OffsetDateTime.parse((String) meeting.get("start"))
                        .minusDays(3)
                        .toString());
        long id = flow.create(draft);

        // the drafter adds the meeting papers on the document page
        signIn("chuyenvien");
        open("/van-ban/" + id);
        Path paper = Files.createTempFile("Bao-cao-quy-IV-", ".pdf");
        Files.write(paper, "%PDF-1.7\n% tài liệu họp\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        browser.findElement(By.id("paper-file")).sendKeys(paper.toAbsolutePath().toString());
        navigate(By.cssSelector("form.upload button"));
        assertThat(text(".flash.ok")).contains("Đã thêm tài liệu họp");
        Path fake = Files.createTempFile("gia-mao-", ".pdf");
        Files.writeString(fake, "<html>không phải PDF</html>");
        browser.findElement(By.id("paper-file")).sendKeys(fake.toAbsolutePath().toString());
        navigate(By.cssSelector("form.upload button"));
        assertThat(text(".flash.bad")).contains("Chỉ nhận tài liệu PDF");
        ((JavascriptExecutor) browser).executeScript("document.getElementById('tai-lieu').scrollIntoView();");
        shot("14-tai-lieu-hop");
        open("/van-ban/" + id + "/sua");
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('replyBy').scrollIntoView({block: 'center'});");
        shot("14-du-thao-han-xac-nhan");
        signOut();
        Files.deleteIfExists(paper);
        Files.deleteIfExists(fake);

        flow.submit(id);
        flow.decideOk(
                "chanhvanphong",
                id,
                vn.vanthu.workflow.DocumentIssuanceProcess.Kind.REVIEW,
                vn.vanthu.workflow.DocumentIssuanceProcess.Decision.APPROVE,
                null);
        flow.decideOk(
                "bithu",
                id,
                vn.vanthu.workflow.DocumentIssuanceProcess.Kind.SIGN,
                vn.vanthu.workflow.DocumentIssuanceProcess.Decision.SIGN,
                null);
        java.util.List<jakarta.mail.internet.MimeMessage> mails =
                vn.vanthu.support.Mailbox.await(mailServer, domain, 3, Duration.ofSeconds(30));
        java.util.Map<String, String> texts = new java.util.HashMap<>();
        for (jakarta.mail.internet.MimeMessage m : mails) {
            texts.put(vn.vanthu.support.Mailbox.recipient(m), vn.vanthu.support.Mailbox.text(m, "text/plain"));
        }

        // invitees answer on their links' pages: a decline asks why, a delegate for the position
        open(link(texts.get("nguoi2@" + domain), "decline"));
        type("declineReason", "Trùng lịch làm việc với đoàn công tác của Tỉnh ủy.");
        shot("14-tra-loi-khong-du");
        navigate(By.cssSelector("form button[type=submit]"));
        assertThat(browser.getPageSource()).contains("Đã ghi nhận trả lời");
        open(link(texts.get("nguoi3@" + domain), "delegate"));
        type("delegateName", "Trần Văn Cử");
        type("delegatePosition", "Phó Trưởng ban Tổ chức");
        shot("14-tra-loi-cu-nguoi-du-thay");
        navigate(By.cssSelector("form button[type=submit]"));
        assertThat(browser.getPageSource()).contains("Phó Trưởng ban Tổ chức");

        // the clerk's attendance page: counts, details, the reminder
        signIn("vanthu");
        open("/van-ban/" + id);
        navigate(By.id("attendance-link"));
        assertThat(text(".counts")).contains("3 được mời", "1 cử người dự thay", "1 không tham dự", "1 chưa trả lời");
        assertThat(browser.getPageSource()).contains("Trùng lịch làm việc", "Trần Văn Cử, Phó Trưởng ban Tổ chức");
        navigate(By.cssSelector(".actions form button"));
        assertThat(text(".flash.ok")).contains("Đã gửi thư nhắc tới 1 người chưa trả lời");
        shot("14-tham-du");
        browser.manage().window().setSize(new Dimension(375, 800));
        open("/van-ban/" + id + "/tham-du");
        shot("14-tham-du-dien-thoai");
        browser.manage().window().setSize(new Dimension(1280, 900));
        signOut();

        // the signer's week, and the calendar feed link
        signIn("bithu");
        navigate(By.linkText("Lịch họp"));
        open("/lich-hop?tuan="
                + java.time.OffsetDateTime.parse((String) meeting.get("start")).toLocalDate());
        assertThat(browser.getPageSource()).contains("Hội nghị Ban Thường vụ mở rộng quý IV");
        navigate(By.cssSelector(".feed form button"));
        assertThat(browser.findElement(By.id("feed-url")).getAttribute("value"))
                .matches("http.*/r/lich/[A-Za-z0-9_-]{43}\\.ics");
        shot("14-lich-hop");
        signOut();
    }

    /** The path of this action's link in an email's text. */
    private String link(String text, String action) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://\\S+/r/([A-Za-z0-9_-]+)/" + action)
                .matcher(text);
        assertThat(m.find()).as("no " + action + " link in: " + text).isTrue();
        return "/r/" + m.group(1) + "/" + action;
    }

    /** Issuing runs in its own job after the signer's transaction: reload until the number shows. */
    private String waitForNumber(String documentUrl) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
                driver.get(documentUrl);
                var number = driver.findElements(By.id("doc-number"));
                return number.isEmpty() ? null : number.get(0).getText();
            });
        } finally {
            browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
        }
    }

    private void signIn(String user) {
        Chromium.signIn(browser, port, user);
    }

    private void signOut() {
        // on a phone the sign-out button sits in the folded menu
        var toggle = browser.findElements(By.id("menu-toggle"));
        if (!toggle.isEmpty()
                && toggle.get(0).isDisplayed()
                && !browser.findElement(By.id("menu")).isDisplayed()) {
            toggle.get(0).click();
        }
        navigate(By.cssSelector(".who button"));
    }

    private void open(String path) {
        Chromium.open(browser, port, path);
    }

    private void type(String id, String value) {
        Chromium.type(browser, id, value);
    }

    /** Typed as a person types it: dd/MM/yyyy HH:mm, 24-hour, whatever the browser's locale. */
    private void dateTime(String id, LocalDateTime value) {
        type(id, value.format(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")));
    }

    /** Clicks a button or link that loads a new page, and waits until the new page is there. */
    private void click(String id) {
        navigate(By.id(id));
    }

    private void navigate(By target) {
        Chromium.navigate(browser, target);
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private void shot(String name) throws IOException {
        Chromium.docsShot(browser, name);
    }
}

package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.vanthu.support.Chromium;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * axe-core (vendored in src/test/resources/axe, so the build needs no Node) on the main pages in
 * headless Chromium: no "serious" or "critical" finding on the sign-in page, the public board, the
 * verify page, the task list, a review task, a document page and the draft form (new and saved,
 * and with its date picker open on a date-time field; the search page's with it open on a date).
 * Skipped where Debian's chromium and chromium-driver are not installed, as the other browser tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityTest extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChromeDriver browser;
    private Path profile;
    private String axe;

    @BeforeAll
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(
                Chromium.available(),
                "Accessibility test skipped: needs /usr/bin/chromium and /usr/bin/chromedriver "
                        + "(apt-get install chromium chromium-driver)");
        try (InputStream in = AccessibilityTest.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("src/test/resources/axe/axe.min.js").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        profile = Files.createTempDirectory("vanthu-axe");
        browser = Chromium.start(profile, "1280,900");
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowser() throws IOException {
        Chromium.stop(browser, profile);
    }

    @Test
    void theMainPagesHaveNoSeriousOrCriticalFindings() throws Exception {
        Flow flow = new Flow(this);
        String title =
                "Hội nghị kiểm tra trợ năng " + UUID.randomUUID().toString().substring(0, 6);
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 2));
        List<String> findings = new ArrayList<>();

        // signed out
        findings.addAll(check("/login"));
        findings.addAll(check("/thong-bao"));
        findings.addAll(check("/xac-minh"));

        // the drafter's form, new and saved (with its meeting papers section); then submitted
        signIn("chuyenvien");
        findings.addAll(check("/van-ban/moi?loai=GM"));
        // the date picker open (js/datepicker.js): its dialog, month grid and hour and minute lists
        findings.addAll(check("/van-ban/moi?loai=GM", "meetingStart"));
        findings.addAll(check("/van-ban/" + id + "/sua"));
        flow.submit(id);
        signOut();

        // the reviewer's task list, task and document page
        signIn("chanhvanphong");
        String taskId = flow.taskOf("chanhvanphong", id, Kind.REVIEW);
        findings.addAll(check("/"));
        findings.addAll(check("/viec/" + taskId));
        findings.addAll(check("/van-ban/" + id));
        findings.addAll(check("/thong-bao-cua-toi"));
        findings.addAll(check("/danh-sach/tra-cuu", "from"));
        signOut();

        findings.forEach(System.out::println);
        assertThat(findings).as("axe-core: serious or critical findings").isEmpty();
    }

    /** The page's serious and critical violations, one line each with the elements concerned. */
    private List<String> check(String path) throws IOException {
        return check(path, null);
    }

    /** The same with the date picker of this field open (null: as the page loads). */
    private List<String> check(String path, String pickerFor) throws IOException {
        browser.get("http://localhost:" + port + path);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        if (pickerFor != null) {
            browser.findElement(By.cssSelector("button[data-picker-for=" + pickerFor + "]"))
                    .click();
            assertThat(browser.findElement(By.id(pickerFor + "-picker")).isDisplayed())
                    .as("the picker of " + pickerFor + " on " + path)
                    .isTrue();
            path = path + " (calendar of " + pickerFor + " open)";
        }
        JavascriptExecutor js = browser;
        js.executeScript(axe);
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify({violations: r.violations, passes: r.passes.length})); })"
                + ".catch(function (e) { done('ERROR ' + e); });");
        assertThat(String.valueOf(result)).as("axe on " + path).doesNotStartWith("ERROR");
        JsonNode report = JSON.readTree(String.valueOf(result));
        // axe did look: a page it checked passes some rules (a blank or unloaded page passes few)
        assertThat(report.path("passes").asInt()).as("rules passed on " + path).isGreaterThan(5);
        List<String> lines = new ArrayList<>();
        for (JsonNode v : report.path("violations")) {
            String impact = v.path("impact").asText();
            if (!"serious".equals(impact) && !"critical".equals(impact)) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
            lines.add(path + ": " + impact + " " + v.path("id").asText() + " — "
                    + v.path("help").asText() + " " + targets);
        }
        return lines;
    }

    private void signIn(String user) {
        Chromium.signIn(browser, port, user);
    }

    private void signOut() {
        browser.manage().deleteAllCookies();
    }
}

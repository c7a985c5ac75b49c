package vn.vanthu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.vanthu.support.Chromium;
import vn.vanthu.support.Drafts;
import vn.vanthu.support.Flow;
import vn.vanthu.support.IntegrationTest;
import vn.vanthu.workflow.DocumentIssuanceProcess.Decision;
import vn.vanthu.workflow.DocumentIssuanceProcess.Kind;

/**
 * After "Ký ban hành" the document page settles by itself (vanthu.js asks /api/documents/{id}):
 * the status and the number show without a reload. Skipped without Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IssueWatchBrowserTest extends IntegrationTest {

    private ChromeDriver browser;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(
                Chromium.available(),
                "Browser test skipped: needs /usr/bin/chromium and /usr/bin/chromedriver "
                        + "(apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("vanthu-watch");
        browser = Chromium.start(profile, "1280,900");
    }

    @AfterAll
    void stopBrowser() throws IOException {
        Chromium.stop(browser, profile);
    }

    @Test
    void theSignersPageShowsTheNumberWithoutAReload() {
        Flow flow = new Flow(this);
        String title = "Hội nghị ký và xem số " + Drafts.uniqueDomain();
        long id = flow.create(Drafts.invitation(title, Drafts.uniqueDomain(), 1));
        flow.submit(id);
        flow.decideOk("chanhvanphong", id, Kind.REVIEW, Decision.APPROVE, null);
        String task = flow.taskOf("bithu", id, Kind.SIGN);

        browser.get("http://localhost:" + port + "/login");
        browser.findElement(By.id("username")).sendKeys("bithu");
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get("http://localhost:" + port + "/viec/" + task);
        browser.findElement(By.id("pin")).sendKeys(Flow.DEMO_PIN);
        browser.findElement(By.id("sign")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().endsWith("/van-ban/" + id));
        String loadedAt = String.valueOf(browser.executeScript("return window.__loaded = performance.timeOrigin;"));

        // no reload: the same page (its marker kept) shows the status and the number once issued
        new WebDriverWait(browser, Duration.ofSeconds(40))
                .until(d ->
                        "Đã ban hành".equals(d.findElement(By.id("doc-status")).getText()));
        assertThat(browser.findElement(By.id("doc-number")).getText())
                .isEqualTo(flow.document(id).get("number").asText());
        assertThat(String.valueOf(browser.executeScript("return window.__loaded;")))
                .isEqualTo(loadedAt);
        assertThat(browser.findElement(By.id("pdf-frame")).getAttribute("aria-label"))
                .isNotBlank();
    }
}

package vn.vanthu.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's headless Chromium and its driver, as the browser tests start them (never Selenium Manager's download). */
public final class Chromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a search waits for an element still arriving. */
    static final Duration IMPLICIT_WAIT = Duration.ofSeconds(10);

    private Chromium() {}

    /** Installed (apt-get install chromium chromium-driver): the browser tests skip without it. */
    public static boolean available() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** A browser with its own profile folder, in Vietnamese, waiting up to 10 s for elements still arriving. */
    public static ChromeDriver start(Path profile, String windowSize) {
        return start(profile, windowSize, "vi");
    }

    /** The same in another language (en-US: what an English-language browser shows and formats). */
    public static ChromeDriver start(Path profile, String windowSize, String language) {
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toString());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=" + windowSize,
                "--lang=" + language);
        if (!"vi".equals(language)) { // the pages' and the headers' language too, not only the browser's own
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        }
        ChromeDriver browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        browser.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        return browser;
    }

    /**
     * The elements {@code where} holds now: to check that one is absent. A search that finds none
     * otherwise waits the implicit 10 s for one to appear.
     */
    public static java.util.List<org.openqa.selenium.WebElement> present(
            ChromeDriver browser, org.openqa.selenium.SearchContext where, org.openqa.selenium.By by) {
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return where.findElements(by);
        } finally {
            browser.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        }
    }

    /** Opens a path of the application on this port. */
    public static void open(ChromeDriver browser, int port, String path) {
        browser.get("http://localhost:" + port + path);
    }

    /** Types into the field with this id, as a person does, after clearing it. */
    public static void type(ChromeDriver browser, String id, String text) {
        org.openqa.selenium.WebElement field = browser.findElement(org.openqa.selenium.By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks what loads a new page and waits until the new page is there. */
    public static void navigate(ChromeDriver browser, org.openqa.selenium.By target) {
        // a global set on the old page is gone once the browser has loaded the next one
        browser.executeScript("window.__oldPage = true;");
        browser.findElement(target).click();
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript(
                                "return window.__oldPage === undefined && document.readyState === 'complete';")));
    }

    /** Signs in on the sign-in page with the demo password. */
    public static void signIn(ChromeDriver browser, int port, String user) {
        open(browser, port, "/login");
        type(browser, "username", user);
        type(browser, "password", "demo");
        navigate(browser, org.openqa.selenium.By.cssSelector("form button[type=submit]"));
    }

    /** Closes the browser (if it started) and removes its profile folder. */
    public static void stop(ChromeDriver browser, Path profile) throws java.io.IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * A screenshot for the docs (docs/screenshots, shown in the README), taken only when asked for with
     * {@code -Dvanthu.docs=true} (as ModularityTest writes docs/modules), so that a default run leaves the
     * working tree as it found it.
     */
    public static void docsShot(ChromeDriver browser, String name) throws java.io.IOException {
        if (!Boolean.getBoolean("vanthu.docs")) {
            return;
        }
        Path dir = Path.of("docs", "screenshots");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Files.write(
                dir.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }
}

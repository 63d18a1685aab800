package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.backoffice.keycloak.testing.KeycloakServer;
import io.backoffice.keycloak.testkit.Http;

/**
 * The organization admin page in Debian's Chromium (headless): opens it in a test realm, logs in through
 * Keycloak's login page, checks each screen with axe-core (R-UI-5) and saves screenshots for the README.
 */
final class AdminPageBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String CLIENT = "backoffice-admin-page";
    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));
    static final Path IMAGES = ROOT.resolve("docs/images");
    private static final Path AXE = ROOT.resolve("admin-page/node_modules/axe-core/axe.min.js");

    final WebDriver driver;
    private final Path profile;

    private AdminPageBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed: apt-get install -y chromium chromium-driver");
        System.setProperty("SE_OFFLINE", "true");
    }

    /** The page client, like every client of a test realm, lost its token mapper: give it back the demo's. */
    static void prepareClient(TestRealm realm) {
        String uuid = realm.clientUuid(CLIENT);
        for (JsonNode demoClient : TestRealm.demoRealm().get("clients")) {
            if (CLIENT.equals(demoClient.get("clientId").asText())) {
                for (JsonNode mapper : demoClient.get("protocolMappers")) {
                    Http.Reply added = realm.admin("POST", "/clients/" + uuid + "/protocol-mappers/models", mapper);
                    assertEquals(201, added.status(), added.toString());
                }
            }
        }
    }

    static AdminPageBrowser open() {
        try {
            Path profile = Files.createTempDirectory("admin-page-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            return new AdminPageBrowser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pageUrl(TestRealm realm, String route) {
        return TestRealm.base() + "/realms/" + realm.name() + "/backoffice/app/" + route;
    }

    /** Opens a route of the page; Keycloak's login page comes first when not logged in. */
    void get(TestRealm realm, String route) {
        driver.get(pageUrl(realm, route));
    }

    void login(String username) {
        waitFor(By.id("username")).sendKeys(username);
        if (driver.findElements(By.id("password")).isEmpty()) {
            driver.findElement(By.id("kc-login")).click();
        }
        waitFor(By.id("password")).sendKeys(TestRealm.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(String text) {
        // The page may be replaced while it is read (a navigation): read it again.
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.tagName("body")).getText().contains(text));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void click(By by) {
        WebElement element = waitFor(by);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(element));
        element.click();
    }

    void type(By by, String text) {
        WebElement element = waitFor(by);
        element.clear();
        element.sendKeys(text);
    }

    /** R-UI-5: axe-core finds no serious or critical violation on the screen as it is now. */
    void assertAccessible(String screen) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            js.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is installed by the admin page's npm ci", e);
        }
        Object result = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(JSON.stringify(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))),"
                        + " e => done(JSON.stringify([{id: 'axe-failed', help: String(e)}])));");
        List<Map<String, Object>> violations = new ArrayList<>();
        try {
            Http.JSON.readTree(String.valueOf(result)).forEach(v -> violations.add(Http.JSON.convertValue(v, Map.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(violations.isEmpty(), screen + ": " + violations);
    }

    /** A screenshot for the README, at desktop width and on a 390 px phone (R-UI-5). */
    void screenshots(String name) {
        screenshots(name, null);
    }

    /** As {@link #screenshots(String)}, scrolled so that the element with id {@code sectionId} is at the top. */
    void screenshots(String name, String sectionId) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        // A PIN or a client secret is never stored in clear, not even a test realm's in a picture.
        js.executeScript("['shown-pin', 'shown-secret'].map(id => document.getElementById(id)).filter(e => e)"
                + ".forEach(e => e.textContent = '\u2022'.repeat(e.textContent.length));");
        js.executeScript("window.scrollTo(0, 0); document.querySelectorAll('main, .pf-v5-c-page__main').forEach(m => m.scrollTop = 0);");
        String scroll = sectionId == null ? "" : "document.getElementById(arguments[0]).scrollIntoView();";
        js.executeScript(scroll, sectionId);
        shoot(name + "-desktop.png");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            // As a phone opens the page: the navigation folded behind its button.
            js.executeScript("if (document.querySelector('.pf-v5-c-page__sidebar.pf-m-expanded')) document.getElementById('nav-toggle').click();");
            Object wider = ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth ? '' : [...document.querySelectorAll('body *')]"
                            + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.bo-wrap'))"
                            + ".map(e => e.tagName + '.' + e.className).slice(0, 8).join(', ')");
            assertEquals("", wider, name + ": no sideways scrolling at 390 px, except inside scrollable tables");
            js.executeScript(scroll, sectionId);
            shoot(name + "-phone.png");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
            js.executeScript("if (!document.querySelector('.pf-v5-c-page__sidebar.pf-m-expanded')) document.getElementById('nav-toggle').click();");
        }
    }

    private void shoot(String file) {
        try {
            Files.createDirectories(IMAGES);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), IMAGES.resolve("admin-page-" + file), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try {
            KeycloakServer.deleteTree(profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

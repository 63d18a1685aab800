package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.backoffice.keycloak.testing.KeycloakServer;
import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * The PIN page in a real browser (Debian's Chromium, headless): keypad and keyboard, wrong then right PIN,
 * English and French, and step-up on the same browser session. Screenshots go to target/screenshots.
 */
class StaffPinBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final int PHONE_WIDTH = 390;

    static TestRealm realm;
    static TestOrganization centre;
    static TestOrganization.Holder ann;
    static TestOrganization.Holder cat;
    static HttpServer callback;
    static String redirectUri;

    private WebDriver driver;
    private Path profile;
    private String verifier;

    @BeforeAll
    static void setUp() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed: apt-get install -y chromium chromium-driver to run the browser test of the PIN page");
        System.setProperty("SE_OFFLINE", "true");
        realm = TestRealm.create("pinbrowser");
        centre = TestOrganization.forStaffPins(realm, "Browser Desk Centre", "browserdesk");
        centre.sharedAccount("desk");
        ann = centre.holder("ann", "Ann", true);
        cat = centre.holder("cat", "Cat", true);
        // The app the login returns to: a page that says so.
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/callback", exchange -> {
            byte[] body = "<html><body><h1>Back in the app</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        callback.start();
        redirectUri = "http://localhost:" + callback.getAddress().getPort() + "/callback";
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopCallback() {
        if (callback != null) {
            callback.stop(0);
        }
    }

    private WebDriver browser() throws IOException {
        profile = Files.createTempDirectory("pin-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1280,1200", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        return driver;
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
        if (profile != null) {
            KeycloakServer.deleteTree(profile);
        }
    }

    private String authorizationUrl(String extra) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/auth?client_id=" + TestRealm.APP_CLIENT
                + "&response_type=code&scope=openid&state=b1&redirect_uri=" + Http.enc(redirectUri)
                + "&code_challenge=" + challenge + "&code_challenge_method=S256" + extra;
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            var found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private void typeUsernameAndPassword(String username) {
        waitFor(By.id("username")).sendKeys(username);
        if (driver.findElements(By.id("password")).isEmpty()) {
            driver.findElement(By.id("kc-login")).click();
        }
        waitFor(By.id("password")).sendKeys(TestRealm.PASSWORD);
        driver.findElement(By.id("kc-login")).click();
    }

    /** Taps the on-screen keys, as on a touch screen. */
    private void tap(String pin) {
        for (char digit : pin.toCharArray()) {
            driver.findElement(By.cssSelector(".bo-pin-key[data-key='" + digit + "']")).click();
        }
    }

    private void screenshot(String name) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private String codeFromCallback() {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().startsWith(redirectUri));
        Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(driver.getCurrentUrl());
        assertTrue(m.find(), driver.getCurrentUrl());
        return m.group(1);
    }

    private JsonNode exchange(String code) {
        Http.Reply reply = HTTP.form(TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", TestRealm.APP_CLIENT,
                "redirect_uri", redirectUri, "code_verifier", verifier));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private String feedback() {
        return waitFor(By.className("kc-feedback-text")).getText();
    }

    @Test
    @DisplayName("R-STEP-1, R-STEP-2, R-STEP-3, R-STEP-5: in Chromium, a wrong PIN by keypad is refused, a right one by keyboard logs in, and step-up asks only the PIN")
    void pinPageInTheBrowser() throws IOException {
        browser().get(authorizationUrl("&ui_locales=en"));
        typeUsernameAndPassword(centre.email("desk"));
        WebElement pin = waitFor(By.id("pin"));
        assertEquals("password", pin.getAttribute("type"), "masked");
        assertEquals("numeric", pin.getAttribute("inputmode"));
        assertEquals("off", pin.getAttribute("autocomplete"));
        assertEquals(12, driver.findElements(By.className("bo-pin-key")).size(), "keypad: 10 digits, clear, delete");
        assertTrue(driver.findElement(By.className("bo-pin-key")).getSize().getHeight() >= 56, "large keys");
        assertTrue(driver.getPageSource().contains("Who is working?"));

        tap("12");
        driver.findElement(By.cssSelector(".bo-pin-key[data-key='back']")).click();
        assertEquals("1", pin.getAttribute("value"), "the delete key removes the last digit");
        driver.findElement(By.cssSelector(".bo-pin-key[data-key='clear']")).click();
        assertEquals("", pin.getAttribute("value"));
        String wrong = ann.pin().equals("000000") ? "999999" : "000000";
        tap(wrong);
        assertEquals(wrong, pin.getAttribute("value"), "keys type into the field");
        screenshot("pin-page-en-typing.png");
        driver.findElement(By.id("kc-login")).click();
        assertEquals("This PIN was not accepted. Please try again.", feedback());
        assertFalse(driver.getPageSource().contains(wrong), "the typed PIN is not echoed back");
        screenshot("pin-page-en.png");

        waitFor(By.id("pin")).sendKeys(ann.pin());
        driver.findElement(By.id("kc-login")).click();
        JsonNode tokens = exchange(codeFromCallback());
        assertEquals("password", FormLogin.claims(tokens.get("id_token").asText()).path("acr").asText());

        // Step-up on the same browser session: the PIN page, no password.
        driver.get(authorizationUrl("&acr_values=pin"));
        WebElement again = waitFor(By.id("pin"));
        assertTrue(driver.findElements(By.id("password")).isEmpty(), "no password on step-up");
        again.sendKeys(cat.pin());
        driver.findElement(By.id("kc-login")).click();
        JsonNode stepUp = exchange(codeFromCallback());
        assertEquals("pin", FormLogin.claims(stepUp.get("id_token").asText()).path("acr").asText());
        JsonNode login = realm.adminGet("/events?type=LOGIN&max=1").get(0);
        assertEquals(cat.userId(), login.path("details").path("acting_user_id").asText(), login.toString());
    }

    @Test
    @DisplayName("R-STEP-5: the PIN page follows the user's locale: French")
    void pinPageInFrench() throws IOException {
        browser().get(authorizationUrl("&ui_locales=fr"));
        typeUsernameAndPassword(centre.email("desk"));
        waitFor(By.id("pin"));
        String page = driver.getPageSource();
        assertTrue(page.contains("Qui travaille"), "French title");
        assertEquals("Continuer", driver.findElement(By.id("kc-login")).getText().trim());
        assertEquals("Effacer", driver.findElement(By.cssSelector(".bo-pin-key[data-key='clear']")).getText().trim());
        tap("0000");
        driver.findElement(By.id("kc-login")).click();
        assertTrue(feedback().startsWith("Ce NIP n"), feedback());
        screenshot("pin-page-fr.png");
        waitFor(By.id("pin")).sendKeys(ann.pin());
        driver.findElement(By.id("kc-login")).click();
        assertNotNull(exchange(codeFromCallback()).get("access_token"));
    }

    @Test
    @DisplayName("R-STEP-5: at 390 px wide the PIN page does not scroll sideways, and the keypad works with Tab and Enter without the focus jumping back")
    void phoneWidthAndKeyboardKeypad() throws IOException {
        browser();
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", PHONE_WIDTH, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        driver.get(authorizationUrl("&ui_locales=en"));
        typeUsernameAndPassword(centre.email("desk"));
        WebElement pin = waitFor(By.id("pin"));
        JavascriptExecutor js = (JavascriptExecutor) driver;
        assertEquals(PHONE_WIDTH, ((Number) js.executeScript("return window.innerWidth")).intValue(),
                "the layout viewport stays the phone's: content wider than the screen widens it (517 px before the theme's fix)");
        assertFalse(driver.findElements(By.className("kc-tooltip-text")).isEmpty(),
                "the page has keycloak.v2's hidden tooltip, which widened it past 390 px before our theme's fix");
        long scrollWidth = ((Number) js.executeScript("return document.scrollingElement.scrollWidth")).longValue();
        assertTrue(scrollWidth <= PHONE_WIDTH, "no sideways scrolling: the page is " + scrollWidth + " px wide");
        screenshot("pin-page-390.png");

        // Keyboard only: from the field, Tab reaches the first key; Enter and Space press keys and the focus stays put.
        pin.click();
        pin.sendKeys(Keys.TAB);
        assertEquals("1", activeKey(js), "Tab from the field reaches the keypad");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertEquals("1", activeKey(js), "Enter on a key keeps the focus on it");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertEquals("2", activeKey(js));
        driver.switchTo().activeElement().sendKeys(Keys.SPACE);
        assertEquals("2", activeKey(js), "Space on a key keeps the focus on it");
        assertEquals("12", pin.getAttribute("value"), "the keys typed into the field");
        js.executeScript("document.querySelector(\".bo-pin-key[data-key='back']\").focus()");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertEquals("1", pin.getAttribute("value"), "the delete key by keyboard");
        assertEquals("back", activeKey(js));
    }

    private static String activeKey(JavascriptExecutor js) {
        return String.valueOf(js.executeScript("return document.activeElement.getAttribute('data-key')"));
    }
}

package io.backoffice.keycloak.bench;



import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The organization admin page (R-UI-6), served by the benchmark's Keycloak at
 * {@code /realms/{realm}/backoffice/app/}: the gzip size of the JavaScript and CSS it serves (index.html's
 * assets and every asset they name, as a browser may load them), and the time to its first usable screen
 * (the administrators list with its rows) in Debian's headless Chromium for the owner of the largest
 * organization, with an empty browser cache and with a warm one, on a live SSO session.
 */
final class AdminPageBenchmark {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String ASSET = "assets/[A-Za-z0-9_.-]+\\.(?:js|css)";
    private static final Pattern INDEX_ASSET = Pattern.compile("(?:src|href)=\"([^\"]*" + ASSET + ")\"");
    private static final Pattern NAMED_ASSET = Pattern.compile(ASSET);

    static final class Result {
        final Map<String, Long> gzipBytes = new LinkedHashMap<>();
        long rawBytes;
        final Latencies coldCache = new Latencies();
        final Latencies warmCache = new Latencies();
        Double afterLoginMillis;
        String browserNotMeasured;

        long gzipTotal() {
            return gzipBytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private AdminPageBenchmark() {
    }

    static Result measure(BenchRealm realm, String owner, int loads) {
        Result result = new Result();
        String page = realm.server().base() + "/realms/" + realm.name() + "/backoffice/app/";
        assetBytes(page, result);
        BenchMain.log(String.format("  admin page: %d JS/CSS files, %,d bytes, %,d bytes gzip (level 9)", result.gzipBytes.size(),
                result.rawBytes, result.gzipTotal()));
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            result.browserNotMeasured = "Chromium not installed (apt-get install chromium chromium-driver)";
            BenchMain.log("  admin page first screen not measured: " + result.browserNotMeasured);
            return result;
        }
        firstScreen(page, owner, loads, result);
        return result;
    }

    /** Every JS and CSS asset index.html names, and those they name in turn (lazy chunks), each fetched and gzipped. */
    private static void assetBytes(String page, Result result) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String index = fetch(client, page).toString(StandardCharsets.UTF_8);
        Deque<String> queue = new ArrayDeque<>();
        Matcher m = INDEX_ASSET.matcher(index);
        while (m.find()) {
            queue.add(m.group(1).substring(m.group(1).indexOf("assets/")));
        }
        if (queue.isEmpty()) {
            throw new IllegalStateException("The admin page at " + page + " names no JS or CSS asset: " + index);
        }
        while (!queue.isEmpty()) {
            String asset = queue.poll();
            if (result.gzipBytes.containsKey(asset)) {
                continue;
            }
            ByteArrayOutputStream body = fetch(client, page + asset);
            result.rawBytes += body.size();
            result.gzipBytes.put(asset, (long) gzip(body.toByteArray()));
            if (asset.endsWith(".js")) {
                Matcher named = NAMED_ASSET.matcher(body.toString(StandardCharsets.UTF_8));
                while (named.find()) {
                    queue.add(named.group());
                }
            }
        }
    }

    /** Log in once, then {@code loads} loads with an empty cache and as many with a warm one, alternating. */
    private static void firstScreen(String page, String owner, int loads, Result result) {
        System.setProperty("SE_OFFLINE", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("bench-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--window-size=1280,900", "--lang=en-US", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.get(page);
            visible(driver, By.id("username")).sendKeys(owner);
            if (driver.findElements(By.id("password")).isEmpty()) {
                driver.findElement(By.id("kc-login")).click();
            }
            visible(driver, By.id("password")).sendKeys(BenchRealm.PASSWORD);
            long t0 = System.nanoTime();
            driver.findElement(By.id("kc-login")).click();
            usable(driver);
            result.afterLoginMillis = Latencies.round((System.nanoTime() - t0) / 1e6);
            for (int i = 0; i < loads; i++) {
                driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
                result.coldCache.add(load(driver, page));
                result.warmCache.add(load(driver, page));
            }
            BenchMain.log(String.format("  admin page first usable screen: %.0f ms after the login form, median %.0f ms empty cache, %.0f ms warm",
                    result.afterLoginMillis, result.coldCache.median(), result.warmCache.median()));
        } finally {
            driver.quit();
            try {
                io.backoffice.keycloak.testing.KeycloakServer.deleteTree(profile);
            } catch (IOException e) {
                BenchMain.log("  could not delete " + profile + ": " + e);
            }
        }
    }

    private static long load(WebDriver driver, String page) {
        long t0 = System.nanoTime();
        driver.get(page);
        usable(driver);
        return System.nanoTime() - t0;
    }

    /** The first screen is usable when the administrators list shows its rows. */
    private static void usable(WebDriver driver) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#administrators [data-user-id]")));
    }

    private static org.openqa.selenium.WebElement visible(WebDriver driver, By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private static ByteArrayOutputStream fetch(HttpClient client, String url) {
        try {
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + ": " + response.statusCode());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(response.body());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Gzip at level 9, as admin-page/scripts/bundle-size.mjs measures at build time. */
    static int gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size();
    }
}

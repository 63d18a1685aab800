package io.backoffice.keycloak.it;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.backoffice.keycloak.testkit.Http;

/** The tests' one HTTP client, which notes every PIN and token it receives for the leak check at the end of the run (R-PIN-4). */
public final class TestHttp {

    public static final Set<String> ISSUED_PINS = ConcurrentHashMap.newKeySet();
    public static final Set<String> SEEN_TOKENS = ConcurrentHashMap.newKeySet();
    private static final Pattern PIN_FIELD = Pattern.compile("\"pin\"\\s*:\\s*\"(\\d{4,12})\"");
    private static final Pattern TOKEN_FIELD = Pattern.compile("\"(?:access_token|id_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");

    /** Absolute URLs only (the server's address is known once it runs); the JDK's default HTTP version. */
    public static final Http HTTP = new Http(null, HttpClient.Version.HTTP_2, Duration.ofSeconds(5), Duration.ofSeconds(60), TestHttp::remember);

    private TestHttp() {
    }

    private static void remember(String body) {
        Matcher pins = PIN_FIELD.matcher(body);
        while (pins.find()) {
            ISSUED_PINS.add(pins.group(1));
        }
        Matcher tokens = TOKEN_FIELD.matcher(body);
        while (tokens.find()) {
            SEEN_TOKENS.add(tokens.group(1));
        }
    }
}

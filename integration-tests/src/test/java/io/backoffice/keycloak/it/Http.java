package io.backoffice.keycloak.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP + JSON against the server under test. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** Every PIN and token any test received, for the leak check at the end of the run (R-PIN-4). */
    public static final Set<String> ISSUED_PINS = ConcurrentHashMap.newKeySet();
    public static final Set<String> SEEN_TOKENS = ConcurrentHashMap.newKeySet();
    private static final Pattern PIN_FIELD = Pattern.compile("\"pin\"\\s*:\\s*\"(\\d{4,12})\"");
    private static final Pattern TOKEN_FIELD = Pattern.compile("\"(?:access_token|id_token|refresh_token)\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private Http() {
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public String location() {
            return raw.headers().firstValue("Location").orElseThrow();
        }

        /** The id at the end of a 201's Location header. */
        public String createdId() {
            if (status != 201) {
                throw new AssertionError("Expected 201, got " + status + ": " + body);
            }
            String location = location();
            return location.substring(location.lastIndexOf('/') + 1);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public static Reply send(String method, String url, String bearer, Object body) {
        return send(method, url, bearer, body, "application/json");
    }

    public static Reply send(String method, String url, String bearer, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : write(body);
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        request.header("Accept", "application/json");
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            remember(response.body());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Notes the PINs and tokens in a response body. */
    public static void remember(String body) {
        if (body == null) {
            return;
        }
        Matcher pins = PIN_FIELD.matcher(body);
        while (pins.find()) {
            ISSUED_PINS.add(pins.group(1));
        }
        Matcher tokens = TOKEN_FIELD.matcher(body);
        while (tokens.find()) {
            SEEN_TOKENS.add(tokens.group(1));
        }
    }

    public static Reply form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send("POST", url, null, body, "application/x-www-form-urlencoded");
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.backoffice.keycloak.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Plain HTTP + JSON against a Keycloak server. One instance is one client with its own connection pool:
 * the tests share one, the benchmark gives each simulated client its own, as separate clients would have.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client;
    private final Duration timeout;
    private final Consumer<String> bodies;

    /**
     * {@code base} is put before URLs that start with {@code /} (null: every URL is absolute); {@code bodies}
     * reads every body {@link #send} receives (the tests' leak check notes PINs and tokens there).
     */
    public Http(String base, HttpClient.Version version, Duration connectTimeout, Duration timeout, Consumer<String> bodies) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(version)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
        this.bodies = bodies;
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

        /** This reply, if its status is {@code expected}. */
        public Reply expect(int expected, String what) {
            if (status != expected) {
                throw new AssertionError(what + ": expected " + expected + ", got " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public String base() {
        return base;
    }

    /** The default request timeout of this client. */
    public Duration timeout() {
        return timeout;
    }

    public Reply send(String method, String url, String bearer, Object body) {
        return send(method, url, bearer, body, "application/json", timeout);
    }

    public Reply send(String method, String url, String bearer, Object body, String contentType) {
        return send(method, url, bearer, body, contentType, timeout);
    }

    /** For calls that take longer than this client's timeout (bulk seeding, deep pages). */
    public Reply send(String method, String url, String bearer, Object body, Duration timeout) {
        return send(method, url, bearer, body, "application/json", timeout);
    }

    private Reply send(String method, String url, String bearer, Object body, String contentType, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(url)).timeout(timeout);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : write(body)));
        }
        request.header("Accept", "application/json");
        Reply reply = execute(request.build());
        if (reply.body() != null) {
            bodies.accept(reply.body());
        }
        return reply;
    }

    public Reply form(String url, Map<String, String> fields) {
        return send("POST", url, null, formBody(fields), "application/x-www-form-urlencoded");
    }

    /** Sends a request built elsewhere as it is (a caller that times exactly one round trip builds it first). */
    public Reply execute(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String url) {
        return URI.create(url.startsWith("/") ? base + url : url);
    }

    /** A string body is sent as it is; anything else as this JSON. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

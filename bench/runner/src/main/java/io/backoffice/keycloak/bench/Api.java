package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.backoffice.keycloak.testing.KeycloakServer;

/**
 * Plain HTTP/1.1 + JSON against the benchmark server. One instance per simulated client: each has its own
 * connection pool, as separate clients would.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient client;
    private String adminToken;
    private long adminTokenAt;

    Api(String base) {
        this.base = base;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String base() {
        return base;
    }

    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        String location() {
            return headers.firstValue("Location").orElse(null);
        }

        String createdId() {
            if (status != 201) {
                throw new IllegalStateException("Expected 201, got " + this);
            }
            String location = location();
            return location.substring(location.lastIndexOf('/') + 1);
        }

        Reply expect(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + ": expected " + expected + ", got " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "..." : body);
        }
    }

    Reply send(String method, String url, String bearer, Object body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url)).timeout(timeout);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        request.header("Accept", "application/json");
        return execute(request.build());
    }

    Reply form(String url, Map<String, String> fields) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(fields)))
                .build();
        return execute(request);
    }

    Reply execute(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Master-realm admin token, renewed well before it expires. */
    synchronized String adminToken() {
        if (adminToken == null || System.currentTimeMillis() - adminTokenAt > 30_000) {
            Reply reply = form("/realms/master/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD))
                    .expect(200, "admin token");
            adminToken = reply.json().get("access_token").asText();
            adminTokenAt = System.currentTimeMillis();
        }
        return adminToken;
    }

    Reply admin(String method, String path, Object body) {
        return send(method, "/admin/realms" + path, adminToken(), body, Duration.ofSeconds(120));
    }

    /** For long bulk calls. */
    Reply adminSlow(String method, String path, Object body) {
        return send(method, "/admin/realms" + path, adminToken(), body, Duration.ofMinutes(15));
    }

    JsonNode adminGet(String path) {
        return admin("GET", path, null).expect(200, "GET " + path).json();
    }

    static String write(Object value) {
        if (value instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String formBody(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

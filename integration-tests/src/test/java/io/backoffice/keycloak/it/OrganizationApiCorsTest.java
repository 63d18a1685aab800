package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/**
 * CORS of the organization API, as a browser on the back-office web app's origin meets it: origins are
 * the web origins of the client that issued the token.
 */
class OrganizationApiCorsTest {

    static final String APP_ORIGIN = "https://app.cors.example";
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static TestRealm realm;
    static TestOrganization org;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("corsapi");
        String client = realm.clientUuid(TestRealm.APP_CLIENT);
        ObjectNode rep = (ObjectNode) realm.adminGet("/clients/" + client);
        rep.putArray("webOrigins").add(APP_ORIGIN);
        assertEquals(204, realm.admin("PUT", "/clients/" + client, rep).status());
        org = TestOrganization.empty(realm, "Cors Centre", "cors");
        org.bootstrapOwner("owner");
    }

    private static HttpResponse<String> send(String method, String path, String origin, String token, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(org.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    @Test
    @DisplayName("CORS (issue 3; no SPEC id, serves R-AUTHZ-1 callers in a browser): preflight is answered without a token on every path")
    void preflight() {
        for (String path : List.of("/me", "/permission-groups", "/permission-groups/some-id", "/catalogue")) {
            HttpResponse<String> response = send("OPTIONS", path, APP_ORIGIN, null,
                    Map.of("Access-Control-Request-Method", "PUT", "Access-Control-Request-Headers", "authorization, content-type"));
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            assertEquals(Optional.of(APP_ORIGIN), header(response, "Access-Control-Allow-Origin"), path);
            String methods = header(response, "Access-Control-Allow-Methods").orElse("");
            assertTrue(methods.contains("PUT") && methods.contains("DELETE") && methods.contains("POST"), methods);
            assertTrue(header(response, "Access-Control-Allow-Headers").orElse("").contains("Authorization"));
        }
    }

    @Test
    @DisplayName("CORS (issue 3; no SPEC id) and R-AUTHZ-1: the token's client's web origins get CORS headers, on answers and refusals; other origins get 403")
    void requestsFromWebOrigins() {
        String token = org.token("owner");
        HttpResponse<String> ok = send("GET", "/permission-groups", APP_ORIGIN, token, Map.of());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(Optional.of(APP_ORIGIN), header(ok, "Access-Control-Allow-Origin"));
        assertEquals(Optional.of("true"), header(ok, "Access-Control-Allow-Credentials"));
        assertTrue(header(ok, "Access-Control-Expose-Headers").orElse("").contains("Location"));

        HttpResponse<String> notFound = send("GET", "/permission-groups/unknown", APP_ORIGIN, token, Map.of());
        assertEquals(404, notFound.statusCode(), notFound.body());
        assertEquals(Optional.of(APP_ORIGIN), header(notFound, "Access-Control-Allow-Origin"), "a refusal is readable by the app");

        HttpResponse<String> evil = send("GET", "/permission-groups", "https://evil.example", token, Map.of());
        assertProblem(new Http.Reply(evil.statusCode(), evil.body(), evil), 403, "origin_not_allowed");
        assertFalse(header(evil, "Access-Control-Allow-Origin").isPresent());
    }
}

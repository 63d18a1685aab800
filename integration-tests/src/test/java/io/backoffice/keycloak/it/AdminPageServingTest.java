package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** How Keycloak serves the organization admin page from its JAR (R-UI-1), over plain HTTP. */
class AdminPageServingTest {

    static TestRealm realm;
    static String app;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("pageserving");
        app = TestRealm.base() + "/realms/" + realm.name() + "/backoffice/app/";
    }

    private static String header(Http.Reply reply, String name) {
        return reply.raw().headers().firstValue(name).orElse("");
    }

    @Test
    @DisplayName("R-UI-1: the page is served at /realms/{realm}/backoffice/app/ with its base URL, never cached, and every screen's path answers it")
    void indexForThePageAndItsScreens() {
        Http.Reply index = HTTP.send("GET", app, null, null);
        assertEquals(200, index.status(), index.toString());
        assertTrue(header(index, "Content-Type").startsWith("text/html"), header(index, "Content-Type"));
        assertTrue(header(index, "Cache-Control").contains("no-store"), header(index, "Cache-Control"));
        assertTrue(index.body().contains("<base href=\"" + app + "\">"), index.body());
        for (String screen : new String[] {"o/some-id/administrators", "support", "o/x/groups/new", "index.html"}) {
            Http.Reply reply = HTTP.send("GET", app + screen, null, null);
            assertEquals(200, reply.status(), screen);
            assertEquals(index.body(), reply.body(), screen + " answers the page (its own routes)");
        }
    }

    @Test
    @DisplayName("R-UI-1: config.json names this server, this realm and the public client backoffice-admin-page")
    void config() {
        Http.Reply reply = HTTP.send("GET", app + "config.json", null, null);
        assertEquals(200, reply.status(), reply.toString());
        JsonNode config = reply.json();
        assertEquals(TestRealm.base(), config.get("authServerUrl").asText());
        assertEquals(realm.name(), config.get("realm").asText());
        assertEquals("backoffice-admin-page", config.get("clientId").asText());
    }

    @Test
    @DisplayName("R-UI-1, R-UI-6: the built assets have their content types and are cached for a year; missing assets are 404")
    void assets() {
        String index = HTTP.send("GET", app, null, null).body();
        Matcher script = Pattern.compile("src=\"\\./(assets/[^\"]+\\.js)\"").matcher(index);
        Matcher style = Pattern.compile("href=\"\\./(assets/[^\"]+\\.css)\"").matcher(index);
        assertTrue(script.find() && style.find(), index);
        Http.Reply js = HTTP.send("GET", app + script.group(1), null, null);
        assertEquals(200, js.status());
        assertTrue(header(js, "Content-Type").startsWith("text/javascript"), header(js, "Content-Type"));
        assertTrue(header(js, "Cache-Control").contains("max-age=31536000"), header(js, "Cache-Control"));
        assertEquals("nosniff", header(js, "X-Content-Type-Options"));
        Http.Reply css = HTTP.send("GET", app + style.group(1), null, null);
        assertTrue(header(css, "Content-Type").startsWith("text/css"), header(css, "Content-Type"));
        assertEquals(404, HTTP.send("GET", app + "assets/missing-1234.js", null, null).status());
    }

    @Test
    @DisplayName("R-UI-1: no path leaves the page's folder: traversal and other class-path files answer the page, 404 or 400, never the file")
    void noTraversal() {
        String index = HTTP.send("GET", app, null, null).body();
        String[] attempts = {
            "..%2F..%2Fopenapi%2Forganization-api.yaml", "%2e%2e/%2e%2e/openapi/organization-api.yaml",
            "assets/..%2F..%2FMETA-INF%2Fbeans.xml", "META-INF/MANIFEST.MF", ".%2Findex.html",
            "io/backoffice/keycloak/admin/page/AdminPageResource.class", "assets/%2e%2e/index.html",
        };
        for (String attempt : attempts) {
            Http.Reply reply = HTTP.send("GET", app + attempt, null, null);
            // Keycloak itself refuses some with 400 (a path that is not normalized).
            boolean refused = reply.status() == 400 || reply.status() == 404;
            assertTrue(refused || reply.body().equals(index), attempt + " -> " + reply.status() + " " + reply.body());
            assertFalse(reply.body().contains("openapi: 3") || reply.body().contains("<beans") || reply.body().contains("Manifest-Version"), attempt);
        }
    }
}

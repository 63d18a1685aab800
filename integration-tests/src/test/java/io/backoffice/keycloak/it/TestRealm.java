package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.backoffice.keycloak.testing.KeycloakServer;
import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;
import io.backoffice.keycloak.testkit.RealmAdmin;
import io.backoffice.keycloak.testkit.ServerAdmin;

/**
 * A fresh realm per test class, made from the demo realm's catalogue, clients and flows (its
 * organizations and users left out), driven through Keycloak's admin REST API.
 */
public final class TestRealm extends RealmAdmin {

    public static final String APP_CLIENT = CATALOGUE_CLIENT;
    public static final String PASSWORD = "Passw0rd!";

    private static ServerAdmin serverAdmin;

    private TestRealm(ServerAdmin server, String name) {
        super(server, name, PASSWORD);
    }

    private TestRealm(String name) {
        this(serverAdmin(), name);
    }

    public static TestRealm create(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode realm = demoRealmForTests(name);
        // Tests add the token mapper themselves, with the settings they test.
        realm.get("clients").forEach(client -> ((ObjectNode) client).remove("protocolMappers"));
        Http.Reply created = serverAdmin().send("POST", "", realm);
        if (created.status() != 201) {
            throw new AssertionError("Realm not created: " + created);
        }
        return new TestRealm(name);
    }

    /**
     * The demo realm as tests use it, named {@code name}, without its organizations and users (tests make
     * their own). Also the two-node cluster test's realm.
     */
    public static ObjectNode demoRealmForTests(String name) {
        ObjectNode realm = demoRealm(demoRealmFile(), name);
        // The demo's starter groups and presets (R-LEVEL-2) would join every test organization; the test
        // that is about them (LevelsAndPresetsTest) sets a template itself.
        ((ObjectNode) realm.get("attributes")).remove("backoffice.template");
        // Brute-force detection is off (demoRealm); the test that is about it (StaffPinStepTest) turns it back on for its realm.
        return realm;
    }

    /** A realm from a full representation, ids as given. */
    public static TestRealm importRealm(JsonNode representation) {
        return importRealm(serverAdmin(), representation);
    }

    /** A realm from a full representation on the server {@code server} administers (the cluster test's nodes). */
    public static TestRealm importRealm(ServerAdmin server, JsonNode representation) {
        Http.Reply created = server.send("POST", "", representation);
        if (created.status() != 201) {
            throw new AssertionError("Realm not imported: " + created);
        }
        return new TestRealm(server, representation.get("realm").asText());
    }

    public static JsonNode demoRealm() {
        try {
            return Http.JSON.readTree(Files.readString(demoRealmFile()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path demoRealmFile() {
        return Path.of(System.getProperty("project.root", "..")).resolve("demo/realm-demo.json");
    }

    public static String base() {
        return TestServer.baseUrl();
    }

    /** The test server's master-realm admin, shared by every test realm (its token is renewed as it ages). */
    private static synchronized ServerAdmin serverAdmin() {
        if (serverAdmin == null) {
            serverAdmin = new ServerAdmin(HTTP, base(), KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        }
        return serverAdmin;
    }

    public static String adminToken() {
        return serverAdmin().token();
    }

    /** A browser's login on the back-office client. */
    public FormLogin formLogin() {
        return formLogin(HTTP, APP_CLIENT, "openid");
    }

    public String createOrganization(String displayName, String alias) {
        return createOrganization(displayName, alias, null);
    }

    /** Sets top-level realm settings, e.g. {@code bruteForceProtected}. */
    public void updateSettings(Map<String, Object> settings) {
        ObjectNode rep = (ObjectNode) adminGet("");
        settings.forEach((k, v) -> rep.set(k, Http.JSON.valueToTree(v)));
        Http.Reply reply = admin("PUT", "", rep);
        if (reply.status() != 204) {
            throw new AssertionError("Realm not updated: " + reply);
        }
    }

    /** Marks the user's email as confirmed, as clicking the verification link would. */
    public void confirmEmail(String userId) {
        ObjectNode user = (ObjectNode) adminGet("/users/" + userId);
        user.put("emailVerified", true);
        Http.Reply reply = admin("PUT", "/users/" + userId, user);
        if (reply.status() != 204) {
            throw new AssertionError("Email not confirmed: " + reply);
        }
    }

    public void addMember(String organizationId, String userId) {
        Http.Reply reply = admin("POST", "/organizations/" + organizationId + "/members", Http.write(userId));
        if (reply.status() != 201) {
            throw new AssertionError("Member not added: " + reply);
        }
    }

    public void joinGroup(String organizationId, String groupId, String userId) {
        Http.Reply reply = admin("PUT", "/organizations/" + organizationId + "/groups/" + groupId + "/members/" + userId, null);
        if (reply.status() != 204) {
            throw new AssertionError("Group not joined: " + reply);
        }
    }

    /** Direct grant on the back-office client; the JSON token response. */
    public JsonNode login(String username, String scope) {
        return login(APP_CLIENT, username, scope);
    }

    /** Direct grant on a public client of the realm; the JSON token response. */
    public JsonNode login(String clientId, String username, String scope) {
        return passwordGrant(HTTP, clientId, username, scope == null ? "openid" : scope);
    }

    public String accessToken(String username) {
        return login(username, null).get("access_token").asText();
    }

    /** A refresh on the back-office client: the raw reply (a refused refresh is an answer too). */
    public Http.Reply refresh(JsonNode tokens) {
        return HTTP.form(base() + "/realms/" + name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", APP_CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
    }

    public String accessToken(String clientId, String username) {
        return login(clientId, username, null).get("access_token").asText();
    }

    /** R-API-2: the client-credentials grant of an integration's client: the raw reply (a refusal is an answer too). */
    public Http.Reply clientCredentials(String clientId, String secret) {
        return HTTP.form(base() + "/realms/" + name() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** Sets every Staff PIN execution's configuration in the realm's PIN flow "browser with staff PIN" (R-STEP-6). */
    public void configureStaffPinStep(Map<String, String> config) {
        int configured = 0;
        for (JsonNode execution : adminGet("/authentication/flows/" + Http.enc("browser with staff PIN").replace("+", "%20") + "/executions")) {
            if ("backoffice-staff-pin".equals(execution.path("providerId").asText())) {
                String configId = execution.get("authenticationConfig").asText();
                ObjectNode current = (ObjectNode) adminGet("/authentication/config/" + configId);
                current.set("config", Http.JSON.valueToTree(config));
                admin("PUT", "/authentication/config/" + configId, current).expect(204, "Staff PIN step not configured");
                configured++;
            }
        }
        if (configured != 2) {
            throw new AssertionError("Expected the login-time and the step-up Staff PIN executions, configured " + configured);
        }
    }
}

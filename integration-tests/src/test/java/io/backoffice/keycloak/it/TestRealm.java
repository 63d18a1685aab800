package io.backoffice.keycloak.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.backoffice.keycloak.testing.KeycloakServer;

/**
 * A fresh realm per test class, made from the demo realm's catalogue, clients and flows (its
 * organizations and users left out), driven through Keycloak's admin REST API.
 */
public final class TestRealm {

    public static final String APP_CLIENT = "back-office";
    public static final String PASSWORD = "Passw0rd!";

    private static String adminToken;
    private static long adminTokenAt;

    private final String name;

    private TestRealm(String name) {
        this.name = name;
    }

    public static TestRealm create(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode realm = demoRealmForTests(name);
        // Tests add the token mapper themselves, with the settings they test.
        realm.get("clients").forEach(client -> ((ObjectNode) client).remove("protocolMappers"));
        Http.Reply created = Http.send("POST", base() + "/admin/realms", adminToken(), realm);
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
        // The demo's clients name the demo realm in their URLs (the admin page's redirect URIs, where the
        // onboarding mail's link lands): point them at this realm.
        ObjectNode realm;
        try {
            realm = (ObjectNode) Http.JSON.readTree(Http.JSON.writeValueAsString(demoRealm())
                    .replace("/realms/" + DEMO_REALM + "/", "/realms/" + name + "/"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        realm.put("realm", name);
        realm.remove("id");
        realm.remove("organizations");
        realm.remove("users");
        // The demo's starter groups and presets (R-LEVEL-2) would join every test organization; the test
        // that is about them (LevelsAndPresetsTest) sets a template itself.
        ((ObjectNode) realm.get("attributes")).remove("backoffice.template");
        // Keycloak's brute-force detector locks users that tests log in many times a second; the test that
        // is about it (StaffPinStepTest) turns it back on for its realm.
        realm.put("bruteForceProtected", false);
        allowPasswordGrant(realm);
        return realm;
    }

    /**
     * The demo turns the password grant off on the app's client (a shared account must not skip its PIN);
     * tests get their tokens with it, so their realms turn it back on.
     */
    static void allowPasswordGrant(JsonNode realm) {
        realm.get("clients").forEach(client -> {
            if (APP_CLIENT.equals(client.path("clientId").asText())) {
                ((ObjectNode) client).put("directAccessGrantsEnabled", true);
            }
        });
    }

    /** A realm from a full representation, ids as given. */
    public static TestRealm importRealm(JsonNode representation) {
        Http.Reply created = Http.send("POST", base() + "/admin/realms", adminToken(), representation);
        if (created.status() != 201) {
            throw new AssertionError("Realm not imported: " + created);
        }
        return new TestRealm(representation.get("realm").asText());
    }

    private static final String DEMO_REALM = "demo";

    public static JsonNode demoRealm() {
        Path file = Path.of(System.getProperty("project.root", "..")).resolve("demo/realm-demo.json");
        try {
            return Http.JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String base() {
        return TestServer.baseUrl();
    }

    public static synchronized String adminToken() {
        if (adminToken == null || System.currentTimeMillis() - adminTokenAt > 30_000) {
            Http.Reply reply = Http.form(base() + "/realms/master/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli",
                    "username", KeycloakServer.ADMIN_USER, "password", KeycloakServer.ADMIN_PASSWORD));
            if (reply.status() != 200) {
                throw new AssertionError("No admin token: " + reply);
            }
            adminToken = reply.json().get("access_token").asText();
            adminTokenAt = System.currentTimeMillis();
        }
        return adminToken;
    }

    public String name() {
        return name;
    }

    /** {@code /admin/realms/{realm}} + path. */
    public String adminUrl(String path) {
        return base() + "/admin/realms/" + name + path;
    }

    public Http.Reply admin(String method, String path, Object body) {
        return Http.send(method, adminUrl(path), adminToken(), body);
    }

    public JsonNode adminGet(String path) {
        Http.Reply reply = admin("GET", path, null);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + ": " + reply);
        }
        return reply.json();
    }

    public String createOrganization(String displayName, String alias) {
        return admin("POST", "/organizations", Map.of("name", displayName, "alias", alias, "enabled", true,
                "domains", List.of(Map.of("name", alias + ".example")))).createdId();
    }

    /** A user with a password; {@code verified} says whether the email is confirmed. */
    public String createUser(String email, String firstName, String lastName, boolean verified) {
        return admin("POST", "/users", Map.of("username", email, "email", email, "firstName", firstName,
                "lastName", lastName, "enabled", true, "emailVerified", verified,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))).createdId();
    }

    /** Sets top-level realm settings, e.g. {@code bruteForceProtected}. */
    public void updateSettings(java.util.Map<String, Object> settings) {
        com.fasterxml.jackson.databind.node.ObjectNode rep = (com.fasterxml.jackson.databind.node.ObjectNode) adminGet("");
        settings.forEach((k, v) -> rep.set(k, Http.JSON.valueToTree(v)));
        Http.Reply reply = admin("PUT", "", rep);
        if (reply.status() != 204) {
            throw new AssertionError("Realm not updated: " + reply);
        }
    }

    /** Marks the user's email as confirmed, as clicking the verification link would. */
    public void confirmEmail(String userId) {
        com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode) adminGet("/users/" + userId);
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

    public String clientUuid(String clientId) {
        return adminGet("/clients?clientId=" + clientId).get(0).get("id").asText();
    }

    /** An organization group whose role mappings are the given catalogue roles. */
    public String createPermissionGroup(String organizationId, String groupName, List<String> roles) {
        String groupId = admin("POST", "/organizations/" + organizationId + "/groups", Map.of("name", groupName)).createdId();
        grant(organizationId, groupId, roles);
        return groupId;
    }

    public void grant(String organizationId, String groupId, List<String> roles) {
        String client = clientUuid(APP_CLIENT);
        List<JsonNode> reps = new ArrayList<>();
        for (String role : roles) {
            reps.add(adminGet("/clients/" + client + "/roles/" + Http.enc(role)));
        }
        Http.Reply reply = admin("POST", "/organizations/" + organizationId + "/groups/" + groupId
                + "/role-mappings/clients/" + client, reps);
        if (reply.status() != 204) {
            throw new AssertionError("Roles not granted: " + reply);
        }
    }

    public void joinGroup(String organizationId, String groupId, String userId) {
        Http.Reply reply = admin("PUT", "/organizations/" + organizationId + "/groups/" + groupId + "/members/" + userId, null);
        if (reply.status() != 204) {
            throw new AssertionError("Group not joined: " + reply);
        }
    }

    public void addCatalogueRole(String roleName) {
        Http.Reply reply = admin("POST", "/clients/" + clientUuid(APP_CLIENT) + "/roles", Map.of("name", roleName));
        if (reply.status() != 201) {
            throw new AssertionError("Role not added: " + reply);
        }
    }

    /** Direct grant on the back-office client; the JSON token response. */
    public JsonNode login(String username, String scope) {
        return login(APP_CLIENT, username, scope);
    }

    /** Direct grant on a public client of the realm; the JSON token response. */
    public JsonNode login(String clientId, String username, String scope) {
        Http.Reply reply = Http.form(base() + "/realms/" + name + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", PASSWORD,
                "scope", scope == null ? "openid" : scope));
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json();
    }

    public String accessToken(String username) {
        return login(username, null).get("access_token").asText();
    }

    /** A refresh on the back-office client: the raw reply (a refused refresh is an answer too). */
    public Http.Reply refresh(JsonNode tokens) {
        return Http.form(base() + "/realms/" + name + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", APP_CLIENT, "refresh_token", tokens.get("refresh_token").asText()));
    }

    public String accessToken(String clientId, String username) {
        return login(clientId, username, null).get("access_token").asText();
    }

    /** R-API-2: the client-credentials grant of an integration's client: the raw reply (a refusal is an answer too). */
    public Http.Reply clientCredentials(String clientId, String secret) {
        return Http.form(base() + "/realms/" + name + "/protocol/openid-connect/token", Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** R-PIN-7: as an identity admin, lets the organization have shared accounts (fixtures that make them call this). */
    public void unlockSharedAccounts(String organizationId) {
        Http.Reply unlocked = backofficeAdmin("PUT", "/organizations/" + organizationId + "/support", Map.of("sharedAccountsUnlocked", true));
        if (unlocked.status() != 200) {
            throw new AssertionError("Shared accounts not unlocked: " + unlocked);
        }
    }

    /** {@code /admin/realms/{realm}/backoffice} + path: our realm-admin extension. */
    public Http.Reply backofficeAdmin(String method, String path, Object body) {
        return admin(method, "/backoffice" + path, body);
    }
}

package io.backoffice.keycloak.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One realm driven through Keycloak's admin REST API and our realm-admin extension: what the tests'
 * realms and the benchmark's realm are made with. Every user it creates has the realm's one password.
 */
public class RealmAdmin {

    /** The demo realm's catalogue client, whose client roles are the permissions. */
    public static final String CATALOGUE_CLIENT = "back-office";
    private static final String DEMO_REALM = "demo";

    private final ServerAdmin server;
    private final String name;
    private final String password;
    private String catalogueClientUuid;

    protected RealmAdmin(ServerAdmin server, String name, String password) {
        this.server = server;
        this.name = name;
        this.password = password;
    }

    /**
     * The demo realm (catalogue client, flows with the PIN step, themes), named {@code name}, without its
     * organizations and users (the caller makes its own). Brute-force detection is off: its quick-login check
     * locks users logged in many times a second. The catalogue client allows the password grant (the demo's
     * does not: a shared account must not skip its PIN) for the callers' own set-up logins.
     */
    public static ObjectNode demoRealm(Path demoRealmFile, String name) {
        ObjectNode realm;
        try {
            // The demo's clients name the demo realm in their URLs (the admin page's base and redirect URIs).
            realm = (ObjectNode) Http.JSON.readTree(Files.readString(demoRealmFile)
                    .replace("/realms/" + DEMO_REALM + "/", "/realms/" + name + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        realm.put("realm", name);
        realm.remove("id");
        realm.remove("organizations");
        realm.remove("users");
        realm.put("bruteForceProtected", false);
        allowPasswordGrant(realm);
        return realm;
    }

    /** Turns the password grant on for the catalogue client of a realm representation. */
    public static void allowPasswordGrant(JsonNode realm) {
        realm.get("clients").forEach(client -> {
            if (CATALOGUE_CLIENT.equals(client.path("clientId").asText())) {
                ((ObjectNode) client).put("directAccessGrantsEnabled", true);
            }
        });
    }

    public String name() {
        return name;
    }

    public ServerAdmin server() {
        return server;
    }

    /** {@code /admin/realms/{realm}} + path. */
    public String adminUrl(String path) {
        return server.base() + "/admin/realms/" + name + path;
    }

    public Http.Reply admin(String method, String path, Object body) {
        return server.send(method, "/" + name + path, body);
    }

    /** For calls that take longer than the client's timeout (bulk seeding). */
    public Http.Reply admin(String method, String path, Object body, Duration timeout) {
        return server.send(method, "/" + name + path, body, timeout);
    }

    public JsonNode adminGet(String path) {
        Http.Reply reply = admin("GET", path, null);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + path + ": " + reply);
        }
        return reply.json();
    }

    /** {@code /admin/realms/{realm}/backoffice} + path: our realm-admin extension. */
    public Http.Reply backofficeAdmin(String method, String path, Object body) {
        return admin(method, "/backoffice" + path, body);
    }

    public String clientUuid(String clientId) {
        return adminGet("/clients?clientId=" + clientId).get(0).get("id").asText();
    }

    /** Looked up once: seeding many roles and groups asks for it at each. */
    public synchronized String catalogueClientUuid() {
        if (catalogueClientUuid == null) {
            catalogueClientUuid = clientUuid(CATALOGUE_CLIENT);
        }
        return catalogueClientUuid;
    }

    public void addCatalogueRole(String roleName) {
        admin("POST", "/clients/" + catalogueClientUuid() + "/roles", Map.of("name", roleName)).expect(201, "Role not added");
    }

    /** An organization with the domain {@code alias.example}; {@code attributes} null for none. */
    public String createOrganization(String displayName, String alias, Map<String, List<String>> attributes) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("name", displayName);
        organization.put("alias", alias);
        organization.put("enabled", true);
        organization.put("domains", List.of(Map.of("name", alias + ".example")));
        if (attributes != null) {
            organization.put("attributes", attributes);
        }
        return admin("POST", "/organizations", organization).createdId();
    }

    /** A user with the realm's password; {@code verified} says whether the email is confirmed. */
    public String createUser(String email, String firstName, String lastName, boolean verified) {
        return admin("POST", "/users", Map.of("username", email, "email", email, "firstName", firstName,
                "lastName", lastName, "enabled", true, "emailVerified", verified,
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)))).createdId();
    }

    /** An organization group whose role mappings are the given catalogue roles: a permission group. */
    public String createPermissionGroup(String organizationId, String groupName, List<String> roles) {
        String groupId = admin("POST", "/organizations/" + organizationId + "/groups", Map.of("name", groupName)).createdId();
        grant(organizationId, groupId, roles);
        return groupId;
    }

    public void grant(String organizationId, String groupId, List<String> roles) {
        String client = catalogueClientUuid();
        List<JsonNode> representations = new ArrayList<>();
        for (String role : roles) {
            representations.add(adminGet("/clients/" + client + "/roles/" + Http.enc(role).replace("+", "%20")));
        }
        admin("POST", "/organizations/" + organizationId + "/groups/" + groupId + "/role-mappings/clients/" + client, representations)
                .expect(204, "Roles not granted");
    }

    /** R-PIN-7: as an identity admin, lets the organization have shared accounts (fixtures that make them call this). */
    public void unlockSharedAccounts(String organizationId) {
        backofficeAdmin("PUT", "/organizations/" + organizationId + "/support", Map.of("sharedAccountsUnlocked", true))
                .expect(200, "Shared accounts not unlocked");
    }

    /** Direct grant (password) of a user on a public client of the realm, through {@code client}; the token response. */
    public JsonNode passwordGrant(Http client, String clientId, String username, String scope) {
        Http.Reply reply = client.form(server.base() + "/realms/" + name + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", password, "scope", scope));
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " on " + clientId + " failed: " + reply);
        }
        return reply.json();
    }

    /** A browser's login to this realm on a public client of the code flow. */
    public FormLogin formLogin(Http client, String clientId, String scope) {
        return new FormLogin(client, server.base(), name, clientId, scope, password);
    }
}

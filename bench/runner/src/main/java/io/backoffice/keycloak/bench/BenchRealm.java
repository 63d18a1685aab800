package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark's realm, made from the demo realm (catalogue client, PIN flow, theme) without its
 * organizations and users, and everything in it made through Keycloak's admin API and our own
 * realm-admin API, as the integration tests do.
 */
final class BenchRealm {

    static final String PASSWORD = "Bench-passw0rd";
    static final String CATALOGUE_CLIENT = "back-office";

    private final Api api;
    final String name;
    private String catalogueClientUuid;

    private BenchRealm(Api api, String name) {
        this.api = api;
        this.name = name;
    }

    /**
     * The password hash is made cheap (PBKDF2, 1,000 iterations), the same for every login: untimed in the
     * PIN step's preparation and the token set-up, timed alike in both whole logins of the login comparison.
     * The catalogue client allows password grants here (the demo's does not) for the untimed set-up.
     * Brute-force detection is off: its quick-login check (two logins of one user less than a second
     * apart) would lock the shared accounts, which the benchmark logs in many times a second.
     */
    static BenchRealm create(Api api, Path demoRealm, String name) {
        ObjectNode realm;
        try {
            // the admin page's client names the demo realm's page in its URLs (base, redirect URIs)
            realm = (ObjectNode) Api.JSON.readTree(Files.readString(demoRealm).replace("/realms/demo/", "/realms/" + name + "/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        realm.put("realm", name);
        realm.remove("id");
        realm.remove("organizations");
        realm.remove("users");
        realm.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)");
        realm.put("bruteForceProtected", false);
        // the benchmark's owners and token users log in with a password grant (untimed set-up, token variants)
        realm.withArray("clients").forEach(client -> {
            if (CATALOGUE_CLIENT.equals(client.path("clientId").asText())) {
                ((ObjectNode) client).put("directAccessGrantsEnabled", true);
            }
        });
        api.admin("POST", "", realm).expect(201, "realm " + name);
        return new BenchRealm(api, name);
    }

    String base() {
        return api.base();
    }

    Api.Reply admin(String method, String path, Object body) {
        return api.admin(method, "/" + name + path, body);
    }

    JsonNode adminGet(String path) {
        return api.adminGet("/" + name + path);
    }

    String catalogueClientUuid() {
        if (catalogueClientUuid == null) {
            catalogueClientUuid = adminGet("/clients?clientId=" + CATALOGUE_CLIENT).get(0).get("id").asText();
        }
        return catalogueClientUuid;
    }

    List<String> catalogueRoles() {
        List<String> names = new ArrayList<>();
        adminGet("/clients/" + catalogueClientUuid() + "/roles?max=10000").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    void addCatalogueRole(String role) {
        admin("POST", "/clients/" + catalogueClientUuid() + "/roles", Map.of("name", role)).expect(201, "role " + role);
    }

    String createOrganization(String alias, Map<String, List<String>> attributes) {
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("name", alias);
        organization.put("alias", alias);
        organization.put("enabled", true);
        organization.put("domains", List.of(Map.of("name", alias + ".example")));
        organization.put("attributes", attributes);
        return admin("POST", "/organizations", organization).createdId();
    }

    /** An organization group whose role mappings are these catalogue roles: a permission group. */
    String createPermissionGroup(String organizationId, String groupName, List<String> roles) {
        String groupId = admin("POST", "/organizations/" + organizationId + "/groups", Map.of("name", groupName)).createdId();
        List<JsonNode> representations = new ArrayList<>();
        for (String role : roles) {
            representations.add(adminGet("/clients/" + catalogueClientUuid() + "/roles/" + Api.enc(role).replace("+", "%20")));
        }
        admin("POST", "/organizations/" + organizationId + "/groups/" + groupId + "/role-mappings/clients/" + catalogueClientUuid(),
                representations).expect(204, "roles of group " + groupName);
        return groupId;
    }

    /** A confirmed user with the benchmark password. */
    String createUser(String email, String firstName, String lastName) {
        return admin("POST", "/users", Map.of("username", email, "email", email, "firstName", firstName,
                "lastName", lastName, "enabled", true, "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))).createdId();
    }

    /** R-OWNER-1 through the realm-admin support path. */
    void bootstrapOwner(String organizationId, String userId) {
        admin("POST", "/backoffice/organizations/" + organizationId + "/owner", Map.of("userId", userId)).expect(201, "owner");
    }

    /** The realm-admin support path: an existing user made an administrator holding these groups. */
    void addAdministrator(String organizationId, String userId, List<String> groups) {
        admin("POST", "/backoffice/organizations/" + organizationId + "/administrators",
                Map.of("userId", userId, "permissionGroups", groups)).expect(201, "administrator");
    }

    JsonNode pinSettings(String organizationId, String userId, String mode) {
        if ("SHARED".equals(mode)) {
            // R-PIN-7: an identity admin unlocks shared accounts first.
            admin("PUT", "/backoffice/organizations/" + organizationId + "/support", Map.of("sharedAccountsUnlocked", true))
                    .expect(200, "shared accounts unlocked");
        }
        return admin("PUT", "/backoffice/organizations/" + organizationId + "/administrators/" + userId + "/pin-settings",
                Map.of("pinMode", mode)).expect(200, "PIN settings " + mode).json();
    }

    /** The benchmark-only bulk path (bench/seeder); see BulkSeedResource. */
    JsonNode bulkAdministrators(String organizationId, Map<String, Object> seed) {
        return api.adminSlow("POST", "/" + name + "/backoffice-bench-seed/organizations/" + organizationId + "/administrators", seed)
                .expect(200, "bulk seed").json();
    }

    /** After rows were written behind Keycloak's back (bulk seeding): its user and realm caches emptied. */
    void clearCaches() {
        clearUserCache();
        admin("POST", "/clear-realm-cache", null).expect(204, "clear-realm-cache");
    }

    void clearUserCache() {
        admin("POST", "/clear-user-cache", null).expect(204, "clear-user-cache");
    }

    /** The id of the authentication flow with this alias. */
    String flowId(String alias) {
        for (JsonNode flow : adminGet("/authentication/flows")) {
            if (alias.equals(flow.get("alias").asText())) {
                return flow.get("id").asText();
            }
        }
        throw new IllegalStateException("No authentication flow '" + alias + "' in realm " + name);
    }

    /** A public client of the code flow (PKCE, the runner's redirect URI) whose browser flow is {@code flowAlias}; add to it, then create it. */
    Map<String, Object> codeFlowClient(String clientId, String flowAlias) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.put("redirectUris", List.of(BrowserLogin.REDIRECT_URI));
        client.put("attributes", Map.of("pkce.code.challenge.method", "S256"));
        client.put("authenticationFlowBindingOverrides", Map.of("browser", flowId(flowAlias)));
        return client;
    }

    String createClient(Map<String, Object> representation) {
        return admin("POST", "/clients", representation).createdId();
    }

    /** Direct grant (password) of a user on a client; the token response. */
    JsonNode passwordGrant(Api client, String clientId, String username, String scope) {
        return client.form("/realms/" + name + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", clientId, "username", username, "password", PASSWORD,
                "scope", scope)).expect(200, "password grant of " + username + " on " + clientId).json();
    }
}

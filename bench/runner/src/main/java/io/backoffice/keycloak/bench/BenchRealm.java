package io.backoffice.keycloak.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.backoffice.keycloak.testing.KeycloakServer;
import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;
import io.backoffice.keycloak.testkit.RealmAdmin;
import io.backoffice.keycloak.testkit.ServerAdmin;

/**
 * The benchmark's realm, made from the demo realm (catalogue client, PIN flow, theme) without its
 * organizations and users, and everything in it made through Keycloak's admin API and our own
 * realm-admin API with the test kit, as the integration tests do; what only the benchmark seeds is here.
 */
final class BenchRealm extends RealmAdmin {

    static final String PASSWORD = "Bench-passw0rd";

    private BenchRealm(ServerAdmin server, String name) {
        super(server, name, PASSWORD);
    }

    /** One simulated client: its own connection pool, HTTP/1.1, as separate clients would have. */
    static Http client(String base) {
        return new Http(base, HttpClient.Version.HTTP_1_1, Duration.ofSeconds(10), Duration.ofSeconds(120), body -> { });
    }

    /**
     * The password hash is made cheap (PBKDF2, 1,000 iterations), the same for every login: untimed in the
     * PIN step's preparation and the token set-up, timed alike in both whole logins of the login comparison.
     * The catalogue client allows password grants (the demo's does not) for the untimed set-up and the token
     * variants. Brute-force detection is off: its quick-login check (two logins of one user less than a second
     * apart) would lock the shared accounts, which the benchmark logs in many times a second.
     */
    static BenchRealm create(Http client, Path demoRealm, String name) {
        ServerAdmin server = new ServerAdmin(client, client.base(), KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        ObjectNode realm = demoRealm(demoRealm, name);
        realm.put("passwordPolicy", "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)");
        server.send("POST", "", realm).expect(201, "realm " + name);
        return new BenchRealm(server, name);
    }

    /** A new simulated client of this realm's server. */
    Http newClient() {
        return client(server().base());
    }

    /** A browser's login on the catalogue client through {@code client}. */
    FormLogin formLogin(Http client) {
        return formLogin(client, CATALOGUE_CLIENT, "openid");
    }

    List<String> catalogueRoles() {
        List<String> names = new ArrayList<>();
        adminGet("/clients/" + catalogueClientUuid() + "/roles?max=10000").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    /** R-OWNER-1 through the realm-admin support path. */
    void bootstrapOwner(String organizationId, String userId) {
        backofficeAdmin("POST", "/organizations/" + organizationId + "/owner", Map.of("userId", userId)).expect(201, "owner");
    }

    /** The realm-admin support path: an existing user made an administrator holding these groups. */
    void addAdministrator(String organizationId, String userId, List<String> groups) {
        backofficeAdmin("POST", "/organizations/" + organizationId + "/administrators",
                Map.of("userId", userId, "permissionGroups", groups)).expect(201, "administrator");
    }

    JsonNode pinSettings(String organizationId, String userId, String mode) {
        if ("SHARED".equals(mode)) {
            unlockSharedAccounts(organizationId);
        }
        return backofficeAdmin("PUT", "/organizations/" + organizationId + "/administrators/" + userId + "/pin-settings",
                Map.of("pinMode", mode)).expect(200, "PIN settings " + mode).json();
    }

    /** The benchmark-only bulk path (bench/seeder); see BulkSeedResource. */
    JsonNode bulkAdministrators(String organizationId, Map<String, Object> seed) {
        return admin("POST", "/backoffice-bench-seed/organizations/" + organizationId + "/administrators", seed, Duration.ofMinutes(15))
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
        throw new IllegalStateException("No authentication flow '" + alias + "' in realm " + name());
    }

    /** A public client of the code flow (PKCE, the runner's redirect URI) whose browser flow is {@code flowAlias}; add to it, then create it. */
    Map<String, Object> codeFlowClient(String clientId, String flowAlias) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", true);
        client.put("directAccessGrantsEnabled", false);
        client.put("redirectUris", List.of(FormLogin.REDIRECT_URI));
        client.put("attributes", Map.of("pkce.code.challenge.method", "S256"));
        client.put("authenticationFlowBindingOverrides", Map.of("browser", flowId(flowAlias)));
        return client;
    }

    String createClient(Map<String, Object> representation) {
        return admin("POST", "/clients", representation).createdId();
    }
}

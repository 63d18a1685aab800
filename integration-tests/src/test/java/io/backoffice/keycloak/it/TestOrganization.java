package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.Http;

/**
 * A fresh organization of a test realm with an owner who can log in, and permission groups:
 * "Front staff" (pos:sell), "Managers" (org-settings:administrators, pos:sell), "Accountant"
 * (finance:reports-own) and "Everything" (every section). Drives the organization API.
 */
public final class TestOrganization {

    public static final String FRONT_STAFF = "Front staff";
    public static final String MANAGERS = "Managers";
    public static final String ACCOUNTANT = "Accountant";
    public static final String EVERYTHING = "Everything";

    public final TestRealm realm;
    public final String id;
    public final String alias;
    public final String ownerEmail;
    public final String ownerId;

    private TestOrganization(TestRealm realm, String id, String alias, String ownerEmail, String ownerId) {
        this.realm = realm;
        this.id = id;
        this.alias = alias;
        this.ownerEmail = ownerEmail;
        this.ownerId = ownerId;
    }

    public static TestOrganization create(TestRealm realm) {
        String alias = "org-" + UUID.randomUUID().toString().substring(0, 8);
        String id = realm.createOrganization("Centre " + alias, alias);
        realm.unlockSharedAccounts(id);
        realm.createPermissionGroup(id, FRONT_STAFF, List.of("pos:sell"));
        realm.createPermissionGroup(id, MANAGERS, List.of("org-settings:administrators", "pos:sell"));
        realm.createPermissionGroup(id, ACCOUNTANT, List.of("finance:reports-own"));
        realm.createPermissionGroup(id, EVERYTHING, List.of("org-settings", "store", "pos", "invoicing", "finance"));
        String ownerEmail = "owner@" + alias + ".example";
        String ownerId = realm.createUser(ownerEmail, "Olga", "Owner", true);
        Http.Reply owner = realm.backofficeAdmin("POST", "/organizations/" + id + "/owner", Map.of("userId", ownerId));
        assertEquals(201, owner.status(), owner.toString());
        return new TestOrganization(realm, id, alias, ownerEmail, ownerId);
    }

    public String email(String name) {
        return name + "@" + alias + ".example";
    }

    public String url(String path) {
        return TestRealm.base() + "/realms/" + realm.name() + "/backoffice/organizations/" + id + path;
    }

    public Http.Reply api(String method, String token, String path, Object body) {
        return HTTP.send(method, url(path), token, body);
    }

    public String ownerToken() {
        return realm.accessToken(ownerEmail);
    }

    /**
     * A confirmed administrator who can log in, made one at once by an identity admin (the support path: an
     * existing person brought in through the organization API is only invited, R-ADMIN-1), then given
     * {@code extra} (status, pinMode) by the owner through the organization API; returns the user id.
     */
    public String addAdministrator(String name, List<String> groups, Map<String, Object> extra) {
        String userId = realm.createUser(email(name), capitalised(name), "Tester", true);
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + id + "/administrators",
                Map.of("userId", userId, "permissionGroups", groups));
        assertEquals(201, added.status(), added.toString());
        if (!extra.isEmpty()) {
            Http.Reply changed = api("PUT", ownerToken(), "/administrators/" + userId, extra);
            assertEquals(200, changed.status(), changed.toString());
        }
        return userId;
    }

    /** The id of the realm's user with this email (e.g. one the API created). */
    public String userIdOf(String email) {
        JsonNode users = realm.adminGet("/users?exact=true&email=" + Http.enc(email));
        assertEquals(1, users.size(), users.toString());
        return users.get(0).get("id").asText();
    }

    public String addAdministrator(String name, String... groups) {
        return addAdministrator(name, List.of(groups), Map.of());
    }

    /** R-API-1: a new integration holding {@code groups}, made by the owner; the answer (with its secret, once). */
    public JsonNode createIntegration(String name, String... groups) {
        Http.Reply created = api("POST", ownerToken(), "/integrations", Map.of("name", name, "permissionGroups", List.of(groups)));
        assertEquals(201, created.status(), created.toString());
        return created.json();
    }

    /** R-API-2: an access token of an integration from its create (or rotate) answer. */
    public String integrationToken(JsonNode integration) {
        Http.Reply token = realm.clientCredentials(integration.get("clientId").asText(), integration.get("clientSecret").asText());
        assertEquals(200, token.status(), token.toString());
        return token.json().get("access_token").asText();
    }

    public JsonNode administrator(String token, String userId) {
        Http.Reply reply = api("GET", token, "/administrators/" + userId, null);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}

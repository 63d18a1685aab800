package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.Http;

/**
 * The tests' one organization fixture: a fresh organization of a test realm, made through Keycloak's admin API
 * and our realm-admin support API, and calls to the organization API. {@link #create} gives it an owner who can
 * log in and permission groups: "Front staff" (pos:sell), "Managers" (org-settings:administrators, pos:sell),
 * "Accountant" (finance:reports-own) and "Everything" (every section); {@link #empty} nothing; {@link #forStaffPins}
 * what the PIN step's tests need (shared accounts, "Front staff", PIN holders).
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
        return new TestOrganization(realm, id, alias, ownerEmail, bootstrapOwner(realm, id, ownerEmail, "Olga", "Owner"));
    }

    /**
     * An organization with nothing in it yet (no owner, no permission groups, shared accounts locked), for
     * the tests that build and check its groups themselves; {@link #bootstrapOwner(String)} gives it an owner.
     */
    public static TestOrganization empty(TestRealm realm, String displayName, String alias) {
        return new TestOrganization(realm, realm.createOrganization(displayName, alias), alias, null, null);
    }

    /**
     * For the PIN step's tests: shared accounts unlocked, one permission group {@link #FRONT_STAFF}
     * (pos:sell), and an owner who already has an account (a new one would be mailed, R-ADMIN-8, and these
     * realms have no SMTP).
     */
    public static TestOrganization forStaffPins(TestRealm realm, String displayName, String alias) {
        String id = realm.createOrganization(displayName, alias);
        realm.unlockSharedAccounts(id);
        realm.createPermissionGroup(id, FRONT_STAFF, List.of("pos:sell"));
        String ownerEmail = "owner@" + alias + ".example";
        return new TestOrganization(realm, id, alias, ownerEmail, bootstrapOwner(realm, id, ownerEmail, "Olive", "Owner"));
    }

    /** R-OWNER-1 through the realm-admin support path: a new confirmed user made the organization's owner; the user id. */
    private static String bootstrapOwner(TestRealm realm, String organizationId, String email, String firstName, String lastName) {
        String userId = realm.createUser(email, firstName, lastName, true);
        Http.Reply owner = realm.backofficeAdmin("POST", "/organizations/" + organizationId + "/owner", Map.of("userId", userId));
        assertEquals(201, owner.status(), owner.toString());
        return userId;
    }

    /** An {@link #empty} organization's owner: a confirmed user {@code localPart@alias.example}; the user id. */
    public String bootstrapOwner(String localPart) {
        return bootstrapOwner(realm, id, email(localPart), "Owner", alias);
    }

    public String email(String name) {
        return name + "@" + alias + ".example";
    }

    public String url(String path) {
        return url(id, path);
    }

    /** The organization API's URL of another (or an unknown) organization of this realm. */
    public String url(String organizationId, String path) {
        return TestRealm.base() + "/realms/" + realm.name() + "/backoffice/organizations/" + organizationId + path;
    }

    public Http.Reply api(String method, String token, String path, Object body) {
        return HTTP.send(method, url(path), token, body);
    }

    public String ownerToken() {
        return realm.accessToken(ownerEmail);
    }

    /** An access token of {@code name@alias.example}. */
    public String token(String name) {
        return realm.accessToken(email(name));
    }

    /**
     * A confirmed administrator who can log in, made one at once by an identity admin (the support path: an
     * existing person brought in through the organization API is only invited, R-ADMIN-1), then given
     * {@code extra} (status, pinMode) by the owner through the organization API; returns the user id.
     */
    public String addAdministrator(String name, List<String> groups, Map<String, Object> extra) {
        String userId = enrol(name, capitalised(name), "Tester", true, groups);
        if (!extra.isEmpty()) {
            Http.Reply changed = api("PUT", ownerToken(), "/administrators/" + userId, extra);
            assertEquals(200, changed.status(), changed.toString());
        }
        return userId;
    }

    /** A user {@code name@alias.example} made an administrator at once through the support path; the user id. */
    private String enrol(String name, String firstName, String lastName, boolean verified, List<String> groups) {
        String userId = realm.createUser(email(name), firstName, lastName, verified);
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + id + "/administrators",
                Map.of("userId", userId, "permissionGroups", groups));
        assertEquals(201, added.status(), added.toString());
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

    /** A staff member of {@link #FRONT_STAFF} named "{@code firstName} Staff", email confirmed or not (the support path); the user id. */
    public String addStaff(String name, String firstName, boolean verified) {
        return enrol(name, firstName, "Staff", verified, List.of(FRONT_STAFF));
    }

    /** A staff member who logs in to the shared front-desk account (R-PIN-7); the user id. */
    public String sharedAccount(String name) {
        String userId = addStaff(name, "Front", true);
        share(userId);
        return userId;
    }

    /** An administrator of the organization becomes a shared account (the support API's PIN settings). */
    public void share(String userId) {
        Http.Reply shared = pinSettings(userId, "SHARED");
        assertEquals(200, shared.status(), shared.toString());
    }

    /** A staff member with a personal PIN, issued through the support API. */
    public record Holder(String userId, String email, String pin) {
    }

    public Holder holder(String name, String firstName, boolean verified) {
        String userId = addStaff(name, firstName, verified);
        Http.Reply issued = pinSettings(userId, "PIN");
        assertEquals(200, issued.status(), issued.toString());
        return new Holder(userId, email(name), issued.json().get("pin").asText());
    }

    /** The support path's status change (R-ADMIN-4). */
    public void setStatus(String userId, String status) {
        Http.Reply reply = realm.backofficeAdmin("PUT", "/organizations/" + id + "/administrators/" + userId + "/status",
                Map.of("status", status));
        assertEquals(200, reply.status(), reply.toString());
    }

    private Http.Reply pinSettings(String userId, String mode) {
        return realm.backofficeAdmin("PUT", "/organizations/" + id + "/administrators/" + userId + "/pin-settings",
                Map.of("pinMode", mode));
    }

    /** The organization's groups as Keycloak's own admin API sees them: name → group representation. */
    public Map<String, JsonNode> keycloakGroups() {
        Map<String, JsonNode> groups = new TreeMap<>();
        realm.adminGet("/organizations/" + id + "/groups?briefRepresentation=false&max=1000").forEach(g -> groups.put(g.get("name").asText(), g));
        return groups;
    }

    /** The catalogue-client roles mapped to a group, as Keycloak's admin API sees them. */
    public List<String> keycloakGrants(String groupId) {
        List<String> names = new ArrayList<>();
        realm.adminGet("/organizations/" + id + "/groups/" + groupId + "/role-mappings/clients/" + realm.clientUuid(TestRealm.APP_CLIENT))
                .forEach(role -> names.add(role.get("name").asText()));
        names.sort(null);
        return names;
    }

    /** A JSON array of strings as a list. */
    public static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String capitalised(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}

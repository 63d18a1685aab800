package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static io.backoffice.keycloak.it.TestOrganization.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.ActingPersonNotes;
import io.backoffice.keycloak.testkit.Http;

/**
 * The "Back-office administrator" token mapper, with tokens from real OIDC flows (direct grant, refresh,
 * userinfo, introspection) on the real server. The acting-person notes that the PIN step will write are
 * set through the test-only support provider (integration-tests-support).
 */
class PermissionClaimsMapperTest {

    static final String MAPPER = "backoffice-administrator-mapper";
    static final String CLAIM = "backoffice";
    static final String INTROSPECTOR_SECRET = "introspector-secret";

    static TestRealm realm;
    static String orgA;
    static String catalogueClient;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("claims");
        catalogueClient = realm.clientUuid(TestRealm.APP_CLIENT);
        Http.Reply added = realm.admin("POST", "/clients/" + catalogueClient + "/protocol-mappers/models",
                mapper("back-office administrator", Map.of()));
        assertEquals(201, added.status(), added.toString());
        orgA = realm.createOrganization("Claims Centre", "claims-a");
        realm.unlockSharedAccounts(orgA);
        realm.createPermissionGroup(orgA, "Front staff", List.of("pos", "store:override-enrollment-limits"));
        realm.createPermissionGroup(orgA, "Accountant", List.of("invoicing", "finance:reports-own"));
        bootstrapOwner(orgA, "owner@claims-a.example");
        createClient("introspector", Map.of("publicClient", false, "secret", INTROSPECTOR_SECRET,
                "directAccessGrantsEnabled", false, "serviceAccountsEnabled", false));
    }

    // ---- helpers: realm set-up ----

    static Map<String, Object> mapper(String name, Map<String, String> config) {
        Map<String, String> all = new HashMap<>(Map.of("claim.name", CLAIM, "access.token.claim", "true",
                "id.token.claim", "true", "userinfo.token.claim", "true", "introspection.token.claim", "true"));
        all.putAll(config);
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", MAPPER, "config", all);
    }

    /** Keycloak 26.7 introspects a token only for a client in its audience. */
    static Map<String, Object> introspectorAudience() {
        return Map.of("name", "introspector audience", "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper",
                "config", Map.of("included.client.audience", "introspector", "access.token.claim", "true",
                        "introspection.token.claim", "true"));
    }

    /** A public direct-grant client with the given protocol mappers (and the realm's default scopes). */
    static String createClient(String clientId, Map<String, Object> settings, Map<?, ?>... mappers) {
        Map<String, Object> client = new HashMap<>(Map.of("clientId", clientId, "enabled", true, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false, "protocol", "openid-connect",
                "protocolMappers", List.of(mappers)));
        client.putAll(settings);
        return realm.admin("POST", "/clients", client).createdId();
    }

    static String bootstrapOwner(String org, String email) {
        String id = realm.createUser(email, "Olive", "Owner", true);
        Http.Reply reply = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner", Map.of("userId", id));
        assertEquals(201, reply.status(), reply.toString());
        return id;
    }

    static String administrator(String org, String email, boolean verified, String... groups) {
        String id = realm.createUser(email, "Ada", "Admin", verified);
        addAdministrator(org, id, groups);
        return id;
    }

    static void addAdministrator(String org, String userId, String... groups) {
        Http.Reply reply = realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                Map.of("userId", userId, "permissionGroups", List.of(groups)));
        assertEquals(201, reply.status(), reply.toString());
    }

    static void setStatus(String org, String userId, String status) {
        Http.Reply reply = realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + userId + "/status",
                Map.of("status", status));
        assertEquals(200, reply.status(), reply.toString());
    }

    /** What the PIN step will write on the shared account's user session. */
    static void setActingNotes(String userSessionId, Map<String, String> notes) {
        Http.Reply reply = realm.admin("PUT", "/backoffice-test-support/user-sessions/" + userSessionId + "/notes", notes);
        assertEquals(204, reply.status(), reply.toString());
    }

    static String groupId(String org, String name) {
        for (JsonNode group : realm.adminGet("/organizations/" + org + "/groups")) {
            if (group.get("name").asText().equals(name)) {
                return group.get("id").asText();
            }
        }
        throw new AssertionError("no group " + name);
    }

    // ---- helpers: tokens ----

    record Tokens(JsonNode response) {
        String accessToken() {
            return response.get("access_token").asText();
        }

        JsonNode access() {
            return payload(accessToken());
        }

        JsonNode id() {
            return payload(response.get("id_token").asText());
        }

        String refreshToken() {
            return response.get("refresh_token").asText();
        }

        String sessionId() {
            JsonNode access = access();
            return access.hasNonNull("sid") ? access.get("sid").asText() : access.get("session_state").asText();
        }
    }

    static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String tokenUrl() {
        return TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/token";
    }

    static Tokens login(String clientId, String username, String scope) {
        Http.Reply reply = HTTP.form(tokenUrl(), Map.of("grant_type", "password", "client_id", clientId,
                "username", username, "password", TestRealm.PASSWORD, "scope", scope == null ? "openid" : scope));
        assertEquals(200, reply.status(), "login of " + username + ": " + reply);
        return new Tokens(reply.json());
    }

    static Tokens login(String username) {
        return login(TestRealm.APP_CLIENT, username, null);
    }

    static Tokens refresh(String clientId, Tokens tokens) {
        Http.Reply reply = HTTP.form(tokenUrl(), Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", tokens.refreshToken()));
        assertEquals(200, reply.status(), "refresh: " + reply);
        return new Tokens(reply.json());
    }

    static Tokens refresh(Tokens tokens) {
        return refresh(TestRealm.APP_CLIENT, tokens);
    }

    static JsonNode userinfo(String accessToken) {
        Http.Reply reply = HTTP.send("GET", TestRealm.base() + "/realms/" + realm.name() + "/protocol/openid-connect/userinfo",
                accessToken, null);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    static JsonNode introspect(String accessToken) {
        Http.Reply reply = HTTP.form(tokenUrl() + "/introspect", Map.of("client_id", "introspector",
                "client_secret", INTROSPECTOR_SECRET, "token", accessToken));
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.json().get("active").asBoolean(), reply.toString());
        return reply.json();
    }

    // ---- helpers: the catalogue as the admin API shows it ----

    static boolean isSection(JsonNode role) {
        return role.path("attributes").path("section").path(0).asText().equals("true");
    }

    /** Every catalogue permission (sections left out), read from the admin API. */
    static List<String> wholeCatalogue() {
        TreeSet<String> names = new TreeSet<>();
        realm.adminGet("/clients/" + catalogueClient + "/roles?briefRepresentation=false").forEach(role -> {
            if (!isSection(role)) {
                names.add(role.get("name").asText());
            }
        });
        return List.copyOf(names);
    }

    /** The permissions the granted catalogue roles amount to: composites expanded, sections dropped. */
    static List<String> expand(List<String> granted) {
        TreeSet<String> names = new TreeSet<>();
        List<String> todo = new ArrayList<>(granted);
        while (!todo.isEmpty()) {
            JsonNode role = realm.adminGet("/clients/" + catalogueClient + "/roles/" + Http.enc(todo.remove(0)));
            if (!isSection(role)) {
                names.add(role.get("name").asText());
            }
            if (role.path("composite").asBoolean()) {
                realm.adminGet("/clients/" + catalogueClient + "/roles/" + Http.enc(role.get("name").asText()) + "/composites")
                        .forEach(c -> todo.add(c.get("name").asText()));
            }
        }
        return List.copyOf(names);
    }

    static void assertSorted(List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        assertEquals(sorted, values, "sorted");
    }

    static void printExample(String title, Tokens tokens) {
        String jwt = tokens.accessToken();
        System.out.println("=== EXAMPLE " + title + ": access token " + jwt.getBytes(StandardCharsets.US_ASCII).length
                + " bytes (JWT), payload " + tokens.access().toString().getBytes(StandardCharsets.UTF_8).length + " bytes ===");
        System.out.println(tokens.access().toPrettyString());
    }

    // ---- tests ----

    @Test
    @DisplayName("R-CLAIM-1, R-ADMIN-6: an administrator's organization, owner flag, status, groups and sorted flattened permissions, in access and ID token")
    void administratorClaims() {
        administrator(orgA, "ada@claims-a.example", true, "Front staff", "Accountant");
        Tokens tokens = login("ada@claims-a.example");
        JsonNode claim = tokens.access().get(CLAIM);
        assertEquals(orgA, claim.at("/organization/id").asText());
        assertEquals("claims-a", claim.at("/organization/alias").asText());
        assertEquals("Claims Centre", claim.at("/organization/name").asText());
        assertFalse(claim.get("owner").asBoolean());
        assertEquals("ACTIVE", claim.get("status").asText());
        assertEquals(List.of("Accountant", "Front staff"), texts(claim.get("permission_groups")));
        List<String> permissions = texts(claim.get("permissions"));
        assertEquals(expand(List.of("pos", "store:override-enrollment-limits", "invoicing", "finance:reports-own")), permissions);
        assertSorted(permissions);
        assertFalse(permissions.contains("pos"), "a section is not a permission");
        assertFalse(tokens.access().has("shared_account"), "not a shared account");
        assertFalse(tokens.access().has("act"));
        assertEquals(claim, tokens.id().get(CLAIM), "ID token carries the same claim");
        printExample("administrator", tokens);
    }

    @Test
    @DisplayName("R-OWNER-2, R-CLAIM-1: the owner's token holds the whole catalogue; a permission added later is in the next token")
    void ownerHoldsTheWholeCatalogue() {
        String org = realm.createOrganization("Owner Centre", "owner-centre");
        bootstrapOwner(org, "owner@owner-centre.example");
        Tokens tokens = login("owner@owner-centre.example");
        JsonNode claim = tokens.access().get(CLAIM);
        assertTrue(claim.get("owner").asBoolean());
        assertEquals(List.of(), texts(claim.get("permission_groups")), "no group needed");
        assertEquals(wholeCatalogue(), texts(claim.get("permissions")));
        printExample("owner", tokens);

        realm.addCatalogueRole("reports:export-later");
        List<String> refreshed = texts(refresh(tokens).access().get(CLAIM).get("permissions"));
        assertTrue(refreshed.contains("reports:export-later"), refreshed.toString());
        assertEquals(wholeCatalogue(), refreshed);
        assertTrue(texts(login("owner@owner-centre.example").access().get(CLAIM).get("permissions")).contains("reports:export-later"));
    }

    @Test
    @DisplayName("R-GROUP-2: a group's role-mapping change through Keycloak's organization API shows in the next refreshed token")
    void groupChangeInNextRefresh() {
        String org = realm.createOrganization("Group Centre", "group-centre");
        bootstrapOwner(org, "owner@group-centre.example");
        String groupId = realm.createPermissionGroup(org, "Instructors", List.of("finance:reports-own"));
        administrator(org, "ian@group-centre.example", true, "Instructors");
        Tokens tokens = login("ian@group-centre.example");
        assertEquals(List.of("finance:reports-own"), texts(tokens.access().get(CLAIM).get("permissions")));

        realm.grant(org, groupId, List.of("store"));
        Tokens refreshed = refresh(tokens);
        assertEquals(expand(List.of("finance:reports-own", "store")), texts(refreshed.access().get(CLAIM).get("permissions")));

        JsonNode store = realm.adminGet("/clients/" + catalogueClient + "/roles/store");
        Http.Reply removed = realm.admin("DELETE", "/organizations/" + org + "/groups/" + groupId + "/role-mappings/clients/"
                + catalogueClient, List.of(store));
        assertEquals(204, removed.status(), removed.toString());
        assertEquals(List.of("finance:reports-own"), texts(refresh(refreshed).access().get(CLAIM).get("permissions")));
    }

    @Test
    @DisplayName("R-ADMIN-4, R-CLAIM-1: an inactive administrator gets no claim; reactivated, the claim is back on refresh")
    void inactiveAdministratorHasNoClaim() {
        String id = administrator(orgA, "ina@claims-a.example", true, "Front staff");
        Tokens tokens = login("ina@claims-a.example");
        assertTrue(tokens.access().has(CLAIM));

        setStatus(orgA, id, "INACTIVE");
        Tokens inactive = refresh(tokens);
        assertFalse(inactive.access().has(CLAIM), inactive.access().toString());
        assertFalse(inactive.id().has(CLAIM));
        assertFalse(userinfo(inactive.accessToken()).has(CLAIM));
        assertFalse(login("ina@claims-a.example").access().has(CLAIM));

        setStatus(orgA, id, "ACTIVE");
        assertEquals("ACTIVE", refresh(inactive).access().get(CLAIM).get("status").asText());
    }

    @Test
    @DisplayName("R-ADMIN-2, R-CLAIM-1: an unconfirmed administrator gets no claim until the email is confirmed")
    void unconfirmedAdministratorHasNoClaim() {
        String id = administrator(orgA, "una@claims-a.example", false, "Front staff");
        assertFalse(login("una@claims-a.example").access().has(CLAIM));
        realm.confirmEmail(id);
        assertEquals(expand(List.of("pos", "store:override-enrollment-limits")),
                texts(login("una@claims-a.example").access().get(CLAIM).get("permissions")));
    }

    @Test
    @DisplayName("R-CLAIM-1: a member without an administrator record, or a user of no organization, gets no claim")
    void noRecordNoClaim() {
        String member = realm.createUser("member@claims-a.example", "Mem", "Ber", true);
        realm.addMember(orgA, member);
        assertFalse(login("member@claims-a.example").access().has(CLAIM));
        assertFalse(login(TestRealm.APP_CLIENT, "member@claims-a.example", "openid organization").access().has(CLAIM));
        realm.createUser("nobody@claims.example", "No", "Body", true);
        assertFalse(login("nobody@claims.example").access().has(CLAIM));
    }

    @Test
    @DisplayName("R-CLAIM-2: several organizations: the one asked for by scope, else a map by alias bounded by the mapper's limit, or nothing")
    void severalOrganizations() {
        List<String> orgs = new ArrayList<>();
        for (String alias : List.of("multi-b", "multi-c", "multi-d")) {
            String org = realm.createOrganization("Multi " + alias, alias);
            bootstrapOwner(org, "owner@" + alias + ".example");
            realm.createPermissionGroup(org, "Staff", List.of("pos:sell"));
            orgs.add(org);
        }
        String multi = realm.createUser("multi@claims.example", "Mul", "Ti", true);
        addAdministrator(orgs.get(0), multi, "Staff");

        // The user's only organization: asked for or not.
        JsonNode only = login("multi@claims.example").access().get(CLAIM);
        assertEquals("multi-b", only.at("/organization/alias").asText());

        addAdministrator(orgs.get(1), multi, "Staff");
        addAdministrator(orgs.get(2), multi, "Staff");
        createClient("claims-tight", Map.of(), mapper("tight", Map.of("maxOrganizations", "2")));
        createClient("claims-single", Map.of(), mapper("single", Map.of("severalOrganizations", "none")));

        // Asked for one with organization:<alias>: that one, in the single shape, on every client.
        for (String client : List.of(TestRealm.APP_CLIENT, "claims-tight", "claims-single")) {
            Tokens askedTokens = login(client, "multi@claims.example", "openid organization:multi-c");
            JsonNode asked = askedTokens.access().get(CLAIM);
            assertEquals(orgs.get(1), asked.at("/organization/id").asText(), client);
            assertFalse(asked.has("organizations"));
            assertEquals(asked, refresh(client, askedTokens).access().get(CLAIM), "the same organization on refresh");
        }

        // Asked for none: a map by alias (default limit 5), each entry as the single shape.
        Tokens none = login("multi@claims.example");
        printExample("several organizations, none asked for", none);
        JsonNode map = none.access().get(CLAIM).get("organizations");
        assertEquals(List.of("multi-b", "multi-c", "multi-d"), texts(fieldNames(map)));
        for (int i = 0; i < 3; i++) {
            JsonNode entry = map.get(List.of("multi-b", "multi-c", "multi-d").get(i));
            assertEquals(orgs.get(i), entry.at("/organization/id").asText());
            assertEquals(List.of("pos:sell"), texts(entry.get("permissions")));
            assertEquals(List.of("Staff"), texts(entry.get("permission_groups")));
        }
        // The generic "organization" scope for a member of several, with nobody to choose: as if none was asked.
        assertEquals(map, login(TestRealm.APP_CLIENT, "multi@claims.example", "openid organization").access().get(CLAIM).get("organizations"));

        // Over the limit of 2, or "none" configured: no claim at all, never a partial map.
        assertFalse(login("claims-tight", "multi@claims.example", null).access().has(CLAIM));
        assertFalse(login("claims-single", "multi@claims.example", null).access().has(CLAIM));
        // An inactive record does not count towards the limit.
        setStatus(orgs.get(2), multi, "INACTIVE");
        JsonNode two = login("claims-tight", "multi@claims.example", null).access().get(CLAIM).get("organizations");
        assertEquals(List.of("multi-b", "multi-c"), texts(fieldNames(two)));
    }

    static JsonNode fieldNames(JsonNode object) {
        var names = Http.JSON.createArrayNode();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @DisplayName("R-CLAIM-3, R-STEP-6a: a shared account after the PIN: shared_account, act naming the acting person, the shared account's own permissions; act lapses after the idle time")
    void sharedAccountActingPerson() throws Exception {
        String desk = realm.createUser("desk@claims-a.example", "Front", "Desk", true);
        addAdministrator(orgA, desk, "Front staff");
        Http.Reply shared = realm.backofficeAdmin("PUT", "/organizations/" + orgA + "/administrators/" + desk + "/pin-settings",
                Map.of("pinMode", "SHARED"));
        assertEquals(200, shared.status(), shared.toString());
        String alice = realm.createUser("alice@claims-a.example", "Alice", "Archer", true);
        addAdministrator(orgA, alice, "Accountant");
        Http.Reply pin = realm.backofficeAdmin("PUT", "/organizations/" + orgA + "/administrators/" + alice + "/pin-settings",
                Map.of("pinMode", "PIN"));
        assertEquals(200, pin.status(), pin.toString());

        // Before any PIN: a shared account, nobody acting.
        Tokens tokens = login("desk@claims-a.example");
        assertTrue(tokens.access().get("shared_account").asBoolean());
        assertFalse(tokens.access().has("act"));

        long now = System.currentTimeMillis() / 1000;
        Map<String, String> notes = new LinkedHashMap<>();
        notes.put(ActingPersonNotes.USER_ID, alice);
        notes.put(ActingPersonNotes.USERNAME, "alice@claims-a.example");
        notes.put(ActingPersonNotes.EMAIL, "alice@claims-a.example");
        notes.put(ActingPersonNotes.NAME, "Alice Archer");
        notes.put(ActingPersonNotes.ORGANIZATION_ID, orgA);
        notes.put(ActingPersonNotes.ENTERED_AT, String.valueOf(now));
        setActingNotes(tokens.sessionId(), notes);

        Tokens acting = refresh(tokens);
        JsonNode access = acting.access();
        assertTrue(access.get("shared_account").asBoolean());
        assertEquals(alice, access.at("/act/sub").asText());
        assertEquals("alice@claims-a.example", access.at("/act/preferred_username").asText());
        assertEquals("alice@claims-a.example", access.at("/act/email").asText());
        assertEquals("Alice Archer", access.at("/act/name").asText());
        assertEquals(now, access.at("/act/auth_time").asLong(), "when the PIN was typed");
        assertEquals(access.get("act"), acting.id().get("act"), "ID token too");
        // The shared account's own groups, not the acting person's (Accountant).
        assertEquals(List.of("Front staff"), texts(access.get(CLAIM).get("permission_groups")));
        assertEquals(expand(List.of("pos", "store:override-enrollment-limits")), texts(access.get(CLAIM).get("permissions")));
        assertEquals("desk@claims-a.example", access.get("preferred_username").asText());
        printExample("shared account after PIN", acting);

        // Lapse: the PIN typed almost 15 minutes ago still counts; a few seconds later the refreshed token has no act.
        notes.put(ActingPersonNotes.ENTERED_AT, String.valueOf(System.currentTimeMillis() / 1000 - 15 * 60 + 5));
        setActingNotes(tokens.sessionId(), notes);
        Tokens almost = refresh(acting);
        assertEquals(alice, almost.access().at("/act/sub").asText());
        assertEquals(notes.get(ActingPersonNotes.ENTERED_AT), almost.access().at("/act/auth_time").asText(),
                "a refresh keeps the time of the PIN entry: the app sees how old it is");
        Thread.sleep(6_500);
        Tokens lapsed = refresh(almost);
        assertFalse(lapsed.access().has("act"), lapsed.access().toString());
        assertFalse(lapsed.id().has("act"));
        assertTrue(lapsed.access().get("shared_account").asBoolean(), "still a shared account: the app asks for the PIN");

        // A fresh PIN entry by a person of another organization: nobody acting.
        notes.put(ActingPersonNotes.ENTERED_AT, String.valueOf(System.currentTimeMillis() / 1000));
        notes.put(ActingPersonNotes.ORGANIZATION_ID, realm.createOrganization("Elsewhere", "elsewhere"));
        setActingNotes(tokens.sessionId(), notes);
        assertFalse(refresh(lapsed).access().has("act"));

        // Same organization again, but the acting person has been deactivated: nobody acting (R-ADMIN-4).
        notes.put(ActingPersonNotes.ORGANIZATION_ID, orgA);
        setActingNotes(tokens.sessionId(), notes);
        assertEquals(alice, refresh(lapsed).access().at("/act/sub").asText());
        setStatus(orgA, alice, "INACTIVE");
        assertFalse(refresh(lapsed).access().has("act"));
        setStatus(orgA, alice, "ACTIVE");
    }

    @Test
    @DisplayName("R-STEP-6a: the idle time is the mapper's setting")
    void idleTimeIsConfigurable() {
        String desk = administrator(orgA, "desk2@claims-a.example", true, "Front staff");
        realm.backofficeAdmin("PUT", "/organizations/" + orgA + "/administrators/" + desk + "/pin-settings", Map.of("pinMode", "SHARED"));
        String bob = administrator(orgA, "bob@claims-a.example", true, "Front staff");
        realm.backofficeAdmin("PUT", "/organizations/" + orgA + "/administrators/" + bob + "/pin-settings", Map.of("pinMode", "PIN"));
        createClient("claims-quick", Map.of(), mapper("quick", Map.of("actingPersonIdleMinutes", "1")));

        Tokens quick = login("claims-quick", "desk2@claims-a.example", null);
        Tokens standard = login("desk2@claims-a.example");
        for (Tokens tokens : List.of(quick, standard)) {
            setActingNotes(tokens.sessionId(), Map.of(ActingPersonNotes.USER_ID, bob,
                    ActingPersonNotes.USERNAME, "bob@claims-a.example", ActingPersonNotes.ORGANIZATION_ID, orgA,
                    ActingPersonNotes.ENTERED_AT, String.valueOf(System.currentTimeMillis() / 1000 - 90)));
        }
        assertFalse(refresh("claims-quick", quick).access().has("act"), "1 minute: lapsed after 90 s");
        assertEquals(bob, refresh(standard).access().at("/act/sub").asText(), "default 15 minutes: still acting");
    }

    @Test
    @DisplayName("R-CLAIM-1: the token toggles: userinfo and introspection when enabled, not when disabled")
    void userinfoAndIntrospectionToggles() {
        administrator(orgA, "uma@claims-a.example", true, "Accountant");
        createClient("claims-userinfo", Map.of(), mapper("userinfo only", Map.of("access.token.claim", "false",
                "id.token.claim", "false", "userinfo.token.claim", "true", "introspection.token.claim", "true")),
                introspectorAudience());
        createClient("claims-access", Map.of(), mapper("access only", Map.of("access.token.claim", "true",
                "id.token.claim", "false", "userinfo.token.claim", "false", "introspection.token.claim", "false")),
                introspectorAudience());

        Tokens userinfoOnly = login("claims-userinfo", "uma@claims-a.example", null);
        assertFalse(userinfoOnly.access().has(CLAIM));
        assertFalse(userinfoOnly.id().has(CLAIM));
        JsonNode info = userinfo(userinfoOnly.accessToken());
        assertEquals(expand(List.of("invoicing", "finance:reports-own")), texts(info.get(CLAIM).get("permissions")));
        assertEquals(List.of("Accountant"), texts(introspect(userinfoOnly.accessToken()).get(CLAIM).get("permission_groups")));

        Tokens accessOnly = login("claims-access", "uma@claims-a.example", null);
        assertEquals(List.of("Accountant"), texts(accessOnly.access().get(CLAIM).get("permission_groups")));
        assertFalse(accessOnly.id().has(CLAIM));
        assertFalse(userinfo(accessOnly.accessToken()).has(CLAIM));
        assertFalse(introspect(accessOnly.accessToken()).has(CLAIM));
    }

    @Test
    @DisplayName("R-CLAIM-1: a client with lightweight access tokens carries the claim only when the mapper's lightweight toggle is on")
    void lightweightAccessTokens() {
        administrator(orgA, "lea@claims-a.example", true, "Accountant");
        Map<String, Object> lightweight = Map.of("attributes", Map.of("client.use.lightweight.access.token.enabled", "true"));
        createClient("claims-light-on", lightweight, mapper("light", Map.of("lightweight.claim", "true")));
        createClient("claims-light-off", lightweight, mapper("heavy", Map.of("lightweight.claim", "false")));
        assertEquals(List.of("Accountant"),
                texts(login("claims-light-on", "lea@claims-a.example", null).access().get(CLAIM).get("permission_groups")));
        assertFalse(login("claims-light-off", "lea@claims-a.example", null).access().has(CLAIM));
    }

    @Test
    @DisplayName("R-CLAIM-1: the mapper is offered in the console like any mapper, with its options and help texts; bad settings are refused")
    void offeredInTheConsole() {
        JsonNode types = HTTP.send("GET", TestRealm.base() + "/admin/serverinfo", TestRealm.adminToken(), null).json()
                .at("/protocolMapperTypes/openid-connect");
        JsonNode ours = null;
        for (JsonNode type : types) {
            if (type.get("id").asText().equals(MAPPER)) {
                ours = type;
            }
        }
        assertTrue(ours != null, "listed among the OIDC mappers");
        assertEquals("Back-office administrator", ours.get("name").asText());
        assertEquals("Token mapper", ours.get("category").asText());
        Map<String, JsonNode> properties = new HashMap<>();
        ours.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        for (String option : List.of("claim.name", "id.token.claim", "access.token.claim", "lightweight.claim",
                "userinfo.token.claim", "introspection.token.claim", "severalOrganizations", "maxOrganizations",
                "actingPersonIdleMinutes")) {
            assertTrue(properties.containsKey(option), option);
            assertFalse(properties.get(option).path("helpText").asText().isBlank(), option + " has a help text");
        }
        assertEquals(CLAIM, properties.get("claim.name").get("defaultValue").asText());
        assertEquals("5", properties.get("maxOrganizations").get("defaultValue").asText());
        assertEquals("15", properties.get("actingPersonIdleMinutes").get("defaultValue").asText());

        for (Map<String, String> bad : List.of(Map.of("maxOrganizations", "0"), Map.of("maxOrganizations", "many"),
                Map.of("actingPersonIdleMinutes", "-1"), Map.of("severalOrganizations", "all"))) {
            Http.Reply refused = realm.admin("POST", "/clients/" + catalogueClient + "/protocol-mappers/models",
                    mapper("bad " + bad.keySet(), bad));
            assertEquals(400, refused.status(), bad + " -> " + refused);
            assertTrue(refused.json().path("error_description").asText().contains(bad.keySet().iterator().next()), refused.toString());
        }
    }

    @Test
    @DisplayName("R-CLAIM-1, R-ADMIN-6: our permissions equal Keycloak's organization group membership mapper's catalogue roles, sections removed")
    void sameAsStockOrganizationGroupMapper() {
        administrator(orgA, "cmp@claims-a.example", true, "Front staff", "Accountant");
        createClient("claims-stock", Map.of(),
                mapper("ours", Map.of()),
                Map.of("name", "stock org groups", "protocol", "openid-connect",
                        "protocolMapper", "oidc-organization-group-membership-mapper",
                        "config", Map.of("access.token.claim", "true", "id.token.claim", "false",
                                "userinfo.token.claim", "false", "addGroupRoleMappings", "true")));
        JsonNode access = login("claims-stock", "cmp@claims-a.example", "openid organization:claims-a").access();
        JsonNode stockRoles = access.at("/organization/claims-a/resource_access/" + TestRealm.APP_CLIENT + "/roles");
        assertTrue(stockRoles.isArray() && stockRoles.size() > 0, access.toString());
        TreeSet<String> stockPermissions = new TreeSet<>();
        stockRoles.forEach(role -> {
            JsonNode rep = realm.adminGet("/clients/" + catalogueClient + "/roles/" + Http.enc(role.asText()));
            if (!isSection(rep)) {
                stockPermissions.add(role.asText());
            }
        });
        assertTrue(stockPermissions.size() < stockRoles.size(), "the stock mapper lists sections too");
        assertEquals(List.copyOf(stockPermissions), texts(access.get(CLAIM).get("permissions")));
        assertEquals(orgA, access.at("/" + CLAIM + "/organization/id").asText());
    }
}

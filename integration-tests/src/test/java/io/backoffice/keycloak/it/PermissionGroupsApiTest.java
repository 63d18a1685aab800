package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static io.backoffice.keycloak.it.TestOrganization.texts;
import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** The permission-groups half of the organization API, on the real server. */
class PermissionGroupsApiTest {

    static TestRealm realm;
    static TestOrganization a;
    static TestOrganization b;
    static String cashiersId;
    static String accountantsId;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("groupsapi");
        a = TestOrganization.empty(realm, "Alpha Centre", "alpha");
        a.bootstrapOwner("owner");
        realm.createPermissionGroup(a.id, "Group managers", List.of("org-settings:manage-permissions", "pos:sell"));
        cashiersId = realm.createPermissionGroup(a.id, "Cashiers", List.of("pos:sell"));
        accountantsId = realm.createPermissionGroup(a.id, "Accountants", List.of("finance"));
        a.addAdministrator("manager", "Group managers");
        a.addAdministrator("cashier", "Cashiers");
        a.addAdministrator("cashier2", "Cashiers");

        b = TestOrganization.empty(realm, "Beta Centre", "beta");
        b.bootstrapOwner("owner");
        realm.createPermissionGroup(b.id, "Beta managers", List.of("org-settings:manage-permissions"));
        b.addAdministrator("manager", "Beta managers");
    }

    private static Map<String, JsonNode> listByName(TestOrganization fixture, String token) {
        Http.Reply list = fixture.api("GET", token, "/permission-groups", null);
        assertEquals(200, list.status(), list.toString());
        Map<String, JsonNode> groups = new HashMap<>();
        list.json().forEach(g -> groups.put(g.get("name").asText(), g));
        return groups;
    }

    private static Map<String, Object> group(String name, String description, List<?> permissions) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        body.put("permissions", permissions);
        return body;
    }

    @Test
    @DisplayName("R-GROUP-1: create, read and list a group; sections expand in 'permissions' and stay sections in 'grants'; Keycloak shows the same")
    void createAndRead() {
        String owner = a.token("owner");
        Http.Reply created = a.api("POST", owner, "/permission-groups",
                group("Front desk", "People at the front desk", List.of("pos", "store:override-restrictions")));
        assertEquals(201, created.status(), created.toString());
        JsonNode body = created.json();
        String id = created.createdId();
        assertEquals(id, body.get("id").asText());
        assertEquals("Front desk", body.get("name").asText());
        assertEquals("People at the front desk", body.get("description").asText());
        assertEquals(List.of("pos:refund", "pos:sell", "store:override-restrictions"), texts(body.get("permissions")));
        assertEquals(List.of("pos", "store:override-restrictions"), texts(body.get("grants")));
        assertEquals(0, body.get("administratorCount").asLong());

        JsonNode read = a.api("GET", owner, "/permission-groups/" + id, null).json();
        assertEquals(body, read);
        assertEquals(body, listByName(a, owner).get("Front desk"));

        // Stored the Keycloak way: an organization group with client-role mappings, seen in the console's API.
        JsonNode keycloakGroup = a.keycloakGroups().get("Front desk");
        assertNotNull(keycloakGroup, "an organization group");
        assertEquals(id, keycloakGroup.get("id").asText());
        assertEquals("People at the front desk", keycloakGroup.path("description").asText());
        assertEquals(List.of("pos", "store:override-restrictions"), a.keycloakGrants(id));

        // Counts administrators: the seeded Cashiers group has two.
        assertEquals(2, listByName(a, owner).get("Cashiers").get("administratorCount").asLong());
    }

    @Test
    @DisplayName("R-GROUP-1: names are unique within the organization ignoring case, on create and on rename; other organizations may reuse them")
    void namesUniqueIgnoringCase() {
        String owner = a.token("owner");
        assertEquals(201, a.api("POST", owner, "/permission-groups", group("Night shift", null, List.of("pos:sell"))).status());
        int before = listByName(a, owner).size();

        assertProblem(a.api("POST", owner, "/permission-groups", group("NIGHT SHIFT", null, List.of())), 409, "permission_group_exists");
        assertProblem(a.api("POST", owner, "/permission-groups", group("  night shift ", null, List.of())), 409, "permission_group_exists");
        assertEquals(before, listByName(a, owner).size(), "nothing created");

        String dayId = a.api("POST", owner, "/permission-groups", group("Day shift", null, List.of("pos:sell"))).createdId();
        assertProblem(a.api("PUT", owner, "/permission-groups/" + dayId, group("Night Shift", null, List.of("pos:sell"))), 409,
                "permission_group_exists");
        assertEquals("Day shift", a.api("GET", owner, "/permission-groups/" + dayId, null).json().get("name").asText());

        // Changing only the case of its own name is a rename, not a clash.
        Http.Reply recased = a.api("PUT", owner, "/permission-groups/" + dayId, group("DAY shift", null, List.of("pos:sell")));
        assertEquals(200, recased.status(), recased.toString());
        assertEquals("DAY shift", recased.json().get("name").asText());

        assertEquals(201, b.api("POST", b.token("owner"), "/permission-groups", group("Night shift", null, List.of())).status());
    }

    @Test
    @DisplayName("R-GROUP-1: permissions come from the catalogue only; unknown ones are refused by name and nothing is written")
    void unknownPermissionsRefused() {
        String owner = a.token("owner");
        Http.Reply refused = a.api("POST", owner, "/permission-groups",
                group("Thieves", null, List.of("pos:sell", "pos:steal", "realm-admin")));
        assertProblem(refused, 400, "unknown_permission");
        String message = refused.json().get("message").asText();
        assertTrue(message.contains("pos:steal") && message.contains("realm-admin") && !message.contains("pos:sell"), message);
        assertFalse(listByName(a, owner).containsKey("Thieves"));
        assertFalse(a.keycloakGroups().containsKey("Thieves"));

        Http.Reply edit = a.api("PUT", owner, "/permission-groups/" + cashiersId, group("Cashiers", null, List.of("pos:sell", "pos:steal")));
        assertProblem(edit, 400, "unknown_permission");
        assertEquals(List.of("pos:sell"), a.keycloakGrants(cashiersId));
    }

    @Test
    @DisplayName("R-GROUP-1: editing replaces name, description and permissions, in Keycloak too")
    void editGroup() {
        String owner = a.token("owner");
        String id = a.api("POST", owner, "/permission-groups", group("Trainers", "Teach classes", List.of("store"))).createdId();
        Http.Reply edited = a.api("PUT", owner, "/permission-groups/" + id,
                group("Senior trainers", null, List.of("store:override-restrictions", "finance:reports-own")));
        assertEquals(200, edited.status(), edited.toString());
        assertEquals("Senior trainers", edited.json().get("name").asText());
        assertFalse(edited.json().hasNonNull("description"), "description cleared: " + edited);
        assertFalse(a.keycloakGroups().get("Senior trainers").hasNonNull("description"));
        assertEquals(List.of("finance:reports-own", "store:override-restrictions"), texts(edited.json().get("permissions")));
        assertEquals(List.of("finance:reports-own", "store:override-restrictions"), a.keycloakGrants(id));
        assertTrue(a.keycloakGroups().containsKey("Senior trainers"));
        assertFalse(a.keycloakGroups().containsKey("Trainers"));
    }

    @Test
    @DisplayName("R-GROUP-2: a change to a group applies to its administrators on their next call")
    void changeAppliesToHolders() {
        String owner = a.token("owner");
        String id = a.api("POST", owner, "/permission-groups", group("Refunders", null, List.of("pos:sell"))).createdId();
        a.addAdministrator("refunder", "Refunders");
        String refunder = a.token("refunder");
        assertEquals(List.of("pos:sell"), texts(a.api("GET", refunder, "/me", null).json().get("permissions")));

        assertEquals(200, a.api("PUT", owner, "/permission-groups/" + id,
                group("Refunders", null, List.of("pos:refund", "invoicing"))).status());
        assertEquals(List.of("invoicing:invoice-clients", "pos:refund"),
                texts(a.api("GET", refunder, "/me", null).json().get("permissions")));
        // A fresh token sees the same.
        assertEquals(List.of("invoicing:invoice-clients", "pos:refund"),
                texts(a.api("GET", a.token("refunder"), "/me", null).json().get("permissions")));
    }

    @Test
    @DisplayName("R-GROUP-3: a group held by administrators is not deleted and the error says how many; an unused one is")
    void deleteOnlyUnused() {
        String owner = a.token("owner");
        Http.Reply refused = a.api("DELETE", owner, "/permission-groups/" + cashiersId, null);
        assertProblem(refused, 409, "permission_group_in_use");
        assertTrue(refused.json().get("message").asText().contains("2 administrators"), refused.toString());
        assertEquals(200, a.api("GET", owner, "/permission-groups/" + cashiersId, null).status());
        assertEquals(List.of("pos:sell"), a.keycloakGrants(cashiersId));

        String id = a.api("POST", owner, "/permission-groups", group("Temporary", null, List.of("pos:sell"))).createdId();
        Http.Reply deleted = a.api("DELETE", owner, "/permission-groups/" + id, null);
        assertEquals(204, deleted.status(), deleted.toString());
        assertProblem(a.api("GET", owner, "/permission-groups/" + id, null), 404, "permission_group_not_found");
        assertFalse(a.keycloakGroups().containsKey("Temporary"));
        assertProblem(a.api("DELETE", owner, "/permission-groups/" + id, null), 404, "permission_group_not_found");
    }

    @Test
    @DisplayName("R-GROUP-4: the comparison view lists, per permission, the groups that grant it; filterable by permission or section")
    void comparison() {
        String cashier = a.token("cashier");
        Http.Reply filtered = a.api("GET", cashier, "/permission-groups/comparison?permission=pos:sell", null);
        assertEquals(200, filtered.status(), filtered.toString());
        JsonNode rows = filtered.json().get("permissions");
        assertEquals(1, rows.size(), filtered.toString());
        assertEquals("pos:sell", rows.get(0).get("name").asText());
        assertEquals(List.of("pos"), texts(rows.get(0).get("sections")));
        // Expected from the groups' own views, not hard-coded: every group whose permissions hold pos:sell.
        List<String> expected = new ArrayList<>();
        listByName(a, cashier).values().forEach(g -> {
            if (texts(g.get("permissions")).contains("pos:sell")) {
                expected.add(g.get("name").asText());
            }
        });
        expected.sort(String.CASE_INSENSITIVE_ORDER);
        List<String> granting = new ArrayList<>();
        rows.get(0).get("groups").forEach(g -> granting.add(g.get("name").asText()));
        assertEquals(expected, granting);
        assertTrue(granting.contains("Cashiers") && granting.contains("Group managers") && !granting.contains("Accountants"), granting.toString());
        List<String> columns = new ArrayList<>();
        filtered.json().get("groups").forEach(g -> {
            columns.add(g.get("name").asText());
            assertEquals(List.of("pos:sell"), texts(g.get("permissions")));
        });
        assertEquals(expected, columns);

        // Two permissions, and a section: its permissions are compared.
        JsonNode two = a.api("GET", cashier, "/permission-groups/comparison?permission=pos:sell&permission=finance:reports-own", null).json();
        assertEquals(List.of("finance:reports-own", "pos:sell"), names(two.get("permissions")));
        JsonNode section = a.api("GET", cashier, "/permission-groups/comparison?permission=finance", null).json();
        assertEquals(List.of("finance:delete-reconciliations", "finance:manage-reconciliations", "finance:reports-all-administrators",
                "finance:reports-own"), names(section.get("permissions")));
        assertTrue(names(section.get("groups")).contains("Accountants"));
        assertFalse(names(section.get("groups")).contains("Cashiers"));

        // Unfiltered: the whole catalogue, one row per permission.
        JsonNode all = a.api("GET", cashier, "/permission-groups/comparison", null).json();
        assertEquals(texts(a.api("GET", a.token("owner"), "/me", null).json().get("permissions")), names(all.get("permissions")));

        assertProblem(a.api("GET", cashier, "/permission-groups/comparison?permission=pos:steal", null), 400, "unknown_permission");
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get("name").asText()));
        return names;
    }

    @Test
    @DisplayName("R-AUTHZ-2: managing groups needs org-settings:manage-permissions; any active administrator reads them")
    void managingNeedsThePermission() {
        String cashier = a.token("cashier");
        assertEquals(200, a.api("GET", cashier, "/permission-groups", null).status());
        assertEquals(200, a.api("GET", cashier, "/permission-groups/" + cashiersId, null).status());
        assertProblem(a.api("POST", cashier, "/permission-groups", group("Mine", null, List.of("pos:sell"))), 403, "missing_permission");
        // Refused before the body is even read.
        assertProblem(a.api("POST", cashier, "/permission-groups", "{not json"), 403, "missing_permission");
        assertProblem(a.api("PUT", cashier, "/permission-groups/" + cashiersId, group("Cashiers", null, List.of())), 403, "missing_permission");
        assertProblem(a.api("DELETE", cashier, "/permission-groups/" + accountantsId, null), 403, "missing_permission");
        assertFalse(listByName(a, cashier).containsKey("Mine"));
        assertEquals(List.of("pos:sell"), a.keycloakGrants(cashiersId));

        Http.Reply byManager = a.api("POST", a.token("manager"), "/permission-groups", group("Managed by manager", null, List.of("pos:sell")));
        assertEquals(201, byManager.status(), byManager.toString());
    }

    @Test
    @DisplayName("R-AUTHZ-4: a non-owner cannot add permissions they lack, nor edit or delete a group holding permissions they lack")
    void noEscalation() {
        String manager = a.token("manager");
        Http.Reply refused = a.api("POST", manager, "/permission-groups", group("Finance light", null, List.of("pos:sell", "finance:reports-own")));
        assertProblem(refused, 403, "escalation");
        assertTrue(refused.json().get("message").asText().contains("finance:reports-own"));
        assertProblem(a.api("POST", manager, "/permission-groups", group("Section grab", null, List.of("org-settings"))), 403, "escalation");
        assertFalse(listByName(a, manager).containsKey("Finance light"));
        assertFalse(listByName(a, manager).containsKey("Section grab"));

        // Within their own permissions: allowed, also handing out org-settings:manage-permissions they hold.
        String id = a.api("POST", manager, "/permission-groups",
                group("Deputies", null, List.of("pos:sell", "org-settings:manage-permissions"))).createdId();
        assertProblem(a.api("PUT", manager, "/permission-groups/" + id, group("Deputies", null, List.of("pos:sell", "pos:refund"))),
                403, "escalation");
        assertEquals(List.of("org-settings:manage-permissions", "pos:sell"), a.keycloakGrants(id));

        // A group holding what the manager lacks is out of reach, even to remove permissions or delete it.
        assertProblem(a.api("PUT", manager, "/permission-groups/" + accountantsId, group("Accountants", null, List.of())), 403, "escalation");
        assertProblem(a.api("DELETE", manager, "/permission-groups/" + accountantsId, null), 403, "escalation");
        assertEquals(List.of("finance"), a.keycloakGrants(accountantsId));

        // The owner may do all of it.
        String owner = a.token("owner");
        assertEquals(200, a.api("PUT", owner, "/permission-groups/" + id, group("Deputies", null, List.of("pos:sell", "pos:refund"))).status());
    }

    @Test
    @DisplayName("R-AUTHZ-1: groups of another organization are out of reach; no token or a bad token is 401")
    void otherOrganizationsAndTokens() {
        String betaManager = b.token("manager");
        assertProblem(HTTP.send("GET", a.url("/permission-groups"), betaManager, null), 403, "not_an_administrator");
        assertProblem(HTTP.send("GET", a.url("/permission-groups/" + cashiersId), betaManager, null), 403, "not_an_administrator");
        assertProblem(HTTP.send("PUT", a.url("/permission-groups/" + cashiersId), betaManager, group("Taken", null, List.of())),
                403, "not_an_administrator");
        assertProblem(HTTP.send("DELETE", a.url("/permission-groups/" + accountantsId), betaManager, null), 403, "not_an_administrator");
        // Through its own organization's path, another organization's group id is unknown.
        assertProblem(b.api("GET", betaManager, "/permission-groups/" + cashiersId, null), 404, "permission_group_not_found");
        assertProblem(b.api("PUT", betaManager, "/permission-groups/" + cashiersId, group("Taken", null, List.of())),
                404, "permission_group_not_found");
        assertProblem(b.api("DELETE", b.token("owner"), "/permission-groups/" + accountantsId, null), 404, "permission_group_not_found");
        assertEquals("Cashiers", a.api("GET", a.token("owner"), "/permission-groups/" + cashiersId, null).json().get("name").asText());
        assertEquals(List.of("finance"), a.keycloakGrants(accountantsId));
        for (JsonNode g : b.api("GET", betaManager, "/permission-groups", null).json()) {
            assertFalse(g.get("id").asText().equals(cashiersId) || g.get("id").asText().equals(accountantsId), g.toString());
        }

        assertProblem(a.api("GET", null, "/permission-groups", null), 401, "unauthorized");
        assertProblem(a.api("POST", null, "/permission-groups", group("Anon", null, List.of())), 401, "unauthorized");
        assertProblem(a.api("GET", "not.a.token", "/permission-groups", null), 401, "unauthorized");
        String tampered = a.token("owner");
        tampered = tampered.substring(0, tampered.length() - 4) + (tampered.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertProblem(a.api("GET", tampered, "/permission-groups", null), 401, "unauthorized");
        // A realm user who is no administrator of the organization.
        realm.createUser("visitor@alpha.example", "Vi", "Sitor", true);
        assertProblem(a.api("GET", realm.accessToken("visitor@alpha.example"), "/permission-groups", null), 403, "not_an_administrator");
    }

    @Test
    @DisplayName("Bad input (SPEC 'Bad input', R-GROUP-1) on permission groups: malformed JSON, wrong types, overlong or markup names, unknown ids give 4xx JSON and change nothing")
    void badInput() {
        String owner = a.token("owner");
        Map<String, JsonNode> before = listByName(a, owner);
        Map<String, JsonNode> keycloakBefore = a.keycloakGroups();
        String path = "/permission-groups";
        String one = "/permission-groups/" + cashiersId;

        Map<String, Object> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"name\": \"Broken\", ", "invalid_json");
        cases.put("[\"Broken\"]", "invalid_json");
        cases.put("{\"name\": 5, \"permissions\": []}", "invalid_json");
        cases.put("{\"name\": true, \"permissions\": []}", "invalid_json");
        cases.put("{\"name\": \"Typed\", \"permissions\": \"pos:sell\"}", "invalid_json");
        cases.put("{\"name\": \"Typed\", \"permissions\": [1]}", "invalid_json");
        cases.put("{\"name\": \"Typed\", \"permissions\": [], \"admin\": true}", "unknown_field");
        cases.put("{\"name\": \"Typed\", \"permissions\": [null]}", "invalid_permissions");
        cases.put("{\"permissions\": []}", "missing_name");
        cases.put("{\"name\": \"No list\"}", "missing_permissions");
        cases.put(Http.write(group("x".repeat(101), null, List.of())), "invalid_name");
        cases.put(Http.write(group("<script>alert(1)</script>", null, List.of())), "invalid_name");
        cases.put(Http.write(group("Tab\there", null, List.of())), "invalid_name");
        cases.put(Http.write(group("Long description", "d".repeat(256), List.of())), "invalid_description");
        cases.put(Http.write(group("Marked description", "<img src=x>", List.of())), "invalid_description");
        cases.put(Http.write(group("Unknown", null, List.of("nope"))), "unknown_permission");
        cases.put("", "missing_body");
        cases.forEach((body, error) -> {
            assertProblem(a.api("POST", owner, path, body), 400, (String) error);
            assertProblem(a.api("PUT", owner, one, body), 400, (String) error);
        });
        assertProblem(a.api("POST", owner, path, "{\"name\": \"" + "y".repeat(70_000) + "\", \"permissions\": []}"), 413, "body_too_large");

        String unknownId = "00000000-0000-0000-0000-000000000000";
        assertProblem(a.api("GET", owner, path + "/" + unknownId, null), 404, "permission_group_not_found");
        assertProblem(a.api("PUT", owner, path + "/" + unknownId, group("Ghost", null, List.of())), 404, "permission_group_not_found");
        assertProblem(a.api("DELETE", owner, path + "/" + unknownId, null), 404, "permission_group_not_found");
        assertProblem(a.api("GET", owner, path + "/" + Http.enc("<b>"), null), 404, "permission_group_not_found");

        assertEquals(before, listByName(a, owner), "nothing changed through the API");
        assertEquals(keycloakBefore, a.keycloakGroups(), "nothing changed in Keycloak");
    }

    @Test
    @DisplayName("R-GROUP-1: concurrent creates of one name in different cases leave exactly one group")
    void concurrentCreates() throws Exception {
        String owner = a.token("owner");
        List<String> names = List.of("Race", "race", "RACE", "rAce", "Race ", "raCE");
        List<Integer> statuses = Concurrently.run(names.size(), i ->
                a.api("POST", owner, "/permission-groups", group(names.get(i), null, List.of("pos:sell"))).status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(names.size() - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(1, a.keycloakGroups().keySet().stream().filter(n -> n.equalsIgnoreCase("race")).count());
    }

    @Test
    @DisplayName("Events (issue 3; no SPEC id): every change to a group is an admin event naming the acting administrator by id and username")
    void changesAreAdminEvents() {
        String manager = a.token("manager");
        String managerId = realm.adminGet("/users?username=" + Http.enc(a.email("manager")) + "&exact=true").get(0).get("id").asText();
        String id = a.api("POST", manager, "/permission-groups", group("Audited", null, List.of("pos:sell"))).createdId();
        assertEquals(200, a.api("PUT", manager, "/permission-groups/" + id, group("Audited twice", "now described", List.of("pos:sell"))).status());
        assertEquals(204, a.api("DELETE", manager, "/permission-groups/" + id, null).status());
        // A refused change leaves no event.
        a.api("POST", manager, "/permission-groups", group("Refused", null, List.of("finance")));

        List<String> operations = new ArrayList<>();
        for (JsonNode event : realm.adminGet("/admin-events?resourceTypes=ORGANIZATION_GROUP&authUser=" + managerId + "&max=100")) {
            if (!id.equals(event.path("details").path("permission_group_id").asText())) {
                assertFalse(event.path("representation").asText().contains("Refused"), event.toString());
                continue;
            }
            operations.add(event.get("operationType").asText());
            assertEquals(managerId, event.path("authDetails").path("userId").asText());
            assertEquals(managerId, event.path("details").path("actor_user_id").asText());
            assertEquals(a.email("manager"), event.path("details").path("actor_username").asText());
            assertEquals(a.id, event.path("details").path("organization_id").asText());
            assertTrue(event.path("resourcePath").asText().endsWith("/permission-groups/" + id), event.toString());
        }
        operations.sort(null);
        assertEquals(List.of("CREATE", "DELETE", "UPDATE"), operations);
    }
}

package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static io.backoffice.keycloak.it.TestOrganization.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** The realm-admin extension: owner bootstrap and transfer, on the real server. */
class OwnershipTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("ownership");
        // A new person brought in by email gets the onboarding mail (R-ADMIN-8).
        Mailbox.configure(realm);
    }

    private static List<String> catalogue() {
        List<String> names = new ArrayList<>();
        realm.adminGet("/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/roles?briefRepresentation=false").forEach(role -> {
            // Sections are not permissions; level roles are, composite as they are (R-LEVEL-1).
            if (!role.path("attributes").path("section").path(0).asText().equals("true")) {
                names.add(role.get("name").asText());
            }
        });
        names.sort(null);
        return names;
    }

    private static JsonNode owners(String organizationId) {
        Http.Reply list = realm.backofficeAdmin("GET", "/organizations/" + organizationId + "/administrators", null);
        assertEquals(200, list.status(), list.toString());
        List<JsonNode> owners = new ArrayList<>();
        list.json().forEach(a -> {
            if (a.get("owner").asBoolean()) {
                owners.add(a);
            }
        });
        assertEquals(1, owners.size(), "exactly one owner: " + list.body());
        return owners.get(0);
    }

    @Test
    @DisplayName("R-OWNER-1: the first administrator is the owner; a second bootstrap is refused")
    void bootstrapMakesTheFirstAdministratorOwner() {
        String org = realm.createOrganization("Bootstrap Centre", "bootstrap");
        Http.Reply created = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@bootstrap.example", "firstName", "Olga", "lastName", "Owner"));
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.json().get("owner").asBoolean());
        assertEquals("ACTIVE", created.json().get("status").asText());
        assertEquals("owner@bootstrap.example", owners(org).get("username").asText());

        Http.Reply second = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "other@bootstrap.example", "firstName", "Otto", "lastName", "Other"));
        assertEquals(409, second.status(), second.toString());
        assertEquals("owner_exists", second.json().get("error").asText());
        assertTrue(second.json().get("message").asText().contains("transfer"));
        // Nothing half-written: the refused person is not a user of the realm.
        assertEquals(0, realm.adminGet("/users?email=other@bootstrap.example&exact=true").size());
        assertEquals("owner@bootstrap.example", owners(org).get("username").asText());
    }

    @Test
    @DisplayName("R-OWNER-1: concurrent bootstraps leave exactly one owner")
    void concurrentBootstrapsLeaveOneOwner() throws Exception {
        String org = realm.createOrganization("Race Centre", "race");
        int n = 12;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(realm.createUser("racer" + i + "@race.example", "Racer", "N" + i, true));
        }
        List<Integer> statuses = Concurrently.run(n, i -> realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("userId", users.get(i))).status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        owners(org);
    }

    @Test
    @DisplayName("R-OWNER-4, R-ADMIN-6 and R-OWNER-1: transfers need an active, confirmed administrator and name the old owner's groups, which it then holds; concurrent transfers leave one owner")
    void transferOwnership() throws Exception {
        String org = realm.createOrganization("Transfer Centre", "transfer");
        realm.createPermissionGroup(org, "Front staff", List.of("pos:sell"));
        String first = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "first@transfer.example", "firstName", "Fay", "lastName", "First")).json().get("userId").asText();

        // Not an administrator of this organization: refused.
        String stranger = realm.createUser("stranger@transfer.example", "Stan", "Stranger", true);
        Http.Reply refused = realm.backofficeAdmin("PUT", "/organizations/" + org + "/owner", transfer(stranger));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("not_an_administrator", refused.json().get("error").asText());

        // An administrator whose email is not confirmed: refused.
        String unconfirmedId = realm.createUser("unconfirmed@transfer.example", "Una", "Confirmed", false);
        realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                Map.of("userId", unconfirmedId, "permissionGroups", List.of("Front staff")));
        refused = realm.backofficeAdmin("PUT", "/organizations/" + org + "/owner", transfer(unconfirmedId));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("new_owner_unconfirmed", refused.json().get("error").asText());
        assertEquals(first, owners(org).get("userId").asText());

        // Active, confirmed administrators: the transfer happens; the old owner stays an administrator.
        List<String> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = realm.createUser("candidate" + i + "@transfer.example", "Cand", "N" + i, true);
            Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                    Map.of("userId", id, "permissionGroups", List.of("front STAFF")));
            assertEquals(201, added.status(), added.toString());
            candidates.add(id);
        }
        // The old owner's groups are required and must exist; a refused transfer changes nothing.
        refused = realm.backofficeAdmin("PUT", "/organizations/" + org + "/owner", Map.of("userId", candidates.get(0)));
        assertProblem(refused, 400, "missing_previousOwnerPermissionGroups");
        refused = realm.backofficeAdmin("PUT", "/organizations/" + org + "/owner", Map.of("userId", candidates.get(0),
                "previousOwnerPermissionGroups", List.of("No such group")));
        assertProblem(refused, 400, "unknown_permission_group");
        assertEquals(first, owners(org).get("userId").asText());

        Http.Reply moved = realm.backofficeAdmin("PUT", "/organizations/" + org + "/owner", transfer(candidates.get(0)));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals(candidates.get(0), owners(org).get("userId").asText());
        JsonNode oldOwner = findAdministrator(org, first);
        assertFalse(oldOwner.get("owner").asBoolean());
        assertEquals("ACTIVE", oldOwner.get("status").asText());
        assertEquals(List.of("Front staff"), texts(oldOwner.get("permissionGroups")), "R-ADMIN-6 after the transfer");

        // Concurrent transfers to different candidates: all may succeed in turn, but one owner remains.
        List<Integer> statuses = Concurrently.run(candidates.size() - 1, i -> realm.backofficeAdmin("PUT",
                "/organizations/" + org + "/owner", transfer(candidates.get(i + 1))).status());
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        String owner = owners(org).get("userId").asText();
        assertTrue(candidates.contains(owner));

        // Every change is an admin event.
        JsonNode events = realm.adminGet("/admin-events?resourceTypes=ORGANIZATION&max=100");
        long transfers = 0;
        for (JsonNode e : events) {
            if ("UPDATE".equals(e.path("operationType").asText()) && e.path("resourcePath").asText().endsWith("/owner")) {
                transfers++;
            }
        }
        assertTrue(transfers >= 1, "admin events of transfers: " + events);
    }

    @Test
    @DisplayName("R-ADMIN-2: the realm-admin administrators list is paged by the database (first, max, or the next link's cursor), oldest first; a bad page is refused")
    void supportListIsPaged() {
        String org = realm.createOrganization("Paged Centre", "paged");
        realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@paged.example", "firstName", "Pia", "lastName", "Owner"));
        realm.createPermissionGroup(org, "Front staff", List.of("pos:sell"));
        for (String name : List.of("ann", "bob")) {
            String user = realm.createUser(name + "@paged.example", name, "Staff", true);
            assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                    Map.of("userId", user, "permissionGroups", List.of("Front staff"))).status());
        }
        Http.Reply all = realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators", null);
        assertEquals(200, all.status(), all.toString());
        List<String> everyone = new ArrayList<>();
        all.json().forEach(a -> everyone.add(a.get("username").asText()));
        assertEquals(List.of("owner@paged.example", "ann@paged.example", "bob@paged.example"), everyone);

        Http.Reply second = realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators?first=1&max=1", null);
        assertEquals(200, second.status(), second.toString());
        assertEquals(1, second.json().size(), second.body());
        assertEquals("ann@paged.example", second.json().get(0).get("username").asText());
        // the full page links to the next one by cursor (R-ADMIN-2's keyset paging)
        String link = second.raw().headers().firstValue("Link").orElseThrow();
        Http.Reply third = realm.backofficeAdmin("GET", link.substring(link.indexOf("/organizations/"), link.indexOf('>')), null);
        assertEquals(200, third.status(), third.toString());
        assertEquals("bob@paged.example", third.json().get(0).get("username").asText(), third.body());

        Http.Reply bad = realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators?max=0", null);
        assertEquals(400, bad.status(), bad.toString());
        assertEquals("invalid_max", bad.json().get("error").asText());
    }

    @Test
    @DisplayName("R-OWNER-4: only identity admins with manage-users transfer ownership or create users; manage-organizations alone is refused")
    void transferNeedsManageUsers() {
        String org = realm.createOrganization("Guarded Centre", "guarded");
        realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@guarded.example", "firstName", "Gil", "lastName", "Owner"));
        String viewer = realm.createUser("viewer@guarded.example", "Vic", "Viewer", true);
        String realmManagement = realm.clientUuid("realm-management");
        JsonNode viewUsers = realm.adminGet("/clients/" + realmManagement + "/roles/view-users");
        realm.admin("POST", "/users/" + viewer + "/role-mappings/clients/" + realmManagement, List.of(viewUsers));
        String token = realm.accessToken("viewer@guarded.example");

        Http.Reply read = HTTP.send("GET", realm.adminUrl("/backoffice/organizations/" + org + "/administrators"), token, null);
        assertEquals(200, read.status(), read.toString());
        Http.Reply write = HTTP.send("PUT", realm.adminUrl("/backoffice/organizations/" + org + "/owner"), token,
                Map.of("userId", viewer));
        assertEquals(403, write.status(), write.toString());
        assertEquals("forbidden", write.json().get("error").asText());
        Http.Reply anonymous = HTTP.send("PUT", realm.adminUrl("/backoffice/organizations/" + org + "/owner"), null,
                Map.of("userId", viewer));
        assertEquals(401, anonymous.status(), anonymous.toString());

        // manage-organizations alone: PIN settings and status yes, ownership and user-creating writes no.
        String orgManager = realm.createUser("orgs@guarded.example", "Ola", "Orgs", true);
        JsonNode manageOrganizations = realm.adminGet("/clients/" + realmManagement + "/roles/manage-organizations");
        realm.admin("POST", "/users/" + orgManager + "/role-mappings/clients/" + realmManagement, List.of(manageOrganizations));
        String orgToken = realm.accessToken("orgs@guarded.example");
        realm.createPermissionGroup(org, "Front staff", List.of("pos:sell"));
        String staff = realm.createUser("staff@guarded.example", "Sam", "Staff", true);
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                Map.of("userId", staff, "permissionGroups", List.of("Front staff"))).status());
        String ownerBefore = owners(org).get("userId").asText();
        for (Http.Reply refused : List.of(
                HTTP.send("PUT", realm.adminUrl("/backoffice/organizations/" + org + "/owner"), orgToken, transfer(staff)),
                HTTP.send("POST", realm.adminUrl("/backoffice/organizations/" + org + "/administrators"), orgToken,
                        Map.of("email", "made@guarded.example", "firstName", "Ma", "lastName", "De", "permissionGroups", List.of("Front staff"))),
                HTTP.send("POST", realm.adminUrl("/backoffice/organizations/" + realm.createOrganization("Unowned", "unowned") + "/owner"),
                        orgToken, Map.of("email", "boss@guarded.example", "firstName", "Bo", "lastName", "Ss")))) {
            assertProblem(refused, 403, "forbidden");
        }
        assertEquals(ownerBefore, owners(org).get("userId").asText());
        assertEquals(0, realm.adminGet("/users?email=made@guarded.example&exact=true").size());
        assertEquals(0, realm.adminGet("/users?email=boss@guarded.example&exact=true").size());
        Http.Reply status = HTTP.send("PUT", realm.adminUrl("/backoffice/organizations/" + org + "/administrators/" + staff + "/status"),
                orgToken, Map.of("status", "INACTIVE"));
        assertEquals(200, status.status(), status.toString());
    }

    @Test
    @DisplayName("R-OWNER-3: an identity admin cannot change the owner's status either; the organization API's rule and code (403 owner_protected)")
    void supportPathKeepsTheOwnerActive() {
        String org = realm.createOrganization("Status Centre", "status");
        String ownerId = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@status.example", "firstName", "Olga", "lastName", "Owner")).json().get("userId").asText();
        String status = "/organizations/" + org + "/administrators/" + ownerId + "/status";

        assertProblem(realm.backofficeAdmin("PUT", status, Map.of("status", "INACTIVE")), 403, "owner_protected");
        assertEquals("ACTIVE", owners(org).get("status").asText(), "nothing changed");
        Http.Reply unchanged = realm.backofficeAdmin("PUT", status, Map.of("status", "ACTIVE"));
        assertEquals(200, unchanged.status(), "the status the owner has is no change: " + unchanged);
    }

    /** A transfer to the user, the previous owner keeping the group "Front staff". */
    private static Map<String, Object> transfer(String userId) {
        return Map.of("userId", userId, "previousOwnerPermissionGroups", List.of("Front staff"));
    }

    @Test
    @DisplayName("R-OWNER-2: the owner holds every catalogue permission, including ones added later")
    void ownerHoldsTheWholeCatalogue() {
        String org = realm.createOrganization("Catalogue Centre", "catalogue");
        Http.Reply created = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@catalogue.example", "firstName", "Cat", "lastName", "Owner"));
        String ownerId = created.json().get("userId").asText();
        // The owner's email is not confirmed yet (a new user): no permissions until it is (R-ADMIN-2).
        assertEquals(List.of(), texts(created.json().get("permissions")));
        realm.confirmEmail(ownerId);

        assertEquals(catalogue(), texts(owners(org).get("permissions")));
        assertTrue(owners(org).get("permissionGroups").isEmpty(), "no group needed");

        realm.addCatalogueRole("pos:void-sale");
        List<String> after = texts(owners(org).get("permissions"));
        assertTrue(after.contains("pos:void-sale"), after.toString());
        assertEquals(catalogue(), after);
        assertFalse(after.contains("pos"), "sections are not permissions");
    }

    @Test
    @DisplayName("Bad input to the realm-admin extension: 4xx with a JSON error")
    void badInput() {
        String org = realm.createOrganization("Bad Input Centre", "badinput");
        for (String body : List.of("", "{", "[]", "{\"email\": 5}", "{\"nope\": 1}", "{\"email\":\"x\",\"firstName\":\"a\",\"lastName\":\"b\"}",
                "{\"email\":\"a@b.example\",\"firstName\":\"<script>\",\"lastName\":\"b\"}")) {
            Http.Reply reply = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner", body);
            assertEquals(400, reply.status(), body + " -> " + reply);
            assertTrue(reply.json().hasNonNull("error") && reply.json().hasNonNull("message"), reply.toString());
        }
        Http.Reply unknownOrg = realm.backofficeAdmin("GET", "/organizations/nope/administrators", null);
        assertEquals(404, unknownOrg.status());
        assertEquals("organization_not_found", unknownOrg.json().get("error").asText());
        assertEquals(404, realm.backofficeAdmin("GET", "/organizations/" + org + "/owner", null).status());
    }

    private static JsonNode findAdministrator(String org, String userId) {
        for (JsonNode a : realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators", null).json()) {
            if (a.get("userId").asText().equals(userId)) {
                return a;
            }
        }
        throw new AssertionError("no administrator " + userId);
    }
}

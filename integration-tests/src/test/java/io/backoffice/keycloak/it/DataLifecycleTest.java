package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** Our rows follow Keycloak's: removing an organization, a realm or a user removes what we keep of it. */
class DataLifecycleTest {

    static TestRealm realm;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("lifecycle");
        // A new person brought in by email gets the onboarding mail (R-ADMIN-8).
        Mailbox.configure(realm);
    }

    private static JsonNode records(TestRealm in, String userId) {
        Http.Reply reply = in.backofficeAdmin("GET", "/users/" + userId + "/administrator-records", null);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static String admin(String org, String email, String group) {
        String id = realm.createUser(email, "Ada", "Admin", true);
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of(group))).status());
        return id;
    }

    @Test
    @DisplayName("R-DATA-1: removing an organization removes its administrator records and owner")
    void organizationRemoval() {
        String org = realm.createOrganization("Doomed Centre", "doomed");
        String kept = realm.createOrganization("Kept Centre", "kept");
        realm.createPermissionGroup(org, "Staff", List.of("pos:sell"));
        realm.createPermissionGroup(kept, "Staff", List.of("pos:sell"));
        String owner = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@doomed.example", "firstName", "Dora", "lastName", "Owner")).json().get("userId").asText();
        String staff = admin(org, "staff@doomed.example", "Staff");
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + kept + "/administrators",
                Map.of("userId", staff, "permissionGroups", List.of("Staff"))).status());
        realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + staff + "/pin-settings", Map.of("pinMode", "PIN"));
        assertEquals(2, records(realm, staff).size());

        assertEquals(204, realm.admin("DELETE", "/organizations/" + org, null).status());

        assertEquals(0, records(realm, owner).size());
        JsonNode left = records(realm, staff);
        assertEquals(1, left.size(), left.toString());
        assertEquals("kept", left.get(0).get("organizationAlias").asText());
    }

    @Test
    @DisplayName("R-DATA-2: removing a user removes their records; removing an owner is refused, naming the organization")
    void userRemoval() {
        String org = realm.createOrganization("Users Centre", "users-centre");
        realm.createPermissionGroup(org, "Staff", List.of("pos:sell"));
        String owner = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner",
                Map.of("email", "owner@users-centre.example", "firstName", "Uma", "lastName", "Owner")).json().get("userId").asText();
        String staff = admin(org, "staff@users-centre.example", "Staff");

        assertEquals(204, realm.admin("DELETE", "/users/" + staff, null).status());
        assertEquals(0, records(realm, staff).size());

        Http.Reply refused = realm.admin("DELETE", "/users/" + owner, null);
        assertEquals(409, refused.status(), refused.toString());
        assertProblem(refused, 409, "transfer_ownership_first");
        assertEquals("The user is the owner of organization 'Users Centre'; transfer ownership first.",
                refused.json().get("message").asText(), refused.body());
        assertEquals(200, realm.admin("GET", "/users/" + owner, null).status(), "the owner is still there");
        assertEquals(owner, realm.backofficeAdmin("GET", "/organizations/" + org + "/owner", null).json().get("userId").asText());
    }

    @Test
    @DisplayName("R-DATA-1, R-API-1: removing a realm removes its records, PIN key and integrations (the same ids re-imported find nothing)")
    void realmRemoval() {
        String realmId = UUID.randomUUID().toString();
        String orgId = UUID.randomUUID().toString();
        String ownerId = UUID.randomUUID().toString();
        String holderId = UUID.randomUUID().toString();
        ObjectNode rep = (ObjectNode) TestRealm.demoRealm();
        String name = "doomed-" + realmId.substring(0, 8);
        rep.put("realm", name);
        rep.put("id", realmId);
        ArrayNode users = rep.putArray("users");
        users.add(Http.JSON.valueToTree(Map.of("id", ownerId, "username", "owner@doomed-realm.example", "email", "owner@doomed-realm.example",
                "firstName", "Rae", "lastName", "Owner", "enabled", true, "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", TestRealm.PASSWORD, "temporary", false)))));
        TestRealm.allowPasswordGrant(rep);
        users.add(Http.JSON.valueToTree(Map.of("id", holderId, "username", "holder@doomed-realm.example", "email", "holder@doomed-realm.example",
                "firstName", "Hal", "lastName", "Holder", "enabled", true, "emailVerified", true)));
        ObjectNode organization = (ObjectNode) rep.get("organizations").get(0);
        organization.put("id", orgId);
        ArrayNode members = organization.putArray("members");
        members.add(Http.JSON.valueToTree(Map.of("username", "owner@doomed-realm.example")));
        members.add(Http.JSON.valueToTree(Map.of("username", "holder@doomed-realm.example")));

        TestRealm doomed = TestRealm.importRealm(rep);
        assertEquals(201, doomed.backofficeAdmin("POST", "/organizations/" + orgId + "/owner", Map.of("userId", ownerId)).status());
        assertEquals(201, doomed.backofficeAdmin("POST", "/organizations/" + orgId + "/administrators",
                Map.of("userId", holderId, "permissionGroups", List.of("Front staff"))).status());
        assertEquals(200, doomed.backofficeAdmin("PUT", "/organizations/" + orgId + "/administrators/" + holderId + "/pin-settings",
                Map.of("pinMode", "PIN")).status());
        assertEquals(1, records(doomed, holderId).size());
        // R-API-1: an integration of the organization (a client with a service account) goes with the realm too.
        Http.Reply integration = HTTP.send("POST", TestRealm.base() + "/realms/" + name + "/backoffice/organizations/" + orgId + "/integrations",
                doomed.accessToken("owner@doomed-realm.example"), Map.of("name", "Doomed sync", "permissionGroups", List.of("Front staff")));
        assertEquals(201, integration.status(), integration.toString());

        assertEquals(204, doomed.admin("DELETE", "", null).status());
        TestRealm again = TestRealm.importRealm(rep);
        assertEquals(orgId, again.adminGet("/organizations/" + orgId).get("id").asText(), "same ids re-imported");
        assertEquals(0, records(again, ownerId).size());
        assertEquals(0, records(again, holderId).size());
        assertEquals(404, again.backofficeAdmin("GET", "/organizations/" + orgId + "/owner", null).status());
        assertEquals(0, again.adminGet("/clients?clientId=" + integration.json().get("clientId").asText()).size());
    }
}

package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/**
 * R-ADMIN-5: a user who changes their username or email loses administrator access at once, by every
 * path, except as an owner; an event says why. The listener is global: the realm does not list it.
 */
class UsernameChangeTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("username-change");
        assertEquals(204, realm.admin("PUT", "", Map.of("editUsernameAllowed", true)).status());
        JsonNode listeners = realm.adminGet("/events/config").get("eventsListeners");
        assertFalse(listeners.toString().contains("backoffice"), "not configured per realm: " + listeners);
    }

    /** The account REST API, with the user's own token, as the account console calls it. */
    private static void changeOwnAccount(String currentUsername, Map<String, String> changes) {
        String token = realm.accessToken(currentUsername);
        String url = TestRealm.base() + "/realms/" + realm.name() + "/account/";
        Http.Reply current = HTTP.send("GET", url, token, null);
        assertEquals(200, current.status(), current.toString());
        ObjectNode account = Http.JSON.createObjectNode();
        for (String field : List.of("username", "email", "firstName", "lastName")) {
            account.put(field, changes.getOrDefault(field, current.json().get(field).asText()));
        }
        Http.Reply updated = HTTP.send("POST", url, token, account);
        assertEquals(204, updated.status(), updated.toString());
    }

    private static List<JsonNode> identityEvents(String userId) {
        List<JsonNode> events = new ArrayList<>();
        realm.adminGet("/admin-events?max=1000").forEach(e -> {
            JsonNode details = e.path("details");
            if ("username_or_email_changed".equals(details.path("reason").asText()) && userId.equals(details.path("administrator_user_id").asText())) {
                events.add(e);
            }
        });
        return events;
    }

    private static String status(TestOrganization org, String userId) {
        for (JsonNode a : realm.backofficeAdmin("GET", "/organizations/" + org.id + "/administrators", null).json()) {
            if (a.get("userId").asText().equals(userId)) {
                return a.get("status").asText();
            }
        }
        throw new AssertionError("no record");
    }

    @Test
    @DisplayName("R-ADMIN-5, R-OWNER-3: a new email through the account REST API makes every administrator record inactive, the owner's excepted; events record old and new")
    void emailChangeThroughAccount() {
        TestOrganization staffOrg = TestOrganization.create(realm);
        TestOrganization ownedOrg = TestOrganization.create(realm);
        TestOrganization secondStaffOrg = TestOrganization.create(realm);
        String userId = staffOrg.addAdministrator("mover", TestOrganization.FRONT_STAFF);
        String email = staffOrg.email("mover");
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + secondStaffOrg.id + "/administrators",
                Map.of("userId", userId, "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        // The same person is the owner of a third organization.
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + ownedOrg.id + "/administrators",
                Map.of("userId", userId, "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        assertEquals(200, realm.backofficeAdmin("PUT", "/organizations/" + ownedOrg.id + "/owner", Map.of("userId", userId,
                "previousOwnerPermissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());

        changeOwnAccount(email, Map.of("email", "moved@elsewhere.example"));

        assertEquals("INACTIVE", status(staffOrg, userId));
        assertEquals("INACTIVE", status(secondStaffOrg, userId));
        assertEquals("ACTIVE", status(ownedOrg, userId));
        List<JsonNode> events = identityEvents(userId);
        assertEquals(3, events.size(), events.toString());
        for (JsonNode event : events) {
            JsonNode details = event.get("details");
            assertEquals(email, details.get("previous_email").asText());
            assertEquals("moved@elsewhere.example", details.get("email").asText());
            assertEquals(email, details.get("previous_username").asText());
            assertEquals(userId, event.get("authDetails").get("userId").asText(), "the user made the change");
            boolean owner = details.get("organization_id").asText().equals(ownedOrg.id);
            assertEquals(Boolean.toString(owner), details.get("owner").asText());
            assertEquals(owner ? "ACTIVE" : "INACTIVE", details.get("status").asText());
        }
    }

    @Test
    @DisplayName("R-ADMIN-5: a new username through the account REST API makes the record inactive at once; the owner reactivates it")
    void usernameChangeThroughAccount() {
        TestOrganization org = TestOrganization.create(realm);
        String userId = org.addAdministrator("renamer", TestOrganization.FRONT_STAFF);
        assertEquals(200, org.api("GET", realm.accessToken(org.email("renamer")), "/me", null).status());

        changeOwnAccount(org.email("renamer"), Map.of("username", "renamed-person"));

        assertEquals(403, org.api("GET", realm.accessToken("renamed-person"), "/me", null).status());
        JsonNode record = org.administrator(org.ownerToken(), userId);
        assertEquals("INACTIVE", record.get("status").asText());
        assertEquals(List.of(TestOrganization.FRONT_STAFF), List.of(record.get("permissionGroups").get(0).asText()));
        JsonNode event = identityEvents(userId).get(0);
        assertEquals(org.email("renamer"), event.get("details").get("previous_username").asText());
        assertEquals("renamed-person", event.get("details").get("username").asText());

        assertEquals(200, org.api("PUT", org.ownerToken(), "/administrators/" + userId, Map.of("status", "ACTIVE")).status());
        assertEquals(200, org.api("GET", realm.accessToken("renamed-person"), "/me", null).status());
    }

    @Test
    @DisplayName("R-ADMIN-5: a username changed through the admin REST API makes the record inactive; an administrator with org-settings:administrators reactivates it")
    void usernameChangeThroughAdminApi() {
        TestOrganization org = TestOrganization.create(realm);
        String userId = org.addAdministrator("subject", TestOrganization.FRONT_STAFF);
        org.addAdministrator("manager", TestOrganization.MANAGERS);
        ObjectNode user = (ObjectNode) realm.adminGet("/users/" + userId);
        user.put("username", "subject-renamed");
        assertEquals(204, realm.admin("PUT", "/users/" + userId, user).status());

        assertEquals("INACTIVE", status(org, userId));
        List<JsonNode> events = identityEvents(userId);
        assertEquals(1, events.size(), events.toString());
        assertEquals(org.email("subject"), events.get(0).get("details").get("previous_username").asText());
        assertEquals("subject-renamed", events.get(0).get("details").get("username").asText());
        assertTrue(!userId.equals(events.get(0).get("authDetails").get("userId").asText()), "the realm admin made the change");

        String manager = realm.accessToken(org.email("manager"));
        Http.Reply reactivated = org.api("PUT", manager, "/administrators/" + userId, Map.of("status", "ACTIVE"));
        assertEquals(200, reactivated.status(), reactivated.toString());
        assertEquals("ACTIVE", status(org, userId));
        // Accepted from now on: a later unrelated update does not deactivate it again.
        realm.confirmEmail(userId);
        assertEquals("ACTIVE", status(org, userId));
    }

    @Test
    @DisplayName("R-ADMIN-5: other profile changes (a new first name) leave the records active")
    void otherChangesKeepRecords() {
        TestOrganization org = TestOrganization.create(realm);
        String userId = org.addAdministrator("steady", TestOrganization.FRONT_STAFF);
        changeOwnAccount(org.email("steady"), Map.of("firstName", "Stella"));
        assertEquals("ACTIVE", status(org, userId));
        assertEquals(0, identityEvents(userId).size());
        assertEquals("Stella", realm.adminGet("/users/" + userId).get("firstName").asText());
    }
}

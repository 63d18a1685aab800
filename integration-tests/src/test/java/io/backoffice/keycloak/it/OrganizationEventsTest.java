package io.backoffice.keycloak.it;

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

/** Changes through the organization API land in Keycloak's admin event store, naming who made them. */
class OrganizationEventsTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("org-events");
        Mailbox.configure(realm);
    }

    private static List<JsonNode> ourEvents(TestOrganization org) {
        List<JsonNode> events = new ArrayList<>();
        realm.adminGet("/admin-events?max=1000").forEach(e -> {
            if (e.path("resourceType").asText().startsWith("BACKOFFICE_") && org.id.equals(e.path("details").path("organization_id").asText())) {
                events.add(e);
            }
        });
        return events;
    }

    @Test
    @DisplayName("R-AUTHZ-2, R-PIN-4: every change through the organization API is an admin event naming the acting administrator by id and username, never the PIN")
    void changesAreRecorded() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String manager = org.addAdministrator("manager", TestOrganization.MANAGERS);
        String managerToken = realm.accessToken(org.email("manager"));
        Http.Reply created = org.api("POST", managerToken, "/administrators", Map.of("email", org.email("clerk"),
                "firstName", "Clara", "lastName", "Clerk", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "pinMode", "PIN"));
        assertEquals(202, created.status(), created.toString());
        String clerk = org.userIdOf(org.email("clerk"));
        List<String> pins = new ArrayList<>();
        assertEquals(200, org.api("PUT", managerToken, "/administrators/" + clerk, Map.of("status", "INACTIVE")).status());
        pins.add(org.api("POST", managerToken, "/administrators/" + clerk + "/regenerate-pin", null).json().get("pin").asText());
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 7)).status());
        // Refused requests are not recorded as changes.
        assertEquals(403, org.api("PUT", managerToken, "/administrators/" + manager, Map.of("status", "INACTIVE")).status());

        List<JsonNode> events = ourEvents(org);
        List<String> seen = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode details = event.get("details");
            seen.add(event.get("operationType").asText() + " " + details.path("administrator_username").asText(details.path("pin_length").asText()));
            String actorId = event.get("authDetails").get("userId").asText();
            assertEquals(actorId, details.get("actor_user_id").asText());
            String expectedActor = actorId.equals(org.ownerId) ? org.ownerEmail : org.email("manager");
            assertEquals(expectedActor, details.get("actor_username").asText());
            for (String pin : pins) {
                assertFalse(event.toString().contains(pin), "PIN in an event: " + event);
            }
        }
        assertTrue(seen.contains("CREATE " + org.email("clerk")), seen.toString());
        assertTrue(seen.contains("UPDATE " + org.email("clerk")), seen.toString());
        assertTrue(seen.contains("ACTION " + org.email("clerk")), seen.toString());
        assertTrue(seen.contains("UPDATE 7"), seen.toString());
        // The manager was brought in by an identity admin (a realm-admin event, not one of these).
        assertEquals(4, events.size(), seen.toString());
        JsonNode clerkCreated = events.stream().filter(e -> e.get("operationType").asText().equals("CREATE")
                && e.get("details").get("administrator_user_id").asText().equals(clerk)).findFirst().orElseThrow();
        assertEquals(manager, clerkCreated.get("authDetails").get("userId").asText());
        assertEquals("onboarding_email", clerkCreated.get("details").get("delivery").asText(), "the audit trail says what the answer does not");
    }
}

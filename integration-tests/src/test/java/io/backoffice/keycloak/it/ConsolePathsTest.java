package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/**
 * R-CONSOLE-2: the rules hold on the Keycloak admin console's own paths, driven here through Keycloak's
 * admin REST API exactly as the console calls it.
 */
class ConsolePathsTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("console");
    }

    private static JsonNode groupByName(TestOrganization org, String token, String name) {
        for (JsonNode group : org.api("GET", token, "/permission-groups", null).json()) {
            if (group.get("name").asText().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("No group " + name);
    }

    @Test
    @DisplayName("R-GROUP-3, R-CONSOLE-2: the console cannot delete a permission group administrators hold; same reason and count as the organization API")
    void heldGroupDeletionRefused() {
        TestOrganization org = TestOrganization.create(realm);
        org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        org.addAdministrator("runner", TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT);
        String owner = org.ownerToken();
        String groupId = groupByName(org, owner, TestOrganization.FRONT_STAFF).get("id").asText();

        Http.Reply ours = org.api("DELETE", owner, "/permission-groups/" + groupId, null);
        assertEquals(409, ours.status(), ours.toString());
        Http.Reply console = realm.admin("DELETE", "/organizations/" + org.id + "/groups/" + groupId, null);
        assertEquals(409, console.status(), console.toString());
        assertEquals("permission_group_in_use", console.json().get("error").asText(), console.toString());
        assertEquals(ours.json().get("message").asText(), console.json().get("message").asText());
        assertEquals(ours.json().get("message").asText(), console.json().get("error_description").asText(), "the sentence the console shows");
        assertTrue(console.json().get("error_description").asText().contains("2 administrators"), console.toString());

        assertEquals(2, groupByName(org, owner, TestOrganization.FRONT_STAFF).get("administratorCount").asLong(), "nothing changed");
        assertEquals(200, realm.admin("GET", "/organizations/" + org.id + "/groups/" + groupId, null).status());

        String unused = groupByName(org, owner, TestOrganization.EVERYTHING).get("id").asText();
        assertEquals(204, realm.admin("DELETE", "/organizations/" + org.id + "/groups/" + unused, null).status(),
                "a group nobody holds is deleted as before");
    }

    @Test
    @DisplayName("R-OWNER-5, R-CONSOLE-2: the console cannot remove the owner from the organization's members (transfer ownership first); others can be removed, the organization deleted")
    void ownerMemberRemovalRefused() {
        TestOrganization org = TestOrganization.create(realm);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);

        Http.Reply refused = realm.admin("DELETE", "/organizations/" + org.id + "/members/" + org.ownerId, null);
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("transfer_ownership_first", refused.json().get("error").asText(), refused.toString());
        String message = refused.json().get("message").asText();
        assertEquals(message, refused.json().get("error_description").asText(), "the sentence the console shows");
        assertTrue(message.contains("Centre " + org.alias) && message.contains("transfer ownership first"), message);
        assertEquals(200, realm.admin("GET", "/organizations/" + org.id + "/members/" + org.ownerId, null).status(), "still a member");
        assertEquals(200, org.api("GET", org.ownerToken(), "/me", null).status(), "the owner keeps access");

        Http.Reply deleted = realm.admin("DELETE", "/users/" + org.ownerId, null);
        assertEquals(409, deleted.status(), deleted.toString());
        assertEquals(message, deleted.json().get("message").asText(), "the same error as R-DATA-2");

        assertEquals(204, realm.admin("DELETE", "/organizations/" + org.id + "/members/" + cashier, null).status());
        assertEquals(204, realm.admin("DELETE", "/organizations/" + org.id, null).status(), "the whole organization still goes");
        assertEquals(0, realm.backofficeAdmin("GET", "/users/" + org.ownerId + "/administrator-records", null).json().size());
    }

    @Test
    @DisplayName("R-PIN-5, R-CONSOLE-2: the PIN length lives where the console cannot set it; an organization attribute named like it changes nothing")
    void pinLengthOutOfConsoleReach() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 8)).status());

        ObjectNode representation = (ObjectNode) realm.adminGet("/organizations/" + org.id);
        assertFalse(representation.path("attributes").has("backoffice.pinLength"), representation.toString());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("backoffice.pinLength", List.of("3"));
        representation.set("attributes", Http.JSON.valueToTree(attributes));
        assertEquals(204, realm.admin("PUT", "/organizations/" + org.id, representation).status());

        assertEquals(8, org.api("GET", owner, "/settings", null).json().get("pinLength").asInt(), "the console's attribute is not read");
        String holder = org.addAdministrator("holder", List.of(TestOrganization.FRONT_STAFF), Map.of("pinMode", "PIN"));
        Http.Reply regenerated = org.api("POST", owner, "/administrators/" + holder + "/regenerate-pin", null);
        assertEquals(200, regenerated.status(), regenerated.toString());
        assertEquals(8, regenerated.json().get("pin").asText().length(), "PINs follow the organization's own setting");
    }
}

package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** The organization's own settings: the PIN length (R-PIN-2). */
class OrganizationSettingsTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("org-settings");
    }

    @Test
    @DisplayName("R-PIN-2, R-PIN-5: the PIN length is 6 by default, 4 to 12, read by every active administrator, changed by the owner only")
    void pinLength() {
        TestOrganization org = TestOrganization.create(realm);
        org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        org.addAdministrator("manager", TestOrganization.MANAGERS);
        org.addAdministrator("deputy", TestOrganization.EVERYTHING);
        String owner = org.ownerToken();
        String cashier = realm.accessToken(org.email("cashier"));

        Http.Reply read = org.api("GET", cashier, "/settings", null);
        assertEquals(200, read.status(), read.toString());
        assertEquals(6, read.json().get("pinLength").asInt());
        assertEquals(10_000, read.json().get("maxPinHolders").asLong());

        Http.Reply changed = org.api("PUT", owner, "/settings", Map.of("pinLength", 8));
        assertEquals(200, changed.status(), changed.toString());
        assertEquals(8, changed.json().get("pinLength").asInt());
        assertEquals(1_000_000, changed.json().get("maxPinHolders").asLong());
        assertEquals(8, org.api("GET", cashier, "/settings", null).json().get("pinLength").asInt());
        // Kept in our own table, out of the console's reach (R-CONSOLE-2; ConsolePathsTest).
        assertFalse(realm.adminGet("/organizations/" + org.id).path("attributes").has("backoffice.pinLength"));

        for (String name : List.of("cashier", "manager", "deputy")) {
            assertProblem(org.api("PUT", realm.accessToken(org.email(name)), "/settings", Map.of("pinLength", 10)), 403, "owner_only");
        }
        assertProblem(org.api("PUT", owner, "/settings", Map.of("pinLength", 3)), 400, "invalid_pinLength");
        assertProblem(org.api("PUT", owner, "/settings", Map.of("pinLength", 13)), 400, "invalid_pinLength");
        assertProblem(org.api("PUT", owner, "/settings", "{\"pinLength\": 8.5}"), 400, "invalid_json");
        assertProblem(org.api("PUT", owner, "/settings", Map.of()), 400, "missing_pinLength");
        assertProblem(org.api("PUT", owner, "/settings", Map.of("pinLength", 6, "colour", "red")), 400, "unknown_field");
        assertEquals(8, org.api("GET", owner, "/settings", null).json().get("pinLength").asInt(), "refusals change nothing");
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 4)).status());
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 12)).status());
    }
}

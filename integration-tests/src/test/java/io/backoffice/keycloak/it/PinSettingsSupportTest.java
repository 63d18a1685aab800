package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** PIN settings through the realm-admin support path (the organization API has its own tests). */
class PinSettingsSupportTest {

    static TestRealm realm;
    static String org;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("pinsupport");
        org = realm.createOrganization("Pin Centre", "pin-centre");
        realm.unlockSharedAccounts(org);
        realm.createPermissionGroup(org, "Front staff", List.of("pos:sell"));
        String owner = realm.createUser("owner@pin-centre.example", "Pia", "Owner", true);
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + org + "/owner", Map.of("userId", owner)).status());
    }

    private static String administrator(String email) {
        String id = realm.createUser(email, "Staff", "Member", true);
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of("Front staff"))).status());
        return id;
    }

    @Test
    @DisplayName("R-PIN-2, R-PIN-4: setting PIN returns a fresh server-made PIN once; it is never readable again")
    void pinIsIssuedOnce() {
        String id = administrator("holder@pin-centre.example");
        Http.Reply first = realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + id + "/pin-settings",
                Map.of("pinMode", "PIN"));
        assertEquals(200, first.status(), first.toString());
        String pin = first.json().get("pin").asText();
        assertTrue(pin.matches("\\d{6}"), pin);

        Http.Reply again = realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + id + "/pin-settings",
                Map.of("pinMode", "PIN"));
        assertNotEquals(pin, again.json().get("pin").asText(), "regenerated");

        String listing = realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators", null).body();
        assertFalse(listing.contains(pin) || listing.contains(again.json().get("pin").asText()), listing);
        assertFalse(listing.toLowerCase().contains("digest"), listing);
        String events = realm.admin("GET", "/admin-events?max=200", null).body();
        assertFalse(events.contains(again.json().get("pin").asText()), "no PIN in admin events");

        Http.Reply none = realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + id + "/pin-settings",
                Map.of("pinMode", "NONE"));
        assertEquals(200, none.status());
        assertFalse(none.json().has("pin"));
    }

    @Test
    @DisplayName("R-PIN-1: a shared account belongs to exactly one organization")
    void sharedAccountInOneOrganization() {
        String id = administrator("desk@pin-centre.example");
        String other = realm.createOrganization("Other Centre", "other-centre");
        realm.createPermissionGroup(other, "Staff", List.of("pos:sell"));
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + other + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of("Staff"))).status());
        Http.Reply refused = realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + id + "/pin-settings",
                Map.of("pinMode", "SHARED"));
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("shared_account_in_several_organizations", refused.json().get("error").asText());

        String single = administrator("desk2@pin-centre.example");
        assertEquals(200, realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + single + "/pin-settings",
                Map.of("pinMode", "SHARED")).status());
        Http.Reply bad = realm.backofficeAdmin("PUT", "/organizations/" + org + "/administrators/" + single + "/pin-settings",
                Map.of("pinMode", "SOMETIMES"));
        assertEquals(400, bad.status(), bad.toString());
    }
}

package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** What an identity admin grants an organization: shared accounts (R-PIN-7) and administrator seats (R-ADMIN-10). */
class SupportSettingsTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("support");
        // Bringing a person in sends a mail (R-ADMIN-7): without SMTP settings that is refused before the seat check.
        Mailbox.configure(realm);
    }

    private static Http.Reply support(TestOrganization org, Map<String, Object> change) {
        return realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/support", change);
    }

    private static Map<String, Object> seats(Integer seats) {
        Map<String, Object> change = new HashMap<>();
        change.put("administratorSeats", seats);
        return change;
    }

    private static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    @Test
    @DisplayName("R-PIN-7: SHARED is refused until an identity admin unlocks shared accounts; locking again is refused while any exist")
    void sharedAccountsUnlock() {
        TestOrganization org = TestOrganization.create(realm);
        assertEquals(200, support(org, Map.of("sharedAccountsUnlocked", false)).status(), "no shared accounts yet: locking is fine");
        String desk = org.addAdministrator("desk", TestOrganization.FRONT_STAFF);
        String owner = org.ownerToken();

        Http.Reply refused = org.api("PUT", owner, "/administrators/" + desk, Map.of("pinMode", "SHARED"));
        assertProblem(refused, 409, "shared_accounts_locked");
        assertTrue(refused.json().get("message").asText().contains("not unlocked"), refused.toString());
        assertProblem(realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/administrators/" + desk
                + "/pin-settings", Map.of("pinMode", "SHARED")), 409, "shared_accounts_locked");
        assertEquals("NONE", org.administrator(owner, desk).get("pinMode").asText(), "nothing changed");

        Http.Reply unlocked = support(org, Map.of("sharedAccountsUnlocked", true));
        assertEquals(200, unlocked.status(), unlocked.toString());
        assertTrue(unlocked.json().get("sharedAccountsUnlocked").asBoolean());
        assertEquals(200, org.api("PUT", owner, "/administrators/" + desk, Map.of("pinMode", "SHARED")).status());

        Http.Reply relock = support(org, Map.of("sharedAccountsUnlocked", false));
        assertProblem(relock, 409, "shared_accounts_in_use");
        assertTrue(relock.json().get("message").asText().contains("1 shared account"), relock.toString());
        assertTrue(realm.backofficeAdmin("GET", "/organizations/" + org.id + "/support", null).json().get("sharedAccountsUnlocked").asBoolean());

        assertEquals(200, org.api("PUT", owner, "/administrators/" + desk, Map.of("pinMode", "NONE")).status());
        assertEquals(200, support(org, Map.of("sharedAccountsUnlocked", false)).status());
    }

    @Test
    @DisplayName("R-ADMIN-10: active administrators take seats; creating or reactivating beyond the limit is refused naming the seats used; the limit cannot go below the active count")
    void seats() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        org.addAdministrator("clerk", TestOrganization.FRONT_STAFF);
        assertEquals(3, realm.backofficeAdmin("GET", "/organizations/" + org.id + "/support", null).json().get("activeAdministrators").asLong());

        assertProblem(support(org, seats(2)), 409, "seats_below_active");
        Http.Reply set = support(org, seats(4));
        assertEquals(200, set.status(), set.toString());
        assertEquals(4, set.json().get("administratorSeats").asInt());

        org.addAdministrator("fourth", TestOrganization.FRONT_STAFF);
        // A new person (an existing one is invited, and takes a seat only when accepting).
        Http.Reply full = org.api("POST", owner, "/administrators", Map.of("email", org.email("fifth"), "firstName", "Fifth",
                "lastName", "Tester", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertProblem(full, 409, "no_free_seat");
        assertTrue(full.json().get("message").asText().contains("All 4 administrator seats"), full.toString());

        assertEquals(200, org.api("PUT", owner, "/administrators/" + cashier, Map.of("status", "INACTIVE")).status());
        assertEquals(200, support(org, seats(3)).status(), "inactive administrators do not count");
        assertProblem(org.api("PUT", owner, "/administrators/" + cashier, Map.of("status", "ACTIVE")), 409, "no_free_seat");
        assertProblem(realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/administrators/" + cashier + "/status",
                Map.of("status", "ACTIVE")), 409, "no_free_seat");
        assertEquals("INACTIVE", org.administrator(owner, cashier).get("status").asText(), "nothing changed");

        assertEquals(200, support(org, seats(null)).status(), "null removes the limit");
        assertEquals(200, org.api("PUT", owner, "/administrators/" + cashier, Map.of("status", "ACTIVE")).status());

        assertProblem(support(org, seats(0)), 400, "invalid_administratorSeats");
        assertProblem(realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/support", "{\"administratorSeats\": \"5\"}"), 400, "invalid_json");
        assertProblem(support(org, Map.of("seats", 5)), 400, "unknown_field");
        assertProblem(support(org, Map.of()), 400, "missing_field");
        assertProblem(realm.backofficeAdmin("PUT", "/organizations/nope/support", Map.of("sharedAccountsUnlocked", true)), 404, "organization_not_found");
    }

    @Test
    @DisplayName("R-ADMIN-10: concurrent creations and reactivations at the last free seats: exactly the free number succeed")
    void seatsUnderConcurrency() throws Exception {
        TestOrganization org = TestOrganization.create(realm);
        int n = 8;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(realm.createUser(org.email("racer" + i), "Racer", "N" + i, true));
        }
        assertEquals(200, support(org, seats(3)).status(), "the owner and 2 free seats");
        List<Integer> created = Concurrently.run(n, i -> realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators",
                Map.of("userId", users.get(i), "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        assertEquals(2, count(created, 201), created.toString());
        assertEquals(n - 2, count(created, 409), created.toString());
        assertEquals(3, realm.backofficeAdmin("GET", "/organizations/" + org.id + "/support", null).json().get("activeAdministrators").asLong());

        // Reactivations: four inactive administrators, one free seat.
        assertEquals(200, support(org, seats(null)).status());
        String owner = org.ownerToken();
        List<String> inactive = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inactive.add(org.addAdministrator("sleeper" + i, List.of(TestOrganization.FRONT_STAFF), Map.of("status", "INACTIVE")));
        }
        assertEquals(200, support(org, seats(4)).status());
        List<Integer> reactivated = Concurrently.run(inactive.size(), i -> org.api("PUT", owner, "/administrators/" + inactive.get(i),
                Map.of("status", "ACTIVE")).status());
        assertEquals(1, count(reactivated, 200), reactivated.toString());
        assertEquals(inactive.size() - 1, count(reactivated, 409), reactivated.toString());
        assertEquals(4, realm.backofficeAdmin("GET", "/organizations/" + org.id + "/support", null).json().get("activeAdministrators").asLong());
    }
}

package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** PIN settings through the organization API (R-PIN-1..5). */
class OrganizationPinTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("org-pins");
    }

    /** A confirmed user without a password: enough to be made an administrator. */
    /**
     * A confirmed administrator (an identity admin brings existing people in at once; the organization API
     * only invites them, R-ADMIN-1), then made a PIN holder by the caller through the organization API.
     */
    private static Http.Reply createPinHolder(TestOrganization org, String token, String name) {
        String userId = org.addAdministrator(name, TestOrganization.FRONT_STAFF);
        return org.api("PUT", token, "/administrators/" + userId, Map.of("pinMode", "PIN"));
    }

    @Test
    @DisplayName("R-PIN-1: PIN settings NONE, SHARED, PIN change at any time; a shared account belongs to one organization")
    void pinModes() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String desk = org.addAdministrator("desk", TestOrganization.FRONT_STAFF);
        for (String mode : List.of("SHARED", "PIN", "NONE", "PIN", "SHARED")) {
            Http.Reply changed = org.api("PUT", owner, "/administrators/" + desk, Map.of("pinMode", mode));
            assertEquals(200, changed.status(), changed.toString());
            assertEquals(mode, changed.json().get("pinMode").asText());
            assertEquals(mode.equals("PIN"), changed.json().has("pin"), changed.body());
        }
        TestOrganization other = TestOrganization.create(realm);
        String twoOrgs = org.addAdministrator("two-orgs", TestOrganization.FRONT_STAFF);
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + other.id + "/administrators",
                Map.of("userId", twoOrgs, "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        Http.Reply refused = org.api("PUT", owner, "/administrators/" + twoOrgs, Map.of("pinMode", "SHARED"));
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("shared_account_in_several_organizations", refused.json().get("error").asText());
        assertEquals("NONE", org.administrator(owner, twoOrgs).get("pinMode").asText());
    }

    @Test
    @DisplayName("R-PIN-2: PINs are server-generated digits of the organization's PIN length; they cannot be chosen")
    void generatedDigitsOfTheLength() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String staff = org.addAdministrator("staff", TestOrganization.FRONT_STAFF);
        Http.Reply chosen = org.api("PUT", owner, "/administrators/" + staff, Map.of("pinMode", "PIN", "pin", "123456"));
        assertEquals(400, chosen.status(), chosen.toString());
        assertEquals("unknown_field", chosen.json().get("error").asText());
        assertEquals("NONE", org.administrator(owner, staff).get("pinMode").asText());

        Set<String> pins = new HashSet<>();
        String pin = org.api("PUT", owner, "/administrators/" + staff, Map.of("pinMode", "PIN")).json().get("pin").asText();
        assertTrue(pin.matches("\\d{6}"), pin);
        pins.add(pin);
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 9)).status());
        for (int i = 0; i < 5; i++) {
            Http.Reply again = org.api("POST", owner, "/administrators/" + staff + "/regenerate-pin", null);
            assertEquals(200, again.status(), again.toString());
            String next = again.json().get("pin").asText();
            assertTrue(next.matches("\\d{9}"), next);
            pins.add(next);
        }
        assertTrue(pins.size() >= 5, "random, not fixed: " + pins);
    }

    @Test
    @DisplayName("R-PIN-3: 20 concurrent PIN generations in one organization give 20 distinct PINs")
    void concurrentPinsAreUnique() throws Exception {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            holders.add(org.addAdministrator("holder" + i, TestOrganization.FRONT_STAFF));
        }
        ExecutorService pool = Executors.newFixedThreadPool(holders.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (String holder : holders) {
            replies.add(pool.submit(() -> {
                start.await();
                return org.api("PUT", owner, "/administrators/" + holder, Map.of("pinMode", "PIN"));
            }));
        }
        start.countDown();
        Set<String> pins = new HashSet<>();
        for (Future<Http.Reply> reply : replies) {
            Http.Reply r = reply.get();
            assertEquals(200, r.status(), r.toString());
            pins.add(r.json().get("pin").asText());
        }
        pool.shutdown();
        assertEquals(20, pins.size(), "all distinct: " + pins);
        assertEquals(20, org.api("GET", owner, "/settings", null).json().get("pinHolders").asLong());
    }

    @Test
    @DisplayName("R-PIN-4: the PIN is in the answer that set or regenerated it, and nowhere else: not readable, not in events, not in the log")
    void shownOnce() throws Exception {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 12)).status());
        String staff = org.addAdministrator("staff", TestOrganization.FRONT_STAFF);
        String first = org.api("PUT", owner, "/administrators/" + staff, Map.of("pinMode", "PIN")).json().get("pin").asText();
        Http.Reply regenerated = org.api("POST", owner, "/administrators/" + staff + "/regenerate-pin", null);
        String second = regenerated.json().get("pin").asText();
        assertNotEquals(first, second);
        assertTrue(second.matches("\\d{12}"));

        JsonNode record = org.administrator(owner, staff);
        assertFalse(record.has("pin"), record.toString());
        Http.Reply list = org.api("GET", owner, "/administrators", null);
        Http.Reply me = org.api("GET", realm.accessToken(org.email("staff")), "/me", null);
        Http.Reply events = realm.admin("GET", "/admin-events?max=1000", null);
        assertEquals(200, events.status());
        assertTrue(events.body().contains(staff), "the changes were recorded");
        String log = Files.readString(TestServer.logFile());
        for (String pin : List.of(first, second)) {
            for (Http.Reply reply : List.of(list, me, events)) {
                assertFalse(reply.body().contains(pin), "PIN leaked: " + reply.body());
            }
            assertFalse(log.contains(pin), "PIN in the server log");
        }

        String none = org.addAdministrator("none", TestOrganization.FRONT_STAFF);
        Http.Reply refused = org.api("POST", owner, "/administrators/" + none + "/regenerate-pin", null);
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("not_a_pin_holder", refused.json().get("error").asText());
    }

    @Test
    @DisplayName("R-PIN-5: with 4-digit PINs an organization has at most 100 PIN holders, also under concurrent requests; the 101st is refused with a call to lengthen PINs")
    void capacity() throws Exception {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 4)).status());
        for (int i = 0; i < 94; i++) {
            Http.Reply created = createPinHolder(org, owner, "holder" + i);
            assertEquals(200, created.status(), created.toString());
            assertTrue(created.json().get("pin").asText().matches("\\d{4}"));
        }
        // 12 at once for the last 6 places.
        List<String> racers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            racers.add(org.addAdministrator("racer" + i, TestOrganization.FRONT_STAFF));
        }
        ExecutorService pool = Executors.newFixedThreadPool(racers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        for (String racer : racers) {
            replies.add(pool.submit(() -> {
                start.await();
                return org.api("PUT", owner, "/administrators/" + racer, Map.of("pinMode", "PIN"));
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Http.Reply> reply : replies) {
            statuses.add(reply.get().status());
        }
        pool.shutdown();
        assertEquals(6, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(6, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        assertEquals(100, org.api("GET", owner, "/settings", null).json().get("pinHolders").asLong());

        Http.Reply refused = createPinHolder(org, owner, "holder100");
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("pin_space_exhausted", refused.json().get("error").asText());
        assertTrue(refused.json().get("message").asText().contains("lengthen"), refused.body());
        // Nothing half-written: the refused administrator holds no PIN.
        assertEquals(100, org.api("GET", owner, "/settings", null).json().get("pinHolders").asLong());
        assertEquals(100, org.api("GET", owner, "/administrators?max=200", null).json().findValuesAsText("pinMode").stream()
                .filter("PIN"::equals).count(), "100 holders");

        assertEquals(200, org.api("PUT", owner, "/settings", Map.of("pinLength", 5)).status());
        assertEquals(200, createPinHolder(org, owner, "holder101").status());
        Http.Reply shorter = org.api("PUT", owner, "/settings", Map.of("pinLength", 4));
        assertEquals(409, shorter.status(), shorter.toString());
        assertEquals("pin_length_too_short", shorter.json().get("error").asText());
        assertEquals(5, org.api("GET", owner, "/settings", null).json().get("pinLength").asInt());
    }
}

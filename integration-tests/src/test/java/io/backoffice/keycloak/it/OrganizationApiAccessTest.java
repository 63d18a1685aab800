package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** Who gets into the organization API at all (R-AUTHZ-1), and {@code GET .../me}. */
class OrganizationApiAccessTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("access");
        Mailbox.configure(realm);
    }

    @Test
    @DisplayName("R-AUTHZ-1, R-OWNER-2: GET me answers the caller's own record; the owner holds the whole catalogue")
    void me() {
        TestOrganization org = TestOrganization.create(realm);
        Http.Reply me = org.api("GET", org.ownerToken(), "/me", null);
        assertEquals(200, me.status(), me.toString());
        assertEquals(org.ownerId, me.json().get("userId").asText());
        assertTrue(me.json().get("owner").asBoolean());
        assertTrue(me.json().get("permissions").toString().contains("finance:delete-reconciliations"), me.body());

        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        JsonNode cashierMe = org.api("GET", realm.accessToken(org.email("cashier")), "/me", null).json();
        assertEquals(cashier, cashierMe.get("userId").asText());
        assertFalse(cashierMe.get("owner").asBoolean());
        assertEquals(List.of("pos:sell"), Http.JSON.convertValue(cashierMe.get("permissions"), List.class));
    }

    @Test
    @DisplayName("R-AUTHZ-1: no token or a bad token is 401")
    void unauthenticated() {
        TestOrganization org = TestOrganization.create(realm);
        assertProblem(org.api("GET", null, "/me", null), 401, "unauthorized");
        assertProblem(org.api("GET", "not-a-token", "/administrators", null), 401, "unauthorized");
        String token = org.ownerToken();
        assertProblem(org.api("GET", token.substring(0, token.length() - 4) + "AAAA", "/me", null), 401, "unauthorized");
    }

    @Test
    @DisplayName("R-AUTHZ-1: a user of the realm who is not an administrator, and unknown organizations, are 403")
    void notAnAdministrator() {
        TestOrganization org = TestOrganization.create(realm);
        String email = org.email("visitor");
        realm.createUser(email, "Vera", "Visitor", true);
        String token = realm.accessToken(email);
        assertProblem(org.api("GET", token, "/me", null), 403, "not_an_administrator");
        assertProblem(HTTP.send("GET", TestRealm.base() + "/realms/" + realm.name()
                + "/backoffice/organizations/no-such-organization/me", org.ownerToken(), null), 403, "not_an_administrator");
    }

    @Test
    @DisplayName("R-AUTHZ-1, R-ADMIN-4: an inactive administrator is 403")
    void inactiveAdministrator() {
        TestOrganization org = TestOrganization.create(realm);
        String cashier = org.addAdministrator("cashier", List.of(TestOrganization.FRONT_STAFF), Map.of("status", "INACTIVE"));
        Http.Reply refused = org.api("GET", realm.accessToken(org.email("cashier")), "/me", null);
        assertProblem(refused, 403, "administrator_access_denied");
        assertEquals(200, org.api("PUT", org.ownerToken(), "/administrators/" + cashier, Map.of("status", "ACTIVE")).status());
        assertEquals(200, org.api("GET", realm.accessToken(org.email("cashier")), "/me", null).status());
    }

    @Test
    @DisplayName("R-AUTHZ-1, R-ADMIN-2: an administrator whose email is not confirmed is 403")
    void unconfirmedAdministrator() {
        TestOrganization org = TestOrganization.create(realm);
        String email = org.email("pending");
        String userId = realm.createUser(email, "Pat", "Pending", false);
        // An identity admin makes the existing, unconfirmed user an administrator directly (the support path).
        Http.Reply created = realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators",
                Map.of("userId", userId, "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, created.status(), created.toString());
        Http.Reply refused = org.api("GET", realm.accessToken(email), "/me", null);
        assertProblem(refused, 403, "administrator_access_denied");
        realm.confirmEmail(userId);
        assertEquals(200, org.api("GET", realm.accessToken(email), "/me", null).status());
    }

    @Test
    @DisplayName("R-AUTHZ-1: an administrator of one organization cannot read or change another")
    void otherOrganization() {
        TestOrganization mine = TestOrganization.create(realm);
        TestOrganization theirs = TestOrganization.create(realm);
        String theirCashier = theirs.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String token = mine.ownerToken();
        assertProblem(theirs.api("GET", token, "/me", null), 403, "not_an_administrator");
        assertProblem(theirs.api("GET", token, "/administrators", null), 403, "not_an_administrator");
        assertProblem(theirs.api("PUT", token, "/administrators/" + theirCashier, Map.of("status", "INACTIVE")), 403, "not_an_administrator");
        assertProblem(theirs.api("GET", token, "/settings", null), 403, "not_an_administrator");
        // Their administrator, addressed through my organization, is unknown there.
        assertProblem(mine.api("PUT", token, "/administrators/" + theirCashier, Map.of("status", "INACTIVE")), 404, "administrator_not_found");
        assertEquals("ACTIVE", theirs.administrator(theirs.ownerToken(), theirCashier).get("status").asText());
    }
}

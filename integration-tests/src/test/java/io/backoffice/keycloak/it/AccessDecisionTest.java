package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
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

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * The one access decision (R-AUTHZ-5) seen from its three askers at once (the organization API, the token
 * mapper, the PIN step), the shared account that acts only with a PIN (R-AUTHZ-6), the allowed clients
 * (R-AUTHZ-1), and the rules that must hold under concurrency or on paths that raise no event.
 */
class AccessDecisionTest {

    static TestRealm realm;
    static TestOrganization org;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("access");
        // Bringing a person in sends a mail (R-ADMIN-1, R-ADMIN-8).
        Mailbox.configure(realm);
        Http.Reply added = realm.admin("POST", "/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/protocol-mappers/models",
                PermissionClaimsMapperTest.mapper("back-office administrator", Map.of()));
        assertEquals(201, added.status(), added.toString());
        org = TestOrganization.create(realm);
    }

    private static JsonNode access(JsonNode tokens) {
        return FormLogin.claims(tokens.get("access_token").asText());
    }

    /** An administrator of {@link #org} holding a PIN; returns the PIN. */
    private static String pinHolder(String userId) {
        Http.Reply pin = org.api("PUT", org.ownerToken(), "/administrators/" + userId, Map.of("pinMode", "PIN"));
        assertEquals(200, pin.status(), pin.toString());
        return pin.json().get("pin").asText();
    }

    private static JsonNode loginWithPin(String sharedAccount, String pin) {
        FormLogin login = realm.formLogin();
        return login.tokens(login.pin(login.password(org.email(sharedAccount)), pin));
    }

    @Test
    @DisplayName("R-AUTHZ-5: a user removed from the organization's members loses the API, the token claims and the PIN step at once")
    void removedMemberLosesEverything() {
        String leaver = org.addAdministrator("leaver", TestOrganization.MANAGERS);
        String leaverPin = pinHolder(leaver);
        org.addAdministrator("frontdesk", List.of(TestOrganization.FRONT_STAFF), Map.of("pinMode", "SHARED"));
        JsonNode leaverTokens = realm.login(org.email("leaver"), null);
        assertTrue(access(leaverTokens).path("backoffice").path("permissions").size() > 0, access(leaverTokens).toString());
        JsonNode deskTokens = loginWithPin("frontdesk", leaverPin);
        assertEquals(leaver, access(deskTokens).at("/act/sub").asText(), "before: the PIN names the leaver");

        assertEquals(204, realm.admin("DELETE", "/organizations/" + org.id + "/members/" + leaver, null).status());

        assertProblem(org.api("GET", leaverTokens.get("access_token").asText(), "/me", null), 403, "not_a_member");
        Http.Reply refreshed = realm.refresh(leaverTokens);
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertFalse(access(refreshed.json()).has("backoffice"), access(refreshed.json()).toString());
        FormLogin login = realm.formLogin();
        FormLogin.Page afterPin = login.pin(login.password(org.email("frontdesk")), leaverPin);
        assertTrue(afterPin.isPinPage(), "the leaver's PIN is refused: " + afterPin);
        // The shared account's live session named the leaver: nobody is acting any more.
        JsonNode desk = access(realm.refresh(deskTokens).json());
        assertFalse(desk.has("act"), desk.toString());
        assertEquals(List.of(), TestOrganization.texts(desk.at("/backoffice/permissions")));

        // Back as a member, the record is intact: what Keycloak kept of the organization groups decides the rest.
        realm.addMember(org.id, leaver);
        JsonNode me = org.api("GET", realm.accessToken(org.email("leaver")), "/me", null).json();
        System.out.println("[R-AUTHZ-5] after leaving and coming back: " + me);
        assertEquals("ACTIVE", me.path("status").asText(), me.toString());
    }

    @Test
    @DisplayName("R-ADMIN-5: a username changed with no event at all (as an identity-provider or LDAP sync does): the next refresh carries no permissions and the record is INACTIVE, with an event")
    void silentUsernameChangeCaughtAtRefresh() {
        String subject = org.addAdministrator("silent", TestOrganization.MANAGERS);
        JsonNode tokens = realm.login(org.email("silent"), null);
        assertTrue(access(tokens).path("backoffice").path("permissions").size() > 0);

        Http.Reply renamed = realm.admin("PUT", "/backoffice-test-support/users/" + subject + "/username", Map.of("username", "silent-renamed"));
        assertEquals(204, renamed.status(), renamed.toString());

        Http.Reply refreshed = realm.refresh(tokens);
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertFalse(access(refreshed.json()).has("backoffice"), access(refreshed.json()).toString());
        JsonNode record = org.administrator(org.ownerToken(), subject);
        assertEquals("INACTIVE", record.get("status").asText(), record.toString());
        assertProblem(org.api("GET", refreshed.json().get("access_token").asText(), "/me", null), 403, "administrator_access_denied");
        List<JsonNode> events = new ArrayList<>();
        realm.adminGet("/admin-events?max=1000").forEach(e -> {
            if ("username_or_email_changed".equals(e.at("/details/reason").asText()) && subject.equals(e.at("/details/administrator_user_id").asText())) {
                events.add(e);
            }
        });
        assertEquals(1, events.size(), events.toString());
        assertEquals(org.email("silent"), events.get(0).at("/details/previous_username").asText());
        assertEquals("silent-renamed", events.get(0).at("/details/username").asText());
    }

    @Test
    @DisplayName("R-AUTHZ-6: a shared account without a PIN gets no permissions and the API answers pin_required; after a PIN it acts, and its admin events name the acting person")
    void sharedAccountActsOnlyWithAPin() {
        String desk = org.addAdministrator("desk", List.of(TestOrganization.MANAGERS), Map.of("pinMode", "SHARED"));
        String alice = org.addAdministrator("alice", TestOrganization.FRONT_STAFF);
        String alicePin = pinHolder(alice);

        JsonNode withoutPin = realm.login(org.email("desk"), null);
        JsonNode claims = access(withoutPin);
        assertTrue(claims.path("shared_account").asBoolean(), claims.toString());
        assertFalse(claims.has("act"));
        assertEquals(List.of(), TestOrganization.texts(claims.at("/backoffice/permissions")), claims.toString());
        assertProblem(org.api("GET", withoutPin.get("access_token").asText(), "/me", null), 403, "pin_required");

        JsonNode withPin = loginWithPin("desk", alicePin);
        JsonNode acting = access(withPin);
        assertEquals(alice, acting.at("/act/sub").asText(), acting.toString());
        assertTrue(acting.at("/backoffice/permissions").size() > 0, acting.toString());
        String email = org.email("desk-made");
        String madeId = realm.createUser(email, "Made", "Bydesk", true);
        // An existing person: invited (R-ADMIN-1); the admin event names who they are, the answer does not.
        Http.Reply created = org.api("POST", withPin.get("access_token").asText(), "/administrators", Map.of("email", email,
                "firstName", "Made", "lastName", "Bydesk", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(202, created.status(), created.toString());

        JsonNode event = null;
        for (JsonNode e : realm.adminGet("/admin-events?authUser=" + desk + "&max=100")) {
            if (madeId.equals(e.at("/details/administrator_user_id").asText())) {
                event = e;
            }
        }
        assertTrue(event != null, "an admin event for the creation");
        assertEquals(desk, event.at("/details/actor_user_id").asText(), event.toString());
        assertEquals(alice, event.at("/details/acting_user_id").asText(), event.toString());
        assertEquals(org.email("alice"), event.at("/details/acting_username").asText(), event.toString());
    }

    @Test
    @DisplayName("R-AUTHZ-1: an access token issued to a client not allowed for the API is refused (403 client_not_allowed) until the identity admin allows that client")
    void onlyAllowedClients() {
        Http.Reply client = realm.admin("POST", "/clients", Map.of("clientId", "pos-terminal", "publicClient", true,
                "directAccessGrantsEnabled", true));
        assertEquals(201, client.status(), client.toString());
        String token = realm.accessToken("pos-terminal", org.ownerEmail);
        assertProblem(org.api("GET", token, "/me", null), 403, "client_not_allowed");
        assertProblem(org.api("GET", token, "/administrators", null), 403, "client_not_allowed");

        assertEquals(204, realm.admin("PUT", "", Map.of("attributes", Map.of("backoffice.api.clients", "back-office pos-terminal"))).status());
        try {
            assertEquals(200, org.api("GET", token, "/me", null).status());
            assertEquals(200, org.api("GET", org.ownerToken(), "/me", null).status());
        } finally {
            assertEquals(204, realm.admin("PUT", "", Map.of("attributes", Map.of("backoffice.api.clients", ""))).status());
        }
        assertProblem(org.api("GET", token, "/me", null), 403, "client_not_allowed");
    }

    @Test
    @DisplayName("R-GROUP-3: a group deletion racing an assignment of that group never leaves an administrator without a group, and never answers 5xx")
    void deleteRacesAssignment() throws Exception {
        String target = org.addAdministrator("racer", TestOrganization.FRONT_STAFF);
        String owner = org.ownerToken();
        int deleted = 0;
        int assigned = 0;
        for (int round = 0; round < 12; round++) {
            String name = "Temp " + round;
            String groupId = realm.createPermissionGroup(org.id, name, List.of("pos:sell"));
            List<Http.Reply> replies = Concurrently.run(2, i -> i == 0
                    ? org.api("DELETE", owner, "/permission-groups/" + groupId, null)
                    : org.api("PUT", owner, "/administrators/" + target, Map.of("permissionGroups", List.of(name))));
            Http.Reply delete = replies.get(0);
            Http.Reply assign = replies.get(1);
            assertTrue(delete.status() < 500 && assign.status() < 500, replies.toString());
            List<String> groups = TestOrganization.texts(org.administrator(owner, target).get("permissionGroups"));
            assertFalse(groups.isEmpty(), "round " + round + ": " + replies);
            if (delete.status() == 204) {
                deleted++;
                assertFalse(groups.contains(name), groups.toString());
                assertEquals(400, assign.status(), assign.toString());
            } else {
                assigned++;
                assertProblem(delete, 409, "permission_group_in_use");
                assertEquals(200, assign.status(), assign.toString());
                assertEquals(List.of(name), groups);
                // Back to a group that stays, so the next round starts alike.
                assertEquals(200, org.api("PUT", owner, "/administrators/" + target,
                        Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
            }
        }
        System.out.println("[R-GROUP-3] 12 races: " + deleted + " deletions first, " + assigned + " assignments first");
    }

    @Test
    @DisplayName("R-PIN-4: every answer that carries a PIN is sent with Cache-Control: no-store")
    void pinAnswersAreNotStored() {
        String holder = org.addAdministrator("nostore", TestOrganization.FRONT_STAFF);
        Http.Reply issued = org.api("PUT", org.ownerToken(), "/administrators/" + holder, Map.of("pinMode", "PIN"));
        Http.Reply regenerated = org.api("POST", org.ownerToken(), "/administrators/" + holder + "/regenerate-pin", null);
        Http.Reply support = realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/administrators/" + holder + "/pin-settings",
                Map.of("pinMode", "PIN"));
        for (Http.Reply reply : List.of(issued, regenerated, support)) {
            assertEquals(200, reply.status(), reply.toString());
            assertTrue(reply.json().has("pin"), reply.toString());
            assertEquals("no-store", reply.raw().headers().firstValue("Cache-Control").orElse(""), reply.toString());
        }
    }
}

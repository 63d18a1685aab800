package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The administrators half of the organization API, on the real server, with a real SMTP server. */
class AdministratorsApiTest {

    static TestRealm realm;

    @BeforeAll
    static void realm() {
        realm = TestRealm.create("administrators");
        Mailbox.configure(realm);
    }

    private static List<String> userIds(Http.Reply list) {
        assertEquals(200, list.status(), list.toString());
        List<String> ids = new ArrayList<>();
        list.json().forEach(a -> ids.add(a.get("userId").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void assertError(int status, String code, Http.Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        assertEquals(code, reply.json().get("error").asText(), reply.toString());
        assertFalse(reply.json().get("message").asText().isBlank());
    }

    @Test
    @DisplayName("R-ADMIN-1, R-ADMIN-2: a new person becomes a user; Keycloak mails the verify-email link through the realm's SMTP; unconfirmed is not listed; creating again resends")
    void createSendsConfirmation() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String email = org.email("newcomer");
        Http.Reply created = org.api("POST", owner, "/administrators", Map.of("email", email, "firstName", "Nina",
                "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "status", "ACTIVE", "pinMode", "NONE"));
        assertEquals(201, created.status(), created.toString());
        String userId = created.json().get("userId").asText();
        assertTrue(created.location().endsWith("/administrators/" + userId), created.location());
        assertEquals(email, created.json().get("username").asText());
        assertEquals(email, created.json().get("email").asText());
        assertFalse(created.json().get("emailVerified").asBoolean());
        assertTrue(created.json().get("confirmationEmailSent").asBoolean());
        assertEquals(List.of(TestOrganization.FRONT_STAFF), texts(created.json().get("permissionGroups")));

        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(email, 1);
        assertEquals(1, mails.size(), "one verify-email message");
        assertTrue(Mailbox.actionLink(mails.get(0)).contains("/realms/" + realm.name() + "/login-actions/action-token?key="), mails.get(0).body());
        JsonNode user = realm.adminGet("/users/" + userId);
        assertEquals("Nina", user.get("firstName").asText());
        assertTrue(texts(user.get("requiredActions")).contains("VERIFY_EMAIL"), user.toString());

        assertFalse(userIds(org.api("GET", owner, "/administrators", null)).contains(userId));

        // Created again while unconfirmed: the retry. The same user and record, the requested groups, a new mail.
        Http.Reply again = org.api("POST", owner, "/administrators", Map.of("email", email.toUpperCase(), "firstName", "Nina",
                "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.ACCOUNTANT)));
        assertEquals(200, again.status(), again.toString());
        assertEquals(userId, again.json().get("userId").asText());
        assertEquals(List.of(TestOrganization.ACCOUNTANT), texts(again.json().get("permissionGroups")));
        assertEquals(2, Mailbox.awaitMailsTo(email, 2).size(), "the confirmation went out again");
        assertEquals(1, realm.adminGet("/users?email=" + Http.enc(email) + "&exact=true").size());

        // The person clicks the link of the latest mail: Keycloak confirms the address, the record becomes usable.
        String page = Mailbox.clickActionLink(Mailbox.mailsTo(email).get(1));
        assertTrue(realm.adminGet("/users/" + userId).get("emailVerified").asBoolean(), page);
        assertTrue(userIds(org.api("GET", owner, "/administrators", null)).contains(userId));
        assertError(409, "administrator_exists", org.api("POST", owner, "/administrators", Map.of("email", email,
                "firstName", "Nina", "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))));
        assertEquals(2, Mailbox.mailsTo(email).size());
    }

    @Test
    @DisplayName("R-ADMIN-1: an existing user of the realm is reused: one login for several organizations, no confirmation needed")
    void existingUserIsReused() {
        TestOrganization first = TestOrganization.create(realm);
        TestOrganization second = TestOrganization.create(realm);
        String email = first.email("shared-person");
        String userId = realm.createUser(email, "Sam", "Person", true);
        for (TestOrganization org : List.of(first, second)) {
            Http.Reply created = org.api("POST", org.ownerToken(), "/administrators", Map.of("email", email,
                    "firstName", "Sam", "lastName", "Person", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
            assertEquals(201, created.status(), created.toString());
            assertEquals(userId, created.json().get("userId").asText());
            assertFalse(created.json().get("confirmationEmailSent").asBoolean());
        }
        String token = realm.accessToken(email);
        assertEquals(200, first.api("GET", token, "/me", null).status());
        assertEquals(200, second.api("GET", token, "/me", null).status());
        assertEquals(0, Mailbox.mailsTo(email).size());
    }

    @Test
    @DisplayName("R-ADMIN-1: bad input is a 4xx with the error shape and creates nothing")
    void badInput() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        assertError(400, "invalid_email", org.api("POST", owner, "/administrators", Map.of("email", "not-an-email",
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))));
        assertError(400, "invalid_firstName", org.api("POST", owner, "/administrators", Map.of("email", org.email("markup"),
                "firstName", "<b>A</b>", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))));
        assertError(400, "unknown_permission_group", org.api("POST", owner, "/administrators", Map.of("email", org.email("nogroup"),
                "firstName", "A", "lastName", "B", "permissionGroups", List.of("No such group"))));
        assertError(400, "invalid_json", org.api("POST", owner, "/administrators", Map.of("email", org.email("status"),
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "status", "SLEEPING")));
        assertError(400, "invalid_json", org.api("POST", owner, "/administrators", "{\"email\": "));
        assertError(400, "unknown_field", org.api("POST", owner, "/administrators", Map.of("email", org.email("field"),
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "owner", true)));
        assertError(404, "administrator_not_found", org.api("GET", owner, "/administrators/no-such-user", null));
        for (String name : List.of("markup", "nogroup", "status", "field")) {
            assertEquals(0, realm.adminGet("/users?email=" + Http.enc(org.email(name)) + "&exact=true").size(), name);
        }
    }

    @Test
    @DisplayName("R-ADMIN-3: the username or email cannot be edited; the error says to deactivate and create a new one")
    void usernameNotEditable() {
        TestOrganization org = TestOrganization.create(realm);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String owner = org.ownerToken();
        for (String field : List.of("email", "username")) {
            Http.Reply refused = org.api("PUT", owner, "/administrators/" + cashier, Map.of(field, org.email("renamed"), "firstName", "Changed"));
            assertError(400, field + "_not_editable", refused);
            String message = refused.json().get("message").asText();
            assertTrue(message.contains("Deactivate") && message.contains("create a new one"), message);
        }
        JsonNode unchanged = org.administrator(owner, cashier);
        assertEquals(org.email("cashier"), unchanged.get("username").asText());
        assertEquals("Cashier", unchanged.get("firstName").asText(), "a refused request changes nothing");
        // Sending the same address back (a whole record) is fine.
        Http.Reply same = org.api("PUT", owner, "/administrators/" + cashier, Map.of("email", org.email("cashier"), "firstName", "Cassie"));
        assertEquals(200, same.status(), same.toString());
        assertEquals("Cassie", same.json().get("firstName").asText());
    }

    @Test
    @DisplayName("R-ADMIN-4: an inactive administrator keeps groups and PIN settings, has no permissions; administrators are never deleted")
    void inactiveKeepsEverything() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String cashier = org.addAdministrator("cashier", List.of(TestOrganization.FRONT_STAFF), Map.of("pinMode", "PIN"));
        Http.Reply off = org.api("PUT", owner, "/administrators/" + cashier, Map.of("status", "INACTIVE"));
        assertEquals(200, off.status(), off.toString());
        assertEquals("INACTIVE", off.json().get("status").asText());
        assertEquals(List.of(TestOrganization.FRONT_STAFF), texts(off.json().get("permissionGroups")));
        assertEquals("PIN", off.json().get("pinMode").asText());
        assertEquals(0, off.json().get("permissions").size());
        assertEquals(403, org.api("GET", realm.accessToken(org.email("cashier")), "/me", null).status());

        Http.Reply delete = org.api("DELETE", owner, "/administrators/" + cashier, null);
        assertError(405, "administrators_are_not_deleted", delete);
        assertTrue(delete.json().get("message").asText().contains("INACTIVE"));
        assertEquals(cashier, org.administrator(owner, cashier).get("userId").asText());

        Http.Reply on = org.api("PUT", owner, "/administrators/" + cashier, Map.of("status", "ACTIVE"));
        assertEquals(List.of("pos:sell"), texts(on.json().get("permissions")));
        assertEquals("PIN", on.json().get("pinMode").asText());
    }

    @Test
    @DisplayName("R-ADMIN-6: every administrator holds at least one permission group, the owner excepted; permissions are the union of the groups")
    void atLeastOneGroup() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        assertError(400, "missing_permissionGroups", org.api("POST", owner, "/administrators", Map.of("email", org.email("nobody"),
                "firstName", "No", "lastName", "Body", "permissionGroups", List.of())));
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT);
        assertEquals(List.of("finance:reports-own", "pos:sell"), texts(org.administrator(owner, cashier).get("permissions")));
        assertError(400, "missing_permissionGroups", org.api("PUT", owner, "/administrators/" + cashier, Map.of("permissionGroups", List.of())));
        Http.Reply fewer = org.api("PUT", owner, "/administrators/" + cashier, Map.of("permissionGroups", List.of(TestOrganization.ACCOUNTANT)));
        assertEquals(200, fewer.status(), fewer.toString());
        assertEquals(List.of("finance:reports-own"), texts(fewer.json().get("permissions")));
        JsonNode me = org.api("GET", owner, "/me", null).json();
        assertEquals(0, me.get("permissionGroups").size());
        assertTrue(me.get("permissions").size() > 5);
    }

    @Test
    @DisplayName("R-ADMIN-2: the list shows confirmed administrators only, in pages, searchable, filtered by status and group")
    void listPagesSearchFilters() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String anna = org.addAdministrator("anna", TestOrganization.FRONT_STAFF);
        String boris = org.addAdministrator("boris", TestOrganization.ACCOUNTANT);
        String chloe = org.addAdministrator("chloe", List.of(TestOrganization.FRONT_STAFF), Map.of("status", "INACTIVE"));
        String email = org.email("unconfirmed");
        String unconfirmed = org.api("POST", owner, "/administrators", Map.of("email", email, "firstName", "Una",
                "lastName", "Confirmed", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).json().get("userId").asText();

        List<String> all = userIds(org.api("GET", owner, "/administrators", null));
        assertEquals(List.of(org.ownerId, anna, boris, chloe), all);
        assertFalse(all.contains(unconfirmed));
        assertEquals(List.of(org.ownerId, anna), userIds(org.api("GET", owner, "/administrators?first=0&max=2", null)));
        assertEquals(List.of(boris, chloe), userIds(org.api("GET", owner, "/administrators?first=2&max=2", null)));
        assertEquals(List.of(), userIds(org.api("GET", owner, "/administrators?first=10", null)));
        assertEquals(List.of(boris), userIds(org.api("GET", owner, "/administrators?search=BORIS", null)));
        assertEquals(List.of(chloe), userIds(org.api("GET", owner, "/administrators?status=INACTIVE", null)));
        assertEquals(List.of(anna, chloe), userIds(org.api("GET", owner, "/administrators?group=front%20staff", null)));
        assertEquals(List.of(anna), userIds(org.api("GET", owner, "/administrators?group=Front%20staff&status=ACTIVE", null)));
        assertError(400, "invalid_max", org.api("GET", owner, "/administrators?max=0", null));
        assertError(400, "invalid_max", org.api("GET", owner, "/administrators?max=100000", null));
        assertError(400, "invalid_first", org.api("GET", owner, "/administrators?first=-1", null));
        assertError(400, "invalid_first", org.api("GET", owner, "/administrators?first=abc", null));
        assertError(400, "invalid_status", org.api("GET", owner, "/administrators?status=SLEEPING", null));
        assertError(400, "unknown_permission_group", org.api("GET", owner, "/administrators?group=Nope", null));
    }

    @Test
    @DisplayName("R-AUTHZ-2: managing administrators needs org-settings:administrators; the owner may")
    void managingNeedsPermission() {
        TestOrganization org = TestOrganization.create(realm);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String colleague = org.addAdministrator("colleague", TestOrganization.FRONT_STAFF);
        String manager = org.addAdministrator("manager", TestOrganization.MANAGERS);
        String cashierToken = realm.accessToken(org.email("cashier"));
        assertError(403, "missing_permission", org.api("GET", cashierToken, "/administrators", null));
        assertError(403, "missing_permission", org.api("GET", cashierToken, "/administrators/" + colleague, null));
        assertError(403, "missing_permission", org.api("POST", cashierToken, "/administrators", Map.of("email", org.email("x"),
                "firstName", "X", "lastName", "Y", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))));
        assertError(403, "missing_permission", org.api("PUT", cashierToken, "/administrators/" + colleague, Map.of("status", "INACTIVE")));
        assertError(403, "missing_permission", org.api("PUT", cashierToken, "/administrators/" + colleague, Map.of("pinMode", "PIN")));
        assertEquals(200, org.api("GET", cashierToken, "/administrators/" + cashier, null).status(), "oneself is readable");

        String managerToken = realm.accessToken(org.email("manager"));
        Http.Reply off = org.api("PUT", managerToken, "/administrators/" + colleague, Map.of("status", "INACTIVE"));
        assertEquals(200, off.status(), off.toString());
        Http.Reply on = org.api("PUT", managerToken, "/administrators/" + colleague, Map.of("status", "ACTIVE"));
        assertEquals("ACTIVE", on.json().get("status").asText());
        Http.Reply added = org.api("POST", managerToken, "/administrators", Map.of("email", org.email("hire"),
                "firstName", "Hugo", "lastName", "Hire", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, added.status(), added.toString());
        assertNotEquals(manager, added.json().get("userId").asText());
    }

    @Test
    @DisplayName("R-AUTHZ-3: nobody changes their own status or permission groups; own name and PIN settings are fine")
    void notOneself() {
        TestOrganization org = TestOrganization.create(realm);
        String manager = org.addAdministrator("manager", TestOrganization.MANAGERS);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String managerToken = realm.accessToken(org.email("manager"));
        assertError(403, "self_change_forbidden", org.api("PUT", managerToken, "/administrators/" + manager, Map.of("status", "INACTIVE")));
        assertError(403, "self_change_forbidden", org.api("PUT", managerToken, "/administrators/" + manager,
                Map.of("permissionGroups", List.of(TestOrganization.MANAGERS, TestOrganization.FRONT_STAFF))));
        // Unchanged values are not a change.
        assertEquals(200, org.api("PUT", managerToken, "/administrators/" + manager, Map.of("status", "ACTIVE",
                "permissionGroups", List.of(TestOrganization.MANAGERS))).status());

        String cashierToken = realm.accessToken(org.email("cashier"));
        Http.Reply renamed = org.api("PUT", cashierToken, "/administrators/" + cashier, Map.of("firstName", "Carla", "lastName", "Cash"));
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals("Carla", realm.adminGet("/users/" + cashier).get("firstName").asText());
        Http.Reply pin = org.api("PUT", cashierToken, "/administrators/" + cashier, Map.of("pinMode", "PIN"));
        assertEquals(200, pin.status(), pin.toString());
        assertTrue(pin.json().get("pin").asText().matches("\\d{6}"), pin.body());
        assertEquals("ACTIVE", org.administrator(org.ownerToken(), manager).get("status").asText());
    }

    @Test
    @DisplayName("R-AUTHZ-4: no escalation: no granting groups with permissions one lacks, no managing administrators who hold more")
    void noEscalation() {
        TestOrganization org = TestOrganization.create(realm);
        org.addAdministrator("manager", TestOrganization.MANAGERS);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String accountant = org.addAdministrator("accountant", TestOrganization.ACCOUNTANT);
        String sleeper = org.addAdministrator("sleeper", List.of(TestOrganization.ACCOUNTANT), Map.of("status", "INACTIVE"));
        String token = realm.accessToken(org.email("manager"));

        Http.Reply grant = org.api("POST", token, "/administrators", Map.of("email", org.email("new"), "firstName", "N",
                "lastName", "W", "permissionGroups", List.of(TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT)));
        assertError(403, "escalation", grant);
        assertTrue(grant.json().get("message").asText().contains("finance:reports-own"));
        assertError(403, "escalation", org.api("PUT", token, "/administrators/" + cashier,
                Map.of("permissionGroups", List.of(TestOrganization.ACCOUNTANT))));
        assertError(403, "escalation", org.api("PUT", token, "/administrators/" + accountant, Map.of("status", "INACTIVE")));
        assertError(403, "escalation", org.api("PUT", token, "/administrators/" + accountant, Map.of("firstName", "Renamed")));
        assertError(403, "escalation", org.api("PUT", token, "/administrators/" + sleeper, Map.of("status", "ACTIVE")));
        assertEquals(List.of(TestOrganization.FRONT_STAFF), texts(org.administrator(org.ownerToken(), cashier).get("permissionGroups")));
        assertEquals("INACTIVE", org.administrator(org.ownerToken(), sleeper).get("status").asText());
        // Within one's own permissions it works.
        assertEquals(200, org.api("PUT", token, "/administrators/" + cashier,
                Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF, TestOrganization.MANAGERS))).status());
    }

    @Test
    @DisplayName("R-OWNER-3: the owner's record changes only in name and PIN settings; nobody deactivates it, itself included")
    void ownerProtected() {
        TestOrganization org = TestOrganization.create(realm);
        org.addAdministrator("deputy", TestOrganization.EVERYTHING);
        String owner = org.ownerToken();
        String deputy = realm.accessToken(org.email("deputy"));
        for (String token : List.of(owner, deputy)) {
            assertError(403, "owner_protected", org.api("PUT", token, "/administrators/" + org.ownerId, Map.of("status", "INACTIVE")));
            assertError(403, "owner_protected", org.api("PUT", token, "/administrators/" + org.ownerId,
                    Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF))));
        }
        Http.Reply renamed = org.api("PUT", owner, "/administrators/" + org.ownerId, Map.of("firstName", "Olivia"));
        assertEquals(200, renamed.status(), renamed.toString());
        Http.Reply pin = org.api("PUT", owner, "/administrators/" + org.ownerId, Map.of("pinMode", "PIN"));
        assertEquals(200, pin.status(), pin.toString());
        assertTrue(pin.json().hasNonNull("pin"));
        JsonNode record = org.administrator(owner, org.ownerId);
        assertEquals("ACTIVE", record.get("status").asText());
        assertTrue(record.get("owner").asBoolean());
        assertEquals(0, record.get("permissionGroups").size());
        assertEquals(405, org.api("DELETE", deputy, "/administrators/" + org.ownerId, null).status());
    }
}

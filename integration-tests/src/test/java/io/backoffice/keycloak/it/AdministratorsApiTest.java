package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static io.backoffice.keycloak.it.TestOrganization.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

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

    /** The create answer's fields: the request as understood, nothing about the person (R-ADMIN-1). */
    private static final List<String> ENROLMENT_FIELDS = List.of("email", "firstName", "lastName", "permissionGroups", "status", "pinMode");

    private static List<String> fields(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> invitedEmails(TestOrganization org) {
        Http.Reply list = org.api("GET", org.ownerToken(), "/administrators/invitations", null);
        assertEquals(200, list.status(), list.toString());
        List<String> emails = new ArrayList<>();
        list.json().forEach(i -> emails.add(i.get("email").asText()));
        return emails;
    }

    @Test
    @DisplayName("R-ADMIN-1, R-ADMIN-2, R-ADMIN-8: a new person gets one mail naming the organization that verifies the address and sets the password; pending until then; creating again resends")
    void createSendsOnboarding() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String email = org.email("newcomer");
        Http.Reply created = org.api("POST", owner, "/administrators", Map.of("email", email, "firstName", "Nina",
                "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "status", "ACTIVE", "pinMode", "PIN"));
        assertEquals(202, created.status(), created.toString());
        assertEquals(ENROLMENT_FIELDS, fields(created.json()), "no id, no names of anybody, no PIN, no oracle: " + created.body());
        assertEquals(email, created.json().get("email").asText());
        assertEquals(List.of(TestOrganization.FRONT_STAFF), texts(created.json().get("permissionGroups")));
        assertTrue(created.raw().headers().firstValue("Location").isEmpty(), "no Location naming a record");

        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(email, 1);
        assertEquals(1, mails.size(), "one onboarding message");
        assertEquals("Your administrator access to Centre " + org.alias, mails.get(0).subject());
        assertTrue(mails.get(0).body().contains("confirm your email address and choose your password"), mails.get(0).body());
        assertTrue(Mailbox.actionLink(mails.get(0)).contains("/realms/" + realm.name() + "/login-actions/action-token?key="), mails.get(0).body());
        String userId = org.userIdOf(email);
        JsonNode user = realm.adminGet("/users/" + userId);
        assertEquals(email, user.get("username").asText());
        assertEquals("Nina", user.get("firstName").asText());
        assertTrue(texts(user.get("requiredActions")).containsAll(List.of("VERIFY_EMAIL", "UPDATE_PASSWORD")), user.toString());

        assertFalse(userIds(org.api("GET", owner, "/administrators", null)).contains(userId));
        assertEquals(List.of(email), invitedEmails(org));

        // Created again while unconfirmed: the resend. The same user and record, the requested groups, a new mail.
        Http.Reply again = org.api("POST", owner, "/administrators", Map.of("email", email.toUpperCase(), "firstName", "Nina",
                "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.ACCOUNTANT), "pinMode", "SHARED"));
        assertEquals(202, again.status(), again.toString());
        assertEquals(2, Mailbox.awaitMailsTo(email, 2).size(), "the link went out again");
        assertEquals(1, realm.adminGet("/users?email=" + Http.enc(email) + "&exact=true").size());

        // The person opens the latest link: Keycloak confirms the address (then asks for a password).
        String page = Mailbox.clickActionLink(Mailbox.mailsTo(email).get(1));
        assertTrue(page.contains("password"), page);
        assertTrue(realm.adminGet("/users/" + userId).get("emailVerified").asBoolean(), page);
        assertTrue(userIds(org.api("GET", owner, "/administrators", null)).contains(userId));
        assertEquals(List.of(TestOrganization.ACCOUNTANT), texts(org.administrator(owner, userId).get("permissionGroups")));
        assertEquals("SHARED", org.administrator(owner, userId).get("pinMode").asText(), "the resend's settings");
        assertEquals(List.of(), invitedEmails(org));
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", email,
                "firstName", "Nina", "lastName", "Newcomer", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 409, "administrator_exists");
        assertEquals(2, Mailbox.mailsTo(email).size());
    }

    @Test
    @DisplayName("R-ADMIN-1: an existing person is invited with the same answer as a new email; pending, unlisted and powerless until they accept; then one login for both organizations")
    void existingPersonIsInvited() {
        TestOrganization first = TestOrganization.create(realm);
        TestOrganization second = TestOrganization.create(realm);
        String userId = second.addAdministrator("shared-person", TestOrganization.FRONT_STAFF);
        String email = second.email("shared-person");
        Http.Reply fresh = first.api("POST", first.ownerToken(), "/administrators", Map.of("email", first.email("someone-new"),
                "firstName", "Typed", "lastName", "Name", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        Http.Reply invited = first.api("POST", first.ownerToken(), "/administrators", Map.of("email", email,
                "firstName", "Typed", "lastName", "Name", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(fresh.status(), invited.status(), invited.toString());
        assertEquals(fields(fresh.json()), fields(invited.json()));
        assertEquals("Typed", invited.json().get("firstName").asText(), "what was typed, never the person's names");
        assertFalse(invited.body().contains("Shared-person") || invited.body().contains(userId), invited.body());

        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(email, 1);
        assertEquals(1, mails.size());
        assertEquals("Invitation to join the Centre " + first.alias + " organization", mails.get(0).subject());
        String token = realm.accessToken(email);
        assertEquals(403, first.api("GET", token, "/me", null).status(), "an invitation grants nothing");
        assertFalse(userIds(first.api("GET", first.ownerToken(), "/administrators", null)).contains(userId));
        assertEquals(404, first.api("GET", first.ownerToken(), "/administrators/" + userId, null).status());
        assertTrue(invitedEmails(first).contains(email));
        assertFalse(realm.adminGet("/organizations/" + first.id + "/members").toString().contains(userId));
        assertEquals("Shared-person", realm.adminGet("/users/" + userId).get("firstName").asText());

        // One click on the link (the confirmation page, then the join) makes them an administrator.
        Mailbox.clickActionLink(mails.get(0));
        assertEquals(200, first.api("GET", realm.accessToken(email), "/me", null).status());
        assertEquals(200, second.api("GET", realm.accessToken(email), "/me", null).status());
        assertEquals(List.of(TestOrganization.FRONT_STAFF), texts(first.administrator(first.ownerToken(), userId).get("permissionGroups")));
        assertFalse(invitedEmails(first).contains(email));
        assertEquals("Shared-person", realm.adminGet("/users/" + userId).get("firstName").asText());
    }

    @Test
    @DisplayName("R-ADMIN-1: a person is matched by email only: a user whose username is the typed address gets nothing")
    void neverMatchedByUsername() {
        TestOrganization org = TestOrganization.create(realm);
        String lookalike = org.email("lookalike");
        String realAddress = org.email("real-address");
        String userId = realm.admin("POST", "/users", Map.of("username", lookalike, "email", realAddress, "firstName", "Lou",
                "lastName", "Kalike", "enabled", true, "emailVerified", true)).createdId();
        Http.Reply reply = org.api("POST", org.ownerToken(), "/administrators", Map.of("email", lookalike,
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(202, reply.status(), reply.toString());
        assertEquals(ENROLMENT_FIELDS, fields(reply.json()));
        assertEquals(0, Mailbox.mailsTo(realAddress).size());
        assertEquals(0, Mailbox.mailsTo(lookalike).size());
        assertEquals(404, org.api("GET", org.ownerToken(), "/administrators/" + userId, null).status());
        assertFalse(realm.adminGet("/organizations/" + org.id + "/members").toString().contains(userId));
    }

    @Test
    @DisplayName("R-ADMIN-1, R-PIN-1, R-ADMIN-7: organization A enrolling B's owner or B's shared account changes nothing for B, leaks nothing, stays pending; A cannot rename B's people")
    void crossTenant() {
        TestOrganization a = TestOrganization.create(realm);
        TestOrganization b = TestOrganization.create(realm);
        String desk = b.addAdministrator("desk", List.of(TestOrganization.FRONT_STAFF), Map.of("pinMode", "SHARED"));
        String aOwner = a.ownerToken();
        JsonNode bOwnerBefore = b.administrator(b.ownerToken(), b.ownerId);
        JsonNode deskBefore = b.administrator(b.ownerToken(), desk);

        for (Map.Entry<String, String> person : Map.of(b.ownerEmail, "NONE", b.email("desk"), "SHARED").entrySet()) {
            Http.Reply reply = a.api("POST", aOwner, "/administrators", Map.of("email", person.getKey(), "firstName", "Taken",
                    "lastName", "Over", "permissionGroups", List.of(TestOrganization.EVERYTHING), "pinMode", person.getValue()));
            assertEquals(202, reply.status(), reply.toString());
            assertEquals(ENROLMENT_FIELDS, fields(reply.json()));
            assertEquals("Taken", reply.json().get("firstName").asText());
        }
        assertEquals(java.util.Set.of(b.ownerEmail, b.email("desk")), java.util.Set.copyOf(invitedEmails(a)));
        assertEquals(List.of(a.ownerId), userIds(a.api("GET", aOwner, "/administrators", null)));
        assertEquals(bOwnerBefore, b.administrator(b.ownerToken(), b.ownerId), "B's owner unchanged");
        assertEquals(deskBefore, b.administrator(b.ownerToken(), desk), "B's shared account unchanged");
        assertEquals(403, a.api("GET", b.ownerToken(), "/me", null).status());

        // A cannot rename B's people: unknown in A.
        assertProblem(a.api("PUT", aOwner, "/administrators/" + b.ownerId, Map.of("firstName", "Renamed")), 404, "administrator_not_found");
        // B's shared account cannot join A, even by opening the invitation (R-PIN-1): nothing changes.
        Mailbox.Mail invitation = Mailbox.awaitMailsTo(b.email("desk"), 1).get(0);
        AssertionError refused = assertThrows(AssertionError.class, () -> Mailbox.clickActionLink(invitation));
        assertTrue(refused.getMessage().contains("shared_account_of_another_organization"), refused.getMessage());
        assertEquals(404, a.api("GET", aOwner, "/administrators/" + desk, null).status());
        assertFalse(realm.adminGet("/organizations/" + a.id + "/members").toString().contains(desk));
        assertEquals(deskBefore, b.administrator(b.ownerToken(), desk));
    }

    @Test
    @DisplayName("R-ADMIN-7: names are edited only for a person whose only organization is this one; otherwise a clear refusal")
    void namesBelongToThePerson() {
        TestOrganization a = TestOrganization.create(realm);
        TestOrganization b = TestOrganization.create(realm);
        String onlyHere = a.addAdministrator("only-here", TestOrganization.FRONT_STAFF);
        String both = a.addAdministrator("both", TestOrganization.FRONT_STAFF);
        assertEquals(201, realm.backofficeAdmin("POST", "/organizations/" + b.id + "/administrators",
                Map.of("userId", both, "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        String owner = a.ownerToken();
        assertEquals(200, a.api("PUT", owner, "/administrators/" + onlyHere, Map.of("firstName", "Renamed")).status());
        Http.Reply refused = a.api("PUT", owner, "/administrators/" + both, Map.of("firstName", "Renamed"));
        assertProblem(refused, 409, "names_belong_to_the_person");
        assertTrue(refused.json().get("message").asText().contains("account console"), refused.body());
        assertEquals("Both", realm.adminGet("/users/" + both).get("firstName").asText());
        // Other fields of that person stay editable; sending the names unchanged is not a change.
        assertEquals(200, a.api("PUT", owner, "/administrators/" + both, Map.of("firstName", "Both", "status", "INACTIVE")).status());
    }

    @Test
    @DisplayName("R-ADMIN-9: the owner or a holder of org-settings:administrators sends Keycloak's reset-password mail; escalation rules as for editing")
    void resetPasswordEmail() {
        TestOrganization org = TestOrganization.create(realm);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String accountant = org.addAdministrator("accountant", TestOrganization.ACCOUNTANT);
        org.addAdministrator("manager", TestOrganization.MANAGERS);
        Http.Reply sent = org.api("POST", org.ownerToken(), "/administrators/" + cashier + "/reset-password-email", null);
        assertEquals(204, sent.status(), sent.toString());
        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(org.email("cashier"), 1);
        assertEquals(1, mails.size());
        assertTrue(mails.get(0).body().contains("Update Password"), mails.get(0).body());
        Mailbox.actionLink(mails.get(0));

        String manager = realm.accessToken(org.email("manager"));
        assertEquals(204, org.api("POST", manager, "/administrators/" + cashier + "/reset-password-email", null).status());
        assertProblem(org.api("POST", manager, "/administrators/" + accountant + "/reset-password-email", null), 403, "escalation");
        assertProblem(org.api("POST", realm.accessToken(org.email("cashier")),
                "/administrators/" + accountant + "/reset-password-email", null), 403, "missing_permission");
        assertProblem(org.api("POST", org.ownerToken(), "/administrators/nobody/reset-password-email", null), 404, "administrator_not_found");
        assertEquals(0, Mailbox.mailsTo(org.email("accountant")).size());
    }

    @Test
    @DisplayName("R-ADMIN-8: the realm-admin support path sends a new person the same onboarding mail")
    void supportPathSendsOnboarding() {
        TestOrganization org = TestOrganization.create(realm);
        String email = org.email("supported");
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators", Map.of("email", email,
                "firstName", "Sue", "lastName", "Ported", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, added.status(), added.toString());
        List<Mailbox.Mail> mails = Mailbox.awaitMailsTo(email, 1);
        assertEquals(1, mails.size(), "the onboarding mail");
        assertEquals("Your administrator access to Centre " + org.alias, mails.get(0).subject());
    }

    @Test
    @DisplayName("R-ADMIN-1: concurrent creates of one new email answer 202 or our 409 shape, never Keycloak's, never 5xx; one user")
    void concurrentCreates() throws Exception {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        String email = org.email("racer");
        List<Http.Reply> replies = Concurrently.run(8, i -> org.api("POST", owner, "/administrators", Map.of("email", email,
                "firstName", "Ray", "lastName", "Cer", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))));
        for (Http.Reply reply : replies) {
            assertTrue(reply.status() == 202 || reply.status() == 409, reply.toString());
            if (reply.status() == 409) {
                assertEquals(java.util.Set.of("error", "message"), java.util.Set.copyOf(fields(reply.json())), reply.toString());
            }
        }
        assertTrue(replies.stream().anyMatch(r -> r.status() == 202));
        assertEquals(1, realm.adminGet("/users?email=" + Http.enc(email) + "&exact=true").size());
    }

    @Test
    @DisplayName("R-ADMIN-1: bad input is a 4xx with the error shape and creates nothing")
    void badInput() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", "not-an-email",
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 400, "invalid_email");
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", org.email("markup"),
                "firstName", "<b>A</b>", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 400, "invalid_firstName");
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", org.email("nogroup"),
                "firstName", "A", "lastName", "B", "permissionGroups", List.of("No such group"))), 400, "unknown_permission_group");
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", org.email("status"),
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "status", "SLEEPING")), 400, "invalid_json");
        assertProblem(org.api("POST", owner, "/administrators", "{\"email\": "), 400, "invalid_json");
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", org.email("field"),
                "firstName", "A", "lastName", "B", "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "owner", true)), 400, "unknown_field");
        assertProblem(org.api("GET", owner, "/administrators/no-such-user", null), 404, "administrator_not_found");
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
            assertProblem(refused, 400, field + "_not_editable");
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
        assertProblem(delete, 405, "administrators_are_not_deleted");
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
        assertProblem(org.api("POST", owner, "/administrators", Map.of("email", org.email("nobody"),
                "firstName", "No", "lastName", "Body", "permissionGroups", List.of())), 400, "missing_permissionGroups");
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT);
        assertEquals(List.of("finance:reports-own", "pos:sell"), texts(org.administrator(owner, cashier).get("permissions")));
        assertProblem(org.api("PUT", owner, "/administrators/" + cashier, Map.of("permissionGroups", List.of())), 400, "missing_permissionGroups");
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
        assertEquals(202, org.api("POST", owner, "/administrators", Map.of("email", email, "firstName", "Una",
                "lastName", "Confirmed", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        String unconfirmed = org.userIdOf(email);

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
        assertProblem(org.api("GET", owner, "/administrators?max=0", null), 400, "invalid_max");
        assertProblem(org.api("GET", owner, "/administrators?max=100000", null), 400, "invalid_max");
        assertProblem(org.api("GET", owner, "/administrators?first=-1", null), 400, "invalid_first");
        assertProblem(org.api("GET", owner, "/administrators?first=abc", null), 400, "invalid_first");
        assertProblem(org.api("GET", owner, "/administrators?status=SLEEPING", null), 400, "invalid_status");
        assertProblem(org.api("GET", owner, "/administrators?group=Nope", null), 400, "unknown_permission_group");
    }

    @Test
    @DisplayName("R-ADMIN-2: a full page links to the next by cursor (filters kept); following the links lists everyone once, "
            + "in order, each record as it reads alone; a forged cursor or one with an offset is a 400")
    void listPagesByCursor() {
        TestOrganization org = TestOrganization.create(realm);
        String owner = org.ownerToken();
        List<String> expected = new ArrayList<>(List.of(org.ownerId));
        for (String name : List.of("ada", "ben", "cyd", "dee", "eve")) {
            expected.add(org.addAdministrator(name, TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT));
        }
        String ada = expected.get(1);
        assertEquals(200, org.api("PUT", owner, "/administrators/" + ada + "/personal-grants",
                Map.of("permissions", List.of("pos:refund"))).status());

        List<String> walked = new ArrayList<>();
        String next = "/administrators?max=2";
        int pages = 0;
        while (next != null) {
            Http.Reply page = org.api("GET", owner, next, null);
            assertEquals(200, page.status(), page.toString());
            for (JsonNode item : page.json()) {
                walked.add(item.get("userId").asText());
                // a page's rows are built in batches: each must equal the record read on its own
                assertEquals(org.api("GET", owner, "/administrators/" + item.get("userId").asText(), null).json(), item);
            }
            next = page.raw().headers().firstValue("Link")
                    .map(link -> link.substring(link.indexOf("/administrators?"), link.indexOf('>')))
                    .orElse(null);
            if (next != null) {
                assertEquals(2, page.json().size(), "only a full page links onwards");
                assertTrue(page.raw().headers().firstValue("Link").orElseThrow().endsWith("; rel=\"next\""));
                assertTrue(next.contains("max=2") && next.contains("after=") && !next.contains("first="), next);
            }
            pages++;
        }
        assertEquals(expected, walked, "every administrator once, oldest first");
        assertEquals(4, pages, "three full pages, then an empty last one");

        Http.Reply filtered = org.api("GET", owner, "/administrators?max=1&status=ACTIVE&group=Accountant", null);
        String filteredNext = filtered.raw().headers().firstValue("Link").orElseThrow();
        assertTrue(filteredNext.contains("status=ACTIVE") && filteredNext.contains("group=Accountant"), filteredNext);
        assertEquals(List.of(ada), userIds(filtered));
        assertEquals(List.of(expected.get(2)), userIds(org.api("GET", owner,
                filteredNext.substring(filteredNext.indexOf("/administrators?"), filteredNext.indexOf('>')), null)));

        assertProblem(org.api("GET", owner, "/administrators?after=bm90LWEtY3Vyc29y", null), 400, "invalid_after");
        java.util.regex.Matcher cursor = java.util.regex.Pattern.compile("after=([A-Za-z0-9_-]+)").matcher(filteredNext);
        assertTrue(cursor.find(), filteredNext);
        assertProblem(org.api("GET", owner, "/administrators?first=2&after=" + cursor.group(1), null), 400, "invalid_first");
    }

    @Test
    @DisplayName("R-AUTHZ-2: managing administrators needs org-settings:administrators; the owner may")
    void managingNeedsPermission() {
        TestOrganization org = TestOrganization.create(realm);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String colleague = org.addAdministrator("colleague", TestOrganization.FRONT_STAFF);
        String manager = org.addAdministrator("manager", TestOrganization.MANAGERS);
        String cashierToken = realm.accessToken(org.email("cashier"));
        assertProblem(org.api("GET", cashierToken, "/administrators", null), 403, "missing_permission");
        assertProblem(org.api("GET", cashierToken, "/administrators/" + colleague, null), 403, "missing_permission");
        assertProblem(org.api("POST", cashierToken, "/administrators", Map.of("email", org.email("x"),
                "firstName", "X", "lastName", "Y", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 403, "missing_permission");
        assertProblem(org.api("PUT", cashierToken, "/administrators/" + colleague, Map.of("status", "INACTIVE")), 403, "missing_permission");
        assertProblem(org.api("PUT", cashierToken, "/administrators/" + colleague, Map.of("pinMode", "PIN")), 403, "missing_permission");
        assertEquals(200, org.api("GET", cashierToken, "/administrators/" + cashier, null).status(), "oneself is readable");

        String managerToken = realm.accessToken(org.email("manager"));
        Http.Reply off = org.api("PUT", managerToken, "/administrators/" + colleague, Map.of("status", "INACTIVE"));
        assertEquals(200, off.status(), off.toString());
        Http.Reply on = org.api("PUT", managerToken, "/administrators/" + colleague, Map.of("status", "ACTIVE"));
        assertEquals("ACTIVE", on.json().get("status").asText());
        Http.Reply added = org.api("POST", managerToken, "/administrators", Map.of("email", org.email("hire"),
                "firstName", "Hugo", "lastName", "Hire", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(202, added.status(), added.toString());
        assertNotEquals(manager, org.userIdOf(org.email("hire")));
    }

    @Test
    @DisplayName("R-AUTHZ-3: nobody changes their own status or permission groups; own name and PIN settings are fine")
    void notOneself() {
        TestOrganization org = TestOrganization.create(realm);
        String manager = org.addAdministrator("manager", TestOrganization.MANAGERS);
        String cashier = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        String managerToken = realm.accessToken(org.email("manager"));
        assertProblem(org.api("PUT", managerToken, "/administrators/" + manager, Map.of("status", "INACTIVE")), 403, "self_change_forbidden");
        assertProblem(org.api("PUT", managerToken, "/administrators/" + manager,
                Map.of("permissionGroups", List.of(TestOrganization.MANAGERS, TestOrganization.FRONT_STAFF))), 403, "self_change_forbidden");
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
        assertProblem(grant, 403, "escalation");
        assertTrue(grant.json().get("message").asText().contains("finance:reports-own"));
        assertProblem(org.api("PUT", token, "/administrators/" + cashier,
                Map.of("permissionGroups", List.of(TestOrganization.ACCOUNTANT))), 403, "escalation");
        assertProblem(org.api("PUT", token, "/administrators/" + accountant, Map.of("status", "INACTIVE")), 403, "escalation");
        assertProblem(org.api("PUT", token, "/administrators/" + accountant, Map.of("firstName", "Renamed")), 403, "escalation");
        assertProblem(org.api("PUT", token, "/administrators/" + sleeper, Map.of("status", "ACTIVE")), 403, "escalation");
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
            assertProblem(org.api("PUT", token, "/administrators/" + org.ownerId, Map.of("status", "INACTIVE")), 403, "owner_protected");
            assertProblem(org.api("PUT", token, "/administrators/" + org.ownerId,
                    Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 403, "owner_protected");
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

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

import io.backoffice.keycloak.testkit.Http;

/**
 * Integrations (API users) of an organization against the real server: a confidential client with a service
 * account, managed through the organization API, whose client-credentials token carries the organization's claims.
 */
class IntegrationsTest {

    /** Holds org-settings:integrations and pos:sell only. */
    static final String INTEGRATORS = "Integrators";

    static TestRealm realm;
    static TestOrganization org;
    static TestOrganization other;
    static String integratorToken;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("integrations");
        Mailbox.configure(realm);
        org = TestOrganization.create(realm);
        other = TestOrganization.create(realm);
        realm.createPermissionGroup(org.id, INTEGRATORS, List.of("org-settings:integrations", "pos:sell"));
        org.addAdministrator("integrator", INTEGRATORS);
        integratorToken = realm.accessToken(org.email("integrator"));
    }

    private static String id(JsonNode integration) {
        return integration.get("id").asText();
    }

    private static JsonNode read(TestOrganization organization, String token, String integrationId) {
        Http.Reply reply = organization.api("GET", token, "/integrations/" + integrationId, null);
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    private static Http.Reply put(String token, String integrationId, Map<String, Object> changes) {
        return org.api("PUT", token, "/integrations/" + integrationId, changes);
    }

    /** Our refusal, in exactly the shape the OpenAPI document gives it (no other field). */
    private static void assertRefused(Http.Reply reply, int status, String error) {
        assertProblem(reply, status, error);
        assertTrue(OpenApiContractTest.isOurError(reply), reply.toString());
    }

    @Test
    @DisplayName("R-API-1, R-API-2: an integration is created with its secret in that answer only, listed apart from people, and its secret is never readable again")
    void createdWithItsSecretOnce() {
        Http.Reply created = org.api("POST", org.ownerToken(), "/integrations",
                Map.of("name", "Accounting sync", "description", "Nightly export", "permissionGroups", List.of(TestOrganization.ACCOUNTANT)));
        assertEquals(201, created.status(), created.toString());
        assertEquals("no-store", created.raw().headers().firstValue("Cache-Control").orElse(""));
        JsonNode integration = created.json();
        String secret = integration.get("clientSecret").asText();
        assertTrue(secret.length() >= 32, "a generated secret: " + secret);
        assertEquals("Accounting sync", integration.get("name").asText());
        assertEquals("ACTIVE", integration.get("status").asText());
        assertEquals("[\"Accountant\"]", integration.get("permissionGroups").toString());
        assertEquals("[\"finance:reports-own\"]", integration.get("permissions").toString());

        String owner = org.ownerToken();
        Http.Reply list = org.api("GET", owner, "/integrations", null);
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains(id(integration)), list.toString());
        assertFalse(list.body().contains(secret), "the list never shows a secret");
        assertFalse(list.body().contains("clientSecret"), list.toString());
        JsonNode again = read(org, owner, id(integration));
        assertFalse(again.has("clientSecret"), again.toString());
        assertEquals(integration.get("clientId").asText(), again.get("clientId").asText());

        // Apart from people: its service account is neither in the administrators list nor among the pending people.
        String account = integration.get("serviceAccountUserId").asText();
        for (String path : List.of("/administrators?max=200", "/administrators/invitations")) {
            Http.Reply people = org.api("GET", owner, path, null);
            assertEquals(200, people.status(), people.toString());
            assertFalse(people.body().contains(account), path + " lists the integration: " + people);
        }
        assertFalse(realm.backofficeAdmin("GET", "/organizations/" + org.id + "/administrators", null).body().contains(account));

        // Keycloak's client: confidential, service account only (no browser login, no password grant).
        JsonNode client = realm.adminGet("/clients/" + id(integration));
        assertFalse(client.get("publicClient").asBoolean());
        assertTrue(client.get("serviceAccountsEnabled").asBoolean());
        assertFalse(client.get("standardFlowEnabled").asBoolean());
        assertFalse(client.get("directAccessGrantsEnabled").asBoolean());
    }

    @Test
    @DisplayName("R-API-2, R-AUTHZ-1: its client-credentials token carries its organization, groups and flattened permissions, marked as an integration, and the organization API accepts it")
    void clientCredentialsTokenClaims() {
        JsonNode integration = org.createIntegration("Kiosk", TestOrganization.FRONT_STAFF);
        String token = org.integrationToken(integration);
        JsonNode claims = PermissionClaimsMapperTest.payload(token);
        System.out.println("Client-credentials access token of an integration, decoded:\n" + claims.toPrettyString());
        assertEquals(integration.get("clientId").asText(), claims.get("azp").asText());
        JsonNode backoffice = claims.get("backoffice");
        assertEquals(org.id, backoffice.get("organization").get("id").asText());
        assertEquals(org.alias, backoffice.get("organization").get("alias").asText());
        assertTrue(backoffice.get("integration").asBoolean(), backoffice.toString());
        assertFalse(backoffice.get("owner").asBoolean());
        assertEquals("ACTIVE", backoffice.get("status").asText());
        assertEquals("[\"Front staff\"]", backoffice.get("permission_groups").toString());
        assertEquals("[\"pos:sell\"]", backoffice.get("permissions").toString());
        assertFalse(claims.has("act") || claims.has("shared_account"), claims.toString());

        // R-AUTHZ-1: its own client is accepted for it; it reads what any administrator reads, and no more.
        Http.Reply me = org.api("GET", token, "/me", null);
        assertEquals(200, me.status(), me.toString());
        assertEquals(id(integration), me.json().get("id").asText());
        assertFalse(me.body().contains("clientSecret"));
        assertEquals(200, org.api("GET", token, "/permission-groups", null).status());
        assertRefused(org.api("GET", token, "/administrators", null), 403, "missing_permission");
        assertRefused(org.api("GET", token, "/integrations", null), 403, "missing_permission");
    }

    @Test
    @DisplayName("R-API-2: a deactivated integration gets no token and its live token is refused (403); reactivated, it works again with the same secret")
    void deactivationAndReactivation() {
        JsonNode integration = org.createIntegration("Till sync", TestOrganization.FRONT_STAFF);
        String live = org.integrationToken(integration);
        assertEquals(200, org.api("GET", live, "/me", null).status());

        Http.Reply deactivated = put(integratorToken, id(integration), Map.of("status", "INACTIVE"));
        assertEquals(200, deactivated.status(), deactivated.toString());
        assertEquals("INACTIVE", deactivated.json().get("status").asText());
        assertEquals("[]", deactivated.json().get("permissions").toString(), "an inactive integration holds nothing");

        Http.Reply noToken = realm.clientCredentials(integration.get("clientId").asText(), integration.get("clientSecret").asText());
        assertEquals(4, noToken.status() / 100, "refused at the token endpoint: " + noToken);
        assertEquals("unauthorized_client", noToken.json().path("error").asText(), noToken.toString());
        assertRefused(org.api("GET", live, "/me", null), 403, "integration_inactive");
        assertRefused(org.api("GET", live, "/permission-groups", null), 403, "integration_inactive");

        Http.Reply reactivated = put(integratorToken, id(integration), Map.of("status", "ACTIVE"));
        assertEquals(200, reactivated.status(), reactivated.toString());
        assertEquals("[\"pos:sell\"]", reactivated.json().get("permissions").toString());
        String fresh = org.integrationToken(integration);
        assertEquals(200, org.api("GET", fresh, "/me", null).status());
        assertEquals(200, org.api("GET", live, "/me", null).status(), "the live token is accepted again");
    }

    @Test
    @DisplayName("R-API-2: rotating the secret shows the new one once; the old one stops working at once")
    void rotation() {
        JsonNode integration = org.createIntegration("Rotated", TestOrganization.FRONT_STAFF);
        Http.Reply rotated = org.api("POST", integratorToken, "/integrations/" + id(integration) + "/rotate-secret", null);
        assertEquals(200, rotated.status(), rotated.toString());
        assertEquals("no-store", rotated.raw().headers().firstValue("Cache-Control").orElse(""));
        String newSecret = rotated.json().get("clientSecret").asText();
        String oldSecret = integration.get("clientSecret").asText();
        assertFalse(newSecret.equals(oldSecret));

        Http.Reply old = realm.clientCredentials(integration.get("clientId").asText(), oldSecret);
        assertEquals(401, old.status(), old.toString());
        assertEquals(200, realm.clientCredentials(integration.get("clientId").asText(), newSecret).status());
        JsonNode again = read(org, org.ownerToken(), id(integration));
        assertFalse(again.toString().contains(newSecret), again.toString());
    }

    @Test
    @DisplayName("R-API-3, R-AUTHZ-1: an integration of one organization never reads or writes another; the other's administrators cannot touch it (404, as an unknown id)")
    void oneOrganizationOnly() {
        JsonNode mine = org.createIntegration("Everything sync", TestOrganization.EVERYTHING);
        String token = org.integrationToken(mine);
        JsonNode theirs = other.createIntegration("Their sync", TestOrganization.FRONT_STAFF);

        for (String path : List.of("/me", "/administrators", "/permission-groups", "/integrations", "/integrations/" + id(theirs))) {
            assertRefused(other.api("GET", token, path, null), 403, "not_an_administrator");
        }
        assertRefused(other.api("POST", token, "/integrations", Map.of("name", "Intruder", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))),
                403, "not_an_administrator");
        assertRefused(other.api("PUT", token, "/integrations/" + id(theirs), Map.of("status", "INACTIVE")), 403, "not_an_administrator");

        // Through its own organization's path, the other's integration does not exist.
        String ownerB = other.ownerToken();
        assertRefused(org.api("GET", token, "/integrations/" + id(theirs), null), 404, "integration_not_found");
        assertRefused(org.api("PUT", token, "/integrations/" + id(theirs), Map.of("status", "INACTIVE")), 404, "integration_not_found");
        assertRefused(other.api("GET", ownerB, "/integrations/" + id(mine), null), 404, "integration_not_found");
        assertRefused(other.api("PUT", ownerB, "/integrations/" + id(mine), Map.of("status", "INACTIVE")), 404, "integration_not_found");
        assertRefused(other.api("POST", ownerB, "/integrations/" + id(mine) + "/rotate-secret", null), 404, "integration_not_found");
        assertRefused(other.api("GET", ownerB, "/integrations/no-such-id", null), 404, "integration_not_found");
        assertEquals("ACTIVE", read(org, org.ownerToken(), id(mine)).get("status").asText());
        assertEquals("ACTIVE", read(other, ownerB, id(theirs)).get("status").asText());
    }

    @Test
    @DisplayName("R-API-1, R-AUTHZ-2, R-AUTHZ-4: org-settings:integrations or the owner manages integrations, only with groups whose permissions the caller holds, and never one holding more")
    void escalation() {
        org.addAdministrator("im-manager", TestOrganization.MANAGERS);
        String manager = realm.accessToken(org.email("im-manager"));
        assertRefused(org.api("GET", manager, "/integrations", null), 403, "missing_permission");
        assertRefused(org.api("POST", manager, "/integrations",
                Map.of("name", "Nope", "permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 403, "missing_permission");

        Http.Reply allowed = org.api("POST", integratorToken, "/integrations", Map.of("name", "Front", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, allowed.status(), allowed.toString());
        JsonNode strong = org.createIntegration("Strong", TestOrganization.ACCOUNTANT);
        String before = org.api("GET", org.ownerToken(), "/integrations?max=200", null).body();
        assertRefused(org.api("POST", integratorToken, "/integrations", Map.of("name", "Too much", "permissionGroups", List.of(TestOrganization.EVERYTHING))),
                403, "escalation");
        assertRefused(put(integratorToken, id(allowed.json()), Map.of("permissionGroups", List.of(TestOrganization.ACCOUNTANT))), 403, "escalation");
        assertRefused(put(integratorToken, id(strong), Map.of("status", "INACTIVE")), 403, "escalation");
        assertRefused(org.api("POST", integratorToken, "/integrations/" + id(strong) + "/rotate-secret", null), 403, "escalation");
        assertEquals(before, org.api("GET", org.ownerToken(), "/integrations?max=200", null).body(), "refused requests change nothing");
        assertEquals(200, realm.clientCredentials(strong.get("clientId").asText(), strong.get("clientSecret").asText()).status(),
                "the secret did not rotate");
        // The owner may do everything.
        assertEquals(200, put(org.ownerToken(), id(strong), Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF, TestOrganization.ACCOUNTANT))).status());
    }

    @Test
    @DisplayName("R-API-1, R-AUTHZ-3: an integration is never an owner, an administrator, a shared account or a PIN holder, and never changes its own status or groups")
    void neverAPerson() {
        JsonNode integration = org.createIntegration("Self-managing", TestOrganization.EVERYTHING);
        String account = integration.get("serviceAccountUserId").asText();
        assertRefused(realm.backofficeAdmin("POST", "/organizations/" + other.id + "/owner", Map.of("userId", account)), 409, "owner_exists");
        String ownerless = realm.createOrganization("Ownerless " + org.alias, "ownerless-" + org.alias);
        assertRefused(realm.backofficeAdmin("POST", "/organizations/" + ownerless + "/owner", Map.of("userId", account)),
                409, "service_account_not_a_person");
        assertRefused(realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators",
                Map.of("userId", account, "permissionGroups", List.of(TestOrganization.FRONT_STAFF))), 409, "service_account_not_a_person");
        assertRefused(realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/owner",
                Map.of("userId", account, "previousOwnerPermissionGroups", List.of(TestOrganization.FRONT_STAFF))), 400, "not_an_administrator");
        String owner = org.ownerToken();
        assertRefused(org.api("PUT", owner, "/administrators/" + account, Map.of("pinMode", "SHARED")), 404, "administrator_not_found");
        assertRefused(org.api("POST", owner, "/administrators/" + account + "/regenerate-pin", null), 404, "administrator_not_found");
        assertRefused(realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/administrators/" + account + "/pin-settings",
                Map.of("pinMode", "PIN")), 404, "administrator_not_found");

        // Holding every permission an administrator may hold, it still does not change itself.
        String token = org.integrationToken(integration);
        assertRefused(org.api("PUT", token, "/integrations/" + id(integration), Map.of("status", "INACTIVE")), 403, "self_change_forbidden");
        assertRefused(org.api("PUT", token, "/integrations/" + id(integration), Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF))),
                403, "self_change_forbidden");
        Http.Reply me = org.api("GET", token, "/me", null);
        assertEquals("[\"Everything\"]", me.json().get("permissionGroups").toString());
        assertFalse(me.json().get("permissions").toString().contains("\"owner"), me.toString());
    }

    @Test
    @DisplayName("R-API-3, R-API-2: admin events name the integration when it acts, and never carry a secret")
    void eventsNameTheIntegration() {
        JsonNode integration = org.createIntegration("Provisioning", TestOrganization.MANAGERS);
        String token = org.integrationToken(integration);
        Http.Reply invited = org.api("POST", token, "/administrators", Map.of("email", org.email("provisioned"), "firstName", "Pro",
                "lastName", "Visioned", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(202, invited.status(), invited.toString());
        Http.Reply rotated = org.api("POST", org.ownerToken(), "/integrations/" + id(integration) + "/rotate-secret", null);
        List<String> secrets = List.of(integration.get("clientSecret").asText(), rotated.json().get("clientSecret").asText());

        List<JsonNode> events = new ArrayList<>();
        realm.adminGet("/admin-events?max=1000").forEach(e -> {
            if (e.path("resourceType").asText().startsWith("BACKOFFICE_") && org.id.equals(e.path("details").path("organization_id").asText())) {
                events.add(e);
            }
        });
        JsonNode byIntegration = events.stream().filter(e -> e.get("resourceType").asText().equals("BACKOFFICE_ADMINISTRATOR")
                && e.get("details").path("administrator_username").asText().equals(org.email("provisioned"))).findFirst().orElseThrow();
        JsonNode details = byIntegration.get("details");
        assertEquals(id(integration), details.get("actor_integration_id").asText(), details.toString());
        assertEquals(integration.get("clientId").asText(), details.get("actor_integration_client_id").asText());
        assertEquals(integration.get("serviceAccountUserId").asText(), details.get("actor_user_id").asText());
        assertEquals(integration.get("serviceAccountUserId").asText(), byIntegration.get("authDetails").get("userId").asText());

        List<String> integrationEvents = events.stream().filter(e -> e.get("resourceType").asText().equals("BACKOFFICE_INTEGRATION")
                && e.get("details").path("integration_id").asText().equals(id(integration))).map(e -> e.get("operationType").asText()).toList();
        assertEquals(List.of("ACTION", "CREATE"), integrationEvents.stream().sorted().toList(), integrationEvents.toString());
        for (JsonNode event : events) {
            for (String secret : secrets) {
                assertFalse(event.toString().contains(secret), "secret in an event: " + event);
            }
        }
    }

    @Test
    @DisplayName("R-GROUP-3, R-API-1: a permission group an integration holds cannot be deleted; the error counts it")
    void heldGroupsStay() {
        String groupId = realm.createPermissionGroup(org.id, "Sync only", List.of("pos:sell"));
        JsonNode integration = org.createIntegration("Group holder", "Sync only");
        Http.Reply refused = org.api("DELETE", org.ownerToken(), "/permission-groups/" + groupId, null);
        assertRefused(refused, 409, "permission_group_in_use");
        assertTrue(refused.json().get("message").asText().contains("1 integration"), refused.toString());
        assertEquals(200, put(org.ownerToken(), id(integration), Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF))).status());
        assertEquals(204, org.api("DELETE", org.ownerToken(), "/permission-groups/" + groupId, null).status());
    }

    @Test
    @DisplayName("R-DATA-1, R-API-1: removing an organization removes its integrations' clients and service accounts")
    void organizationRemoval() {
        TestOrganization doomed = TestOrganization.create(realm);
        JsonNode integration = doomed.createIntegration("Doomed sync", TestOrganization.FRONT_STAFF);
        JsonNode kept = org.createIntegration("Kept sync", TestOrganization.FRONT_STAFF);
        String account = integration.get("serviceAccountUserId").asText();
        assertEquals(200, realm.admin("GET", "/clients/" + id(integration), null).status());

        assertEquals(204, realm.admin("DELETE", "/organizations/" + doomed.id, null).status());

        assertEquals(404, realm.admin("GET", "/clients/" + id(integration), null).status());
        assertEquals(404, realm.admin("GET", "/users/" + account, null).status());
        assertEquals(401, realm.clientCredentials(integration.get("clientId").asText(), integration.get("clientSecret").asText()).status());
        assertEquals(200, realm.admin("GET", "/clients/" + id(kept), null).status());
        assertEquals(200, org.api("GET", org.integrationToken(kept), "/me", null).status());
    }
}

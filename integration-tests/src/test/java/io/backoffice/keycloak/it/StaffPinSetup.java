package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.backoffice.keycloak.testkit.Http;

/** Organizations, shared accounts and PIN holders for the PIN step's tests, through the realm-admin support API. */
final class StaffPinSetup {

    static final String FLOW = "browser with staff PIN";
    static final String GROUP = "Front staff";

    record Holder(String userId, String email, String pin) {
    }

    private final TestRealm realm;
    final String organizationId;
    private final String domain;

    StaffPinSetup(TestRealm realm, String name, String alias) {
        this.realm = realm;
        this.domain = alias + ".example";
        this.organizationId = realm.createOrganization(name, alias);
        realm.unlockSharedAccounts(organizationId);
        realm.createPermissionGroup(organizationId, GROUP, List.of("pos:sell"));
        // An owner who already has an account: a new one would be mailed (R-ADMIN-8), and these realms have no SMTP.
        String ownerId = realm.createUser("owner@" + domain, "Olive", "Owner", true);
        Http.Reply owner = realm.backofficeAdmin("POST", "/organizations/" + organizationId + "/owner", Map.of("userId", ownerId));
        assertEquals(201, owner.status(), owner.toString());
    }

    /** An administrator with a confirmed (or not) email and the given PIN setting; returns the user id. */
    String administrator(String localPart, String firstName, boolean verified) {
        String id = realm.createUser(localPart + "@" + domain, firstName, "Staff", verified);
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + organizationId + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of(GROUP)));
        assertEquals(201, added.status(), added.toString());
        return id;
    }

    String email(String localPart) {
        return localPart + "@" + domain;
    }

    String sharedAccount(String localPart) {
        String id = administrator(localPart, "Front", true);
        share(id);
        return id;
    }

    /** An administrator of the organization becomes a shared account (the support API's PIN settings). */
    void share(String userId) {
        Http.Reply shared = pinSettings(userId, "SHARED");
        assertEquals(200, shared.status(), shared.toString());
    }

    Holder holder(String localPart, String firstName, boolean verified) {
        String id = administrator(localPart, firstName, verified);
        Http.Reply issued = pinSettings(id, "PIN");
        assertEquals(200, issued.status(), issued.toString());
        return new Holder(id, email(localPart), issued.json().get("pin").asText());
    }

    void setStatus(String userId, String status) {
        Http.Reply reply = realm.backofficeAdmin("PUT", "/organizations/" + organizationId + "/administrators/" + userId + "/status",
                Map.of("status", status));
        assertEquals(200, reply.status(), reply.toString());
    }

    private Http.Reply pinSettings(String userId, String mode) {
        return realm.backofficeAdmin("PUT", "/organizations/" + organizationId + "/administrators/" + userId + "/pin-settings",
                Map.of("pinMode", mode));
    }

    /** Sets every Staff PIN execution's configuration in the realm's PIN flow (R-STEP-6). */
    static void configureStep(TestRealm realm, Map<String, String> config) {
        int configured = 0;
        for (JsonNode execution : realm.adminGet("/authentication/flows/" + Http.enc(FLOW).replace("+", "%20") + "/executions")) {
            if ("backoffice-staff-pin".equals(execution.path("providerId").asText())) {
                String configId = execution.get("authenticationConfig").asText();
                ObjectNode current = (ObjectNode) realm.adminGet("/authentication/config/" + configId);
                current.set("config", Http.JSON.valueToTree(config));
                Http.Reply reply = realm.admin("PUT", "/authentication/config/" + configId, current);
                assertEquals(204, reply.status(), reply.toString());
                configured++;
            }
        }
        assertEquals(2, configured, "the login-time and the step-up Staff PIN executions");
    }
}

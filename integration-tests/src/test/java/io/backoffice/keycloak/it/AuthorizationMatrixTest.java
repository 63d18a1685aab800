package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * Every endpoint of the organization API against every kind of caller. The expected statuses are
 * written out below from the SPEC, not read from the implementation:
 * <ul>
 *   <li>R-AUTHZ-1: no or bad token is 401; a token issued to a client not allowed for the API is 403
 *       {@code client_not_allowed}; anybody who is not an active, confirmed administrator of
 *       this organization is 403 (inactive: R-ADMIN-4, unconfirmed: R-ADMIN-2, another organization's
 *       administrator, even its owner).</li>
 *   <li>R-AUTHZ-5: an administrator whose record is intact but who was removed from the organization's
 *       members is 403 {@code not_a_member}.</li>
 *   <li>R-AUTHZ-6: a shared account without a staff PIN (password grant) is 403 {@code pin_required};
 *       after a PIN it is an administrator holding its own groups' permissions.</li>
 *   <li>R-AUTHZ-2: managing administrators needs {@code org-settings:administrators}, managing permission
 *       groups {@code org-settings:manage-permissions}; the owner may do both. Reads of the caller's own
 *       record, the settings, the groups and the catalogue need no permission.</li>
 *   <li>R-AUTHZ-3: nobody changes their own status. R-AUTHZ-4: no granting of what one lacks.</li>
 *   <li>R-OWNER-3: the owner's status never changes, by anyone; its name only by someone holding every
 *       permission it holds (the owner holds all, R-OWNER-2), so in practice the owner.</li>
 *   <li>R-ADMIN-4: administrators are never deleted through the API: 405 for everyone let in; nor are
 *       integrations (R-API-1).</li>
 *   <li>R-API-1: managing integrations needs {@code org-settings:integrations}; the owner may.</li>
 * </ul>
 * Where the SPEC is silent:
 * <ul>
 *   <li><b>Shared account with a PIN</b>: an administrator like any other, holding its own groups'
 *       permissions. R-CLAIM-3 says a shared account's permissions are those of its own groups; the
 *       relying app sees exactly those in the token, so the API grants exactly those too, and the
 *       organization decides by the groups it gives its front-desk login. Here it holds both org-settings
 *       permissions, so it is expected to be treated like "with".</li>
 *   <li><b>PIN length</b> ({@code PUT settings}): it bounds every PIN holder's security (R-PIN-5) and no
 *       permission names it, so only the owner changes it (docs/organization-api.md, "Who may do what");
 *       "with" there is an administrator holding the whole catalogue (group "Everything"), still 403.</li>
 * </ul>
 * <ul>
 *   <li><b>Integration</b> (R-API-1): a caller like an administrator holding its own groups' permissions, here
 *       "Managers" (the "manager" login's); its token comes from the client-credentials grant of its own client,
 *       which the API accepts for it (R-AUTHZ-1). It has no administrator record, so "its own record" under
 *       {@code administrators/{self}} is not found (404).</li>
 * </ul>
 * Writes get fresh targets per cell, so a cell that succeeds does not change what the next one meets.
 */
class AuthorizationMatrixTest {

    enum Who { OWNER, WITH, WITHOUT, INACTIVE, UNCONFIRMED, OTHER_ORG, NOT_MEMBER, OTHER_CLIENT, SHARED_NO_PIN, SHARED_WITH_PIN, INTEGRATION, NO_TOKEN, BAD_TOKEN }

    /** A client of the realm that is not allowed for the organization API (R-AUTHZ-1). */
    static final String THIRD_PARTY_CLIENT = "third-party-app";

    /** What the row's "with"/"without" columns mean: which permission the endpoint needs. */
    enum Need { ANY_ADMINISTRATOR, ADMINISTRATORS, PERMISSION_GROUPS, INTEGRATIONS, OWNER_ONLY }

    record Call(String method, String path, Object body) {
    }

    /** One row: the endpoint, the rules it proves, what the caller needs, and the expected status per column. */
    record Row(String endpoint, String rules, Need need, Function<Who, Call> call, int... expected) {
    }

    static final String GROUP_EDITORS = "Group editors";
    static final String INTEGRATORS = "Integrators";

    static TestRealm realm;
    static TestOrganization org;
    static TestOrganization other;
    static String cashierId;
    static String frontStaffGroupId;
    static String pinHolderPin;
    static JsonNode integration;
    static String otherIntegrationId;
    static final Map<Who, String> userIds = new EnumMap<>(Who.class);
    static final Map<String, String> emails = new java.util.HashMap<>();
    static final Map<String, long[]> tokenTimes = new java.util.HashMap<>();
    static final Map<String, String> tokens = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("authz");
        Mailbox.configure(realm);
        org = TestOrganization.create(realm);
        other = TestOrganization.create(realm);
        realm.createPermissionGroup(org.id, GROUP_EDITORS, List.of("org-settings:manage-permissions", "pos:sell"));
        realm.createPermissionGroup(org.id, INTEGRATORS, List.of("org-settings:integrations", "pos:sell"));
        for (var group : org.api("GET", org.ownerToken(), "/permission-groups", null).json()) {
            if (TestOrganization.FRONT_STAFF.equals(group.get("name").asText())) {
                frontStaffGroupId = group.get("id").asText();
            }
        }
        List<String> bothManagers = List.of(TestOrganization.MANAGERS, GROUP_EDITORS);
        userIds.put(Who.OWNER, org.ownerId);
        cashierId = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        userIds.put(Who.INACTIVE, org.addAdministrator("inactive", bothManagers, Map.of("status", "INACTIVE")));
        String desk = org.addAdministrator("desk", bothManagers, Map.of("pinMode", "SHARED"));
        userIds.put(Who.SHARED_NO_PIN, desk);
        userIds.put(Who.SHARED_WITH_PIN, desk);
        String pinHolder = org.addAdministrator("pinholder", TestOrganization.FRONT_STAFF);
        Http.Reply pin = org.api("PUT", org.ownerToken(), "/administrators/" + pinHolder, Map.of("pinMode", "PIN"));
        assertEquals(200, pin.status(), pin.toString());
        pinHolderPin = pin.json().get("pin").asText();
        // The record stays; only Keycloak's membership goes.
        String removed = org.addAdministrator("removed", bothManagers, Map.of());
        assertEquals(204, realm.admin("DELETE", "/organizations/" + org.id + "/members/" + removed, null).status());
        userIds.put(Who.NOT_MEMBER, removed);
        Http.Reply client = realm.admin("POST", "/clients", Map.of("clientId", THIRD_PARTY_CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true));
        assertEquals(201, client.status(), client.toString());
        // "with"/"without" are picked per row (see caller()); all of them are ordinary administrators.
        org.addAdministrator("manager", TestOrganization.MANAGERS);
        org.addAdministrator("editor", GROUP_EDITORS);
        org.addAdministrator("everything", TestOrganization.EVERYTHING);
        org.addAdministrator("integrator", INTEGRATORS);
        // The integration column: an integration holding what "manager" holds (R-API-1).
        integration = org.createIntegration("Matrix sync", TestOrganization.MANAGERS);
        userIds.put(Who.INTEGRATION, integration.get("serviceAccountUserId").asText());
        otherIntegrationId = org.createIntegration("Other sync", TestOrganization.FRONT_STAFF).get("id").asText();
        userIds.put(Who.UNCONFIRMED, unconfirmedAdministrator("pending", bothManagers));
        userIds.put(Who.OTHER_ORG, other.ownerId);
    }

    private static String unconfirmedAdministrator(String name, List<String> groups) {
        String email = org.email(name);
        String id = realm.createUser(email, "Pat", "Pending", false);
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators",
                Map.of("userId", id, "permissionGroups", groups));
        assertEquals(201, added.status(), added.toString());
        // The person can log in without having confirmed (no pending required action in the way).
        ObjectNode user = (ObjectNode) realm.adminGet("/users/" + id);
        user.putArray("requiredActions");
        assertEquals(204, realm.admin("PUT", "/users/" + id, user).status());
        return id;
    }

    /** The local part of the login behind each column, for a row needing {@code need}. */
    private static String login(Who who, Need need) {
        return switch (who) {
            case OWNER -> "owner";
            case WITH -> switch (need) {
                case ADMINISTRATORS, ANY_ADMINISTRATOR -> "manager";
                case PERMISSION_GROUPS -> "editor";
                case INTEGRATIONS -> "integrator";
                case OWNER_ONLY -> "everything";
            };
            // "Without": holds the other org-settings permission, so only the needed one is missing.
            case WITHOUT -> switch (need) {
                case ADMINISTRATORS -> "editor";
                case PERMISSION_GROUPS, INTEGRATIONS -> "manager";
                case ANY_ADMINISTRATOR, OWNER_ONLY -> "cashier";
            };
            case INACTIVE -> "inactive";
            case UNCONFIRMED -> "pending";
            case NOT_MEMBER -> "removed";
            case OTHER_CLIENT -> "owner";
            case SHARED_NO_PIN, SHARED_WITH_PIN -> "desk";
            case INTEGRATION -> "integration";
            default -> null;
        };
    }

    private static String token(Who who, Need need) {
        if (who == Who.NO_TOKEN) {
            return null;
        }
        if (who == Who.BAD_TOKEN) {
            String good = cachedToken(TestRealm.APP_CLIENT, org.ownerEmail, () -> realm.accessToken(org.ownerEmail));
            return good.substring(0, good.length() - 6) + (good.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
        }
        if (who == Who.OTHER_CLIENT) {
            return cachedToken(THIRD_PARTY_CLIENT, org.ownerEmail, () -> realm.accessToken(THIRD_PARTY_CLIENT, org.ownerEmail));
        }
        if (who == Who.INTEGRATION) {
            return cachedToken("client_credentials", integration.get("clientId").asText(), () -> org.integrationToken(integration));
        }
        if (who == Who.SHARED_WITH_PIN) {
            return cachedToken("pin", org.email("desk"), () -> {
                FormLogin login = realm.formLogin();
                return login.tokens(login.pin(login.password(org.email("desk")), pinHolderPin)).get("access_token").asText();
            });
        }
        String email = who == Who.OTHER_ORG ? other.ownerEmail : org.email(login(who, need));
        return cachedToken(TestRealm.APP_CLIENT, email, () -> realm.accessToken(email));
    }

    /** Tokens live 5 minutes; a minute's reuse keeps the run fast. */
    private static String cachedToken(String how, String email, Supplier<String> login) {
        String key = how + " " + email;
        long[] at = tokenTimes.get(key);
        if (at == null || System.currentTimeMillis() - at[0] > 60_000) {
            tokens.put(key, login.get());
            tokenTimes.put(key, new long[] {System.currentTimeMillis()});
        }
        return tokens.get(key);
    }

    /** The error code a refused column must answer with, where the column is about one reason. */
    static final Map<Who, String> REFUSAL = Map.of(Who.NOT_MEMBER, "not_a_member", Who.OTHER_CLIENT, "client_not_allowed",
            Who.SHARED_NO_PIN, "pin_required");

    /** A fresh "Front staff" administrator (a PIN holder if asked), made by the identity admin: a write target. */
    private static String freshTarget(boolean pinHolder) {
        String name = "t-" + UUID.randomUUID().toString().substring(0, 8);
        String id = realm.createUser(org.email(name), "Tess", "Target", true);
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, added.status(), added.toString());
        if (pinHolder) {
            Http.Reply pin = realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/administrators/" + id + "/pin-settings", Map.of("pinMode", "PIN"));
            assertEquals(200, pin.status(), pin.toString());
        }
        return id;
    }

    /** A fresh "Front staff" integration, made by the owner: a write target. */
    private static String freshIntegration() {
        String owner = cachedToken(TestRealm.APP_CLIENT, org.ownerEmail, () -> realm.accessToken(org.ownerEmail));
        Http.Reply created = org.api("POST", owner, "/integrations", Map.of("name", fresh("Target"), "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, created.status(), created.toString());
        return created.json().get("id").asText();
    }

    private static String freshGroup() {
        return realm.createPermissionGroup(org.id, "G " + UUID.randomUUID().toString().substring(0, 8), List.of("pos:sell"));
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String selfId(Who who) {
        return switch (who) {
            case WITH -> realmUserId(org.email("manager"));
            case WITHOUT -> realmUserId(org.email("editor"));
            case NO_TOKEN, BAD_TOKEN -> org.ownerId;
            default -> userIds.get(who);
        };
    }

    private static String realmUserId(String email) {
        return emails.computeIfAbsent(email, e -> realm.adminGet("/users?exact=true&email=" + Http.enc(e)).get(0).get("id").asText());
    }

    // Columns: OWNER WITH WITHOUT INACTIVE UNCONFIRMED OTHER_ORG NOT_MEMBER OTHER_CLIENT SHARED_NO_PIN SHARED_WITH_PIN NO_TOKEN BAD_TOKEN
    static final List<Row> MATRIX = List.of(
            new Row("GET me", "R-AUTHZ-1", Need.ANY_ADMINISTRATOR,
                    w -> new Call("GET", "/me", null),                      200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("GET administrators", "R-AUTHZ-1, R-AUTHZ-2", Need.ADMINISTRATORS,
                    w -> new Call("GET", "/administrators", null),          200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("POST administrators", "R-AUTHZ-2, R-ADMIN-1", Need.ADMINISTRATORS,
                    w -> new Call("POST", "/administrators", newAdministrator(TestOrganization.FRONT_STAFF)),
                                                                             202, 202, 403, 403, 403, 403, 403, 403, 403, 202, 202, 401, 401),
            new Row("POST administrators (group holding more than the caller)", "R-AUTHZ-4", Need.ADMINISTRATORS,
                    w -> new Call("POST", "/administrators", newAdministrator(TestOrganization.EVERYTHING)),
                                                                             202, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("GET administrators/{other}", "R-AUTHZ-2", Need.ADMINISTRATORS,
                    w -> new Call("GET", "/administrators/" + cashierId, null),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("PUT administrators/{other} name", "R-AUTHZ-2", Need.ADMINISTRATORS,
                    w -> new Call("PUT", "/administrators/" + freshTarget(false), Map.of("firstName", "Renamed")),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("PUT administrators/{other} status", "R-AUTHZ-2, R-ADMIN-4", Need.ADMINISTRATORS,
                    w -> new Call("PUT", "/administrators/" + freshTarget(false), Map.of("status", "INACTIVE")),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("PUT administrators/{self} status", "R-AUTHZ-3", Need.ADMINISTRATORS,
                    w -> new Call("PUT", "/administrators/" + selfId(w), Map.of("status", "INACTIVE")),
                                                                             403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 401, 401),
            new Row("PUT administrators/{owner} status", "R-OWNER-3", Need.ADMINISTRATORS,
                    w -> new Call("PUT", "/administrators/" + org.ownerId, Map.of("status", "INACTIVE")),
                                                                             403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("PUT administrators/{owner} groups", "R-OWNER-3", Need.ADMINISTRATORS,
                    w -> new Call("PUT", "/administrators/" + org.ownerId, Map.of("permissionGroups", List.of(TestOrganization.FRONT_STAFF))),
                                                                             403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("PUT administrators/{owner} name", "R-OWNER-3, R-AUTHZ-4", Need.ADMINISTRATORS,
                    w -> new Call("PUT", "/administrators/" + org.ownerId, Map.of("firstName", "Olga")),
                                                                             200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("POST administrators/{other}/regenerate-pin", "R-AUTHZ-2, R-PIN-4", Need.ADMINISTRATORS,
                    w -> new Call("POST", "/administrators/" + freshTarget(true) + "/regenerate-pin", null),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("DELETE administrators/{other}", "R-ADMIN-4", Need.ADMINISTRATORS,
                    w -> new Call("DELETE", "/administrators/" + freshTarget(false), null),
                                                                             405, 405, 405, 403, 403, 403, 403, 403, 403, 405, 405, 401, 401),
            new Row("GET settings", "R-AUTHZ-1", Need.ANY_ADMINISTRATOR,
                    w -> new Call("GET", "/settings", null),                200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("PUT settings", "R-AUTHZ-1, R-PIN-2", Need.OWNER_ONLY,
                    w -> new Call("PUT", "/settings", Map.of("pinLength", 6)),
                                                                             200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("GET permission-groups", "R-AUTHZ-1", Need.ANY_ADMINISTRATOR,
                    w -> new Call("GET", "/permission-groups", null),       200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("GET permission-groups/comparison", "R-AUTHZ-1, R-GROUP-4", Need.ANY_ADMINISTRATOR,
                    w -> new Call("GET", "/permission-groups/comparison?permission=pos:sell", null),
                                                                             200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("GET permission-groups/{id}", "R-AUTHZ-1", Need.ANY_ADMINISTRATOR,
                    w -> new Call("GET", "/permission-groups/" + frontStaffGroupId, null),
                                                                             200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401),
            new Row("POST permission-groups", "R-AUTHZ-2, R-GROUP-1", Need.PERMISSION_GROUPS,
                    w -> new Call("POST", "/permission-groups", Map.of("name", fresh("Group"), "permissions", List.of("pos:sell"))),
                                                                             201, 201, 403, 403, 403, 403, 403, 403, 403, 201, 403, 401, 401),
            new Row("POST permission-groups (permission the caller lacks)", "R-AUTHZ-4", Need.PERMISSION_GROUPS,
                    w -> new Call("POST", "/permission-groups", Map.of("name", fresh("Group"), "permissions", List.of("finance:reports-all-administrators"))),
                                                                             201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("PUT permission-groups/{id}", "R-AUTHZ-2, R-GROUP-1", Need.PERMISSION_GROUPS,
                    w -> new Call("PUT", "/permission-groups/" + freshGroup(), Map.of("name", fresh("Renamed"), "permissions", List.of("pos:sell"))),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401, 401),
            new Row("DELETE permission-groups/{id}", "R-AUTHZ-2, R-GROUP-3", Need.PERMISSION_GROUPS,
                    w -> new Call("DELETE", "/permission-groups/" + freshGroup(), null),
                                                                             204, 204, 403, 403, 403, 403, 403, 403, 403, 204, 403, 401, 401),
            new Row("GET integrations", "R-API-1, R-AUTHZ-2", Need.INTEGRATIONS,
                    w -> new Call("GET", "/integrations", null),            200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("POST integrations", "R-API-1, R-API-2", Need.INTEGRATIONS,
                    w -> new Call("POST", "/integrations", Map.of("name", fresh("Sync"), "permissionGroups", List.of(TestOrganization.FRONT_STAFF))),
                                                                             201, 201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("POST integrations (group holding more than the caller)", "R-API-1, R-AUTHZ-4", Need.INTEGRATIONS,
                    w -> new Call("POST", "/integrations", Map.of("name", fresh("Sync"), "permissionGroups", List.of(TestOrganization.EVERYTHING))),
                                                                             201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("GET integrations/{other}", "R-API-1, R-API-3", Need.INTEGRATIONS,
                    w -> new Call("GET", "/integrations/" + otherIntegrationId, null),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("PUT integrations/{other} status", "R-API-1, R-API-2", Need.INTEGRATIONS,
                    w -> new Call("PUT", "/integrations/" + freshIntegration(), Map.of("status", "INACTIVE")),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("POST integrations/{other}/rotate-secret", "R-API-2", Need.INTEGRATIONS,
                    w -> new Call("POST", "/integrations/" + freshIntegration() + "/rotate-secret", null),
                                                                             200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401, 401),
            new Row("DELETE integrations/{other}", "R-API-1", Need.INTEGRATIONS,
                    w -> new Call("DELETE", "/integrations/" + otherIntegrationId, null),
                                                                             405, 405, 405, 403, 403, 403, 403, 403, 403, 405, 405, 401, 401),
            new Row("GET catalogue", "R-AUTHZ-1", Need.ANY_ADMINISTRATOR,
                    w -> new Call("GET", "/catalogue", null),               200, 200, 200, 403, 403, 403, 403, 403, 403, 200, 200, 401, 401));

    private static Map<String, Object> newAdministrator(String group) {
        String name = fresh("new");
        return Map.of("email", org.email(name), "firstName", "Nina", "lastName", "New", "permissionGroups", List.of(group));
    }

    @Test
    @DisplayName("R-AUTHZ-1, R-AUTHZ-2, R-AUTHZ-3, R-AUTHZ-4, R-AUTHZ-5, R-AUTHZ-6, R-ADMIN-2, R-ADMIN-4, R-OWNER-3, R-API-1, R-API-3: every endpoint × every kind of caller answers as the SPEC says")
    void matrix() {
        Who[] columns = Who.values();
        List<String> failures = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-58s", "endpoint \\ caller"));
        for (Who who : columns) {
            table.append(String.format("%-13s", who));
        }
        table.append("rules\n");
        int cells = 0;
        for (Row row : MATRIX) {
            assertEquals(columns.length, row.expected().length, "one expected status per column: " + row.endpoint());
            table.append(String.format("%-58s", row.endpoint()));
            for (int i = 0; i < columns.length; i++) {
                Who who = columns[i];
                Call call = row.call().apply(who);
                Http.Reply reply = org.api(call.method(), token(who, row.need()), call.path(), call.body());
                int expected = row.expected()[i];
                boolean ok = reply.status() == expected && (reply.status() < 400 || OpenApiContractTest.isOurError(reply))
                        && (reply.status() != 403 || !REFUSAL.containsKey(who) || REFUSAL.get(who).equals(reply.json().path("error").asText()));
                cells++;
                table.append(String.format("%-13s", ok ? reply.status() + " ok" : "!" + reply.status() + "≠" + expected));
                if (!ok) {
                    failures.add(row.endpoint() + " as " + who + " (" + login(who, row.need()) + "): expected " + expected + ", got " + reply);
                }
            }
            table.append(row.rules()).append('\n');
        }
        System.out.println("Authorization matrix (" + cells + " cells):\n" + table);
        assertTrue(cells >= MATRIX.size() * columns.length);
        assertTrue(failures.isEmpty(), failures.size() + " cells differ from the SPEC:\n" + String.join("\n", failures));
    }
}

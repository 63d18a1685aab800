package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * R-DATA-3: a realm moves with its back-office data. One server, two realms made from the same demo
 * JSON: the source is seeded as the dev server seeds it, exported, and imported into the fresh target.
 */
class RealmPortabilityTest {

    private static final String ALIAS = "demo-rec";
    private static final String OWNER = "owner@demo-rec.example";

    /** The demo realm JSON under another name, its people with the tests' password. */
    static JsonNode demoRealm(String prefix) {
        ObjectNode realm = (ObjectNode) TestRealm.demoRealm();
        realm.put("realm", prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        realm.remove("id");
        realm.put("bruteForceProtected", false);
        TestRealm.allowPasswordGrant(realm);
        // Starter groups copied at the source's owner bootstrap (R-LEVEL-2) are organization groups: a real move
        // carries them in Keycloak's own realm export, which these two realms stand in for with the same JSON.
        ((ObjectNode) realm.get("attributes")).remove("backoffice.template");
        realm.get("users").forEach(user -> ((ArrayNode) user.get("credentials")).forEach(credential ->
                ((ObjectNode) credential).put("value", TestRealm.PASSWORD)));
        return realm;
    }

    private static String organizationId(TestRealm realm) {
        for (JsonNode organization : realm.adminGet("/organizations?search=" + ALIAS)) {
            if (organization.get("alias").asText().equals(ALIAS)) {
                return organization.get("id").asText();
            }
        }
        throw new AssertionError("no " + ALIAS);
    }

    private static String userId(TestRealm realm, String username) {
        return realm.adminGet("/users?exact=true&username=" + Http.enc(username)).get(0).get("id").asText();
    }

    private static JsonNode ok(Http.Reply reply) {
        assertTrue(reply.status() == 200 || reply.status() == 201, reply.toString());
        return reply.json();
    }

    /** Seeds the source as the dev server does; returns Alice's PIN. */
    private static String seed(TestRealm realm) {
        String org = organizationId(realm);
        String api = "/organizations/" + org;
        ok(realm.backofficeAdmin("PUT", api + "/support", Map.of("sharedAccountsUnlocked", true)));
        ok(realm.backofficeAdmin("POST", api + "/owner", Map.of("userId", userId(realm, OWNER))));
        String ownerToken = realm.accessToken(OWNER);
        ok(HTTP.send("PUT", TestRealm.base() + "/realms/" + realm.name() + "/backoffice" + api + "/settings", ownerToken, Map.of("pinLength", 7)));
        String alicePin = null;
        for (List<Object> person : List.<List<Object>>of(
                List.of("frontdesk@demo-rec.example", List.of("Front staff"), "SHARED", "ACTIVE"),
                List.of("alice@demo-rec.example", List.of("Front staff", "Instructors"), "PIN", "ACTIVE"),
                List.of("bruno@demo-rec.example", List.of("Front staff"), "PIN", "INACTIVE"),
                List.of("carla@demo-rec.example", List.of("Accountant"), "NONE", "ACTIVE"))) {
            String id = userId(realm, (String) person.get(0));
            ok(realm.backofficeAdmin("POST", api + "/administrators", Map.of("userId", id, "permissionGroups", person.get(1))));
            JsonNode settings = ok(realm.backofficeAdmin("PUT", api + "/administrators/" + id + "/pin-settings", Map.of("pinMode", person.get(2))));
            if (person.get(0).toString().startsWith("alice")) {
                alicePin = settings.get("pin").asText();
            }
            ok(realm.backofficeAdmin("PUT", api + "/administrators/" + id + "/status", Map.of("status", person.get(3))));
        }
        ok(realm.backofficeAdmin("PUT", api + "/support", Map.of("administratorSeats", 10)));
        return alicePin;
    }

    /**
     * What the APIs answer about the organization, with the ids (which differ between realms) left out;
     * without {@code pinsMoved}, also without the count of PIN holders whose PIN works.
     */
    private static String answers(TestRealm realm, boolean pinsMoved) {
        String org = organizationId(realm);
        String ownerToken = realm.accessToken(OWNER);
        String api = TestRealm.base() + "/realms/" + realm.name() + "/backoffice/organizations/" + org;
        ObjectNode all = Http.JSON.createObjectNode();
        all.set("support", realm.backofficeAdmin("GET", "/organizations/" + org + "/support", null).json());
        all.set("records", withoutIds(realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators", null).json()));
        all.set("owner", withoutIds(realm.backofficeAdmin("GET", "/organizations/" + org + "/owner", null).json()));
        all.set("administrators", withoutIds(HTTP.send("GET", api + "/administrators", ownerToken, null).json()));
        ObjectNode settings = (ObjectNode) HTTP.send("GET", api + "/settings", ownerToken, null).json();
        if (!pinsMoved) {
            settings.remove("pinHolders");
        }
        all.set("settings", settings);
        all.set("groups", withoutIds(HTTP.send("GET", api + "/permission-groups", ownerToken, null).json()));
        all.set("me", withoutIds(HTTP.send("GET", api + "/me", realm.accessToken("carla@demo-rec.example"), null).json()));
        return all.toPrettyString();
    }

    private static JsonNode withoutIds(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Http.JSON.createObjectNode();
            node.fields().forEachRemaining(field -> {
                if (!field.getKey().endsWith("Id") && !field.getKey().equals("id")) {
                    copy.set(field.getKey(), withoutIds(field.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Http.JSON.createArrayNode();
            node.forEach(element -> copy.add(withoutIds(element)));
            return copy;
        }
        return node;
    }

    private static boolean pinAccepted(TestRealm realm, String pin) {
        FormLogin login = realm.formLogin();
        FormLogin.Page page = login.password("frontdesk@demo-rec.example");
        assertTrue(page.isPinPage(), page.toString());
        return login.pin(page, pin).code() != null;
    }

    private static void assertRefused(TestRealm realm, String code, Object body) {
        Http.Reply reply = realm.backofficeAdmin("POST", "/import", body);
        assertEquals(400, reply.status(), reply.toString());
        assertEquals(code, reply.json().get("error").asText(), reply.toString());
    }

    @Test
    @DisplayName("R-DATA-3: export, import into a fresh realm from the same JSON: the same answers; PINs work only when the PIN key travelled; bad files write nothing")
    void realmMovesWithItsAdministrators() {
        TestRealm source = TestRealm.importRealm(demoRealm("move-from"));
        TestRealm target = TestRealm.importRealm(demoRealm("move-to"));
        String alicePin = seed(source);
        assertTrue(pinAccepted(source, alicePin));

        Http.Reply exported = source.backofficeAdmin("GET", "/export", null);
        assertEquals(200, exported.status(), exported.toString());
        assertEquals("no-store", exported.raw().headers().firstValue("Cache-Control").orElse(""));
        JsonNode file = exported.json();
        assertFalse(exported.body().contains("pinKey") || exported.body().contains("pinDigest"), "PINs only on request");

        // Bad files: refused, nothing written.
        Http.Reply malformed = target.backofficeAdmin("POST", "/import", "{\"version\": 1, \"organizations\": [");
        assertEquals(400, malformed.status(), malformed.toString());
        assertRefused(target, "missing_organizations", Map.of("version", 1));
        ObjectNode unknownOrganization = file.deepCopy();
        ((ObjectNode) unknownOrganization.get("organizations").get(0)).put("alias", "nowhere");
        assertRefused(target, "unknown_organization", unknownOrganization);
        ObjectNode unknownUser = file.deepCopy();
        ((ObjectNode) unknownUser.at("/organizations/0/administrators/0")).put("username", "nobody@demo-rec.example");
        assertRefused(target, "unknown_user", unknownUser);
        ObjectNode twoOwners = file.deepCopy();
        ((ObjectNode) twoOwners.at("/organizations/0/administrators/1")).put("owner", true);
        assertRefused(target, "duplicate_owner", twoOwners);
        ObjectNode partial = file.deepCopy();
        ((ObjectNode) partial.at("/organizations/0/administrators/1")).remove("status");
        assertRefused(target, "missing_status", partial);
        ObjectNode digestWithoutKey = file.deepCopy();
        for (JsonNode person : digestWithoutKey.at("/organizations/0/administrators")) {
            if ("PIN".equals(person.get("pinMode").asText())) {
                ((ObjectNode) person).put("pinDigest", "0".repeat(64));
            }
        }
        assertRefused(target, "pin_digest_without_key", digestWithoutKey);
        String targetOrg = organizationId(target);
        assertEquals(0, target.backofficeAdmin("GET", "/organizations/" + targetOrg + "/administrators", null).json().size(), "nothing written");
        assertFalse(target.backofficeAdmin("GET", "/organizations/" + targetOrg + "/support", null).json().get("sharedAccountsUnlocked").asBoolean());

        // Without the PIN key: everything but the PINs; the answer names who needs a new PIN.
        JsonNode imported = ok(target.backofficeAdmin("POST", "/import", file));
        assertEquals(List.of(ALIAS + "/alice@demo-rec.example", ALIAS + "/bruno@demo-rec.example"),
                Http.JSON.convertValue(imported.get("needNewPin"), List.class));
        assertFalse(imported.get("pinKeyImported").asBoolean());
        String expected = answers(source, false);
        assertEquals(expected, answers(target, false));
        assertFalse(pinAccepted(target, alicePin), "without the PIN key the old PIN does not work");
        assertEquals(imported, ok(target.backofficeAdmin("POST", "/import", file)), "importing again changes nothing");
        assertEquals(expected, answers(target, false));
        // R-OWNER-3: a file naming no owner keeps the current one, so it cannot make them inactive.
        ObjectNode ownerInactive = file.deepCopy();
        for (JsonNode person : ownerInactive.at("/organizations/0/administrators")) {
            if (person.path("owner").asBoolean()) {
                ((ObjectNode) person).remove("owner");
                ((ObjectNode) person).put("status", "INACTIVE");
            }
        }
        assertRefused(target, "owner_inactive", ownerInactive);
        assertEquals(expected, answers(target, false), "nothing written");
        assertEquals(2, target.backofficeAdmin("GET", "/organizations/" + targetOrg + "/administrators", null).json().findValues("pinMode")
                .stream().filter(mode -> mode.asText().equals("PIN")).count(), "both PIN holders stay PIN holders");

        // With the PIN key: the PIN issued before the export works after the import.
        Http.Reply withPins = source.backofficeAdmin("GET", "/export?pins=true", null);
        assertEquals(200, withPins.status(), withPins.toString());
        assertNotNull(withPins.json().get("pinKey"));
        JsonNode importedPins = ok(target.backofficeAdmin("POST", "/import", withPins.json()));
        assertTrue(importedPins.get("pinKeyImported").asBoolean());
        assertEquals(0, importedPins.get("needNewPin").size());
        assertTrue(pinAccepted(target, alicePin), "the PIN travelled with the key");
        assertEquals(answers(source, true), answers(target, true));
        assertFalse(target.adminGet("/admin-events?max=200").toString().contains(withPins.json().get("pinKey").asText()),
                "the key is not written to admin events");
    }

    @Test
    @DisplayName("R-DATA-3, R-PIN-7: the Docker demo's import (docker/demo-backoffice.json, run by compose) on the real server: owner, administrators, shared accounts unlocked, the documented PINs work")
    void dockerDemoImport() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("project.root", ".."));
        String compose = java.nio.file.Files.readString(root.resolve("docker/compose.yaml"));
        assertTrue(compose.contains("demo-backoffice.json") && compose.contains("/health/ready") && compose.contains("mailpit"), compose);
        JsonNode file = Http.JSON.readTree(java.nio.file.Files.readString(root.resolve("docker/demo-backoffice.json")));
        TestRealm realm = TestRealm.importRealm(demoRealm("docker"));

        // What docker/seed.sh sends first: the realm's mail goes to Mailpit.
        assertEquals(204, realm.admin("PUT", "", Map.of("smtpServer", Map.of("host", "mailpit", "port", "1025",
                "from", "noreply@demo-rec.example"))).status());
        assertEquals("mailpit", realm.adminGet("").at("/smtpServer/host").asText());

        JsonNode result = ok(realm.backofficeAdmin("POST", "/import", file));
        assertEquals(5, result.get("administrators").asInt());
        assertEquals(0, result.get("needNewPin").size());
        assertEquals(result, ok(realm.backofficeAdmin("POST", "/import", file)), "compose may run the seed again");
        String org = organizationId(realm);
        assertEquals(OWNER, realm.backofficeAdmin("GET", "/organizations/" + org + "/owner", null).json().get("username").asText());
        assertTrue(realm.backofficeAdmin("GET", "/organizations/" + org + "/support", null).json().get("sharedAccountsUnlocked").asBoolean());
        assertEquals(5, realm.backofficeAdmin("GET", "/organizations/" + org + "/administrators", null).json().size());
        assertTrue(pinAccepted(realm, "135790"), "Alice's demo PIN (README)");
        assertTrue(pinAccepted(realm, "246802"), "Bruno's demo PIN (README)");
    }
}

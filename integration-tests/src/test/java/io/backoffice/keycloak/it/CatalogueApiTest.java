package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static io.backoffice.keycloak.it.TestOrganization.texts;
import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** The permission catalogue through the organization API. */
class CatalogueApiTest {

    static TestRealm realm;
    static TestOrganization org;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("catalogueapi");
        org = TestOrganization.empty(realm, "Catalogue Centre", "cat");
        org.bootstrapOwner("owner");
        realm.createPermissionGroup(org.id, "Cashiers", List.of("pos:sell"));
        org.addAdministrator("cashier", "Cashiers");
    }

    /** The catalogue client's roles as Keycloak's admin API has them: name → representation. */
    private static Map<String, JsonNode> keycloakRoles() {
        Map<String, JsonNode> roles = new HashMap<>();
        realm.adminGet("/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/roles?briefRepresentation=false")
                .forEach(r -> roles.put(r.get("name").asText(), r));
        return roles;
    }

    private static List<String> composites(String role) {
        List<String> names = new ArrayList<>();
        realm.adminGet("/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/roles/" + Http.enc(role) + "/composites")
                .forEach(r -> names.add(r.get("name").asText()));
        names.sort(null);
        return names;
    }

    @Test
    @DisplayName("Catalogue (R-GROUP-1): any active administrator reads the sections with their permissions, and every permission with its description")
    void catalogueMatchesKeycloak() {
        Http.Reply reply = org.api("GET", org.token("cashier"), "/catalogue", null);
        assertEquals(200, reply.status(), reply.toString());
        Map<String, JsonNode> roles = keycloakRoles();

        List<String> expectedSections = new ArrayList<>();
        List<String> expectedPermissions = new ArrayList<>();
        roles.forEach((name, role) -> (role.path("attributes").path("section").path(0).asText().equals("true")
                ? expectedSections : expectedPermissions).add(name));
        expectedSections.sort(null);
        expectedPermissions.sort(null);

        List<String> sections = new ArrayList<>();
        for (JsonNode section : reply.json().get("sections")) {
            String name = section.get("name").asText();
            sections.add(name);
            assertEquals(roles.get(name).path("description").asText(name), section.get("label").asText(), name);
            assertEquals(composites(name), texts(section.get("permissions")), name);
        }
        assertEquals(expectedSections, sections);

        List<String> permissions = new ArrayList<>();
        for (JsonNode permission : reply.json().get("permissions")) {
            String name = permission.get("name").asText();
            permissions.add(name);
            assertEquals(roles.get(name).path("description").asText(), permission.path("description").asText(), name);
            for (String section : texts(permission.get("sections"))) {
                assertTrue(composites(section).contains(name), name + " in " + section);
            }
        }
        assertEquals(expectedPermissions, permissions);
        JsonNode sell = reply.json().get("permissions").get(permissions.indexOf("pos:sell"));
        assertEquals(List.of("pos"), texts(sell.get("sections")));
    }

    @Test
    @DisplayName("Catalogue: a permission added to the catalogue in Keycloak shows at once; groups may then hold it (R-GROUP-1)")
    void addedPermissionsShow() {
        realm.addCatalogueRole("pos:open-drawer");
        JsonNode catalogue = org.api("GET", org.token("owner"), "/catalogue", null).json();
        List<String> names = new ArrayList<>();
        catalogue.get("permissions").forEach(p -> names.add(p.get("name").asText()));
        assertTrue(names.contains("pos:open-drawer"), names.toString());
        Http.Reply created = org.api("POST", org.token("owner"), "/permission-groups",
                Map.of("name", "Drawer", "permissions", List.of("pos:open-drawer")));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    @DisplayName("R-AUTHZ-1: the catalogue is for administrators of the organization only; no or a bad token is 401")
    void catalogueNeedsAnAdministrator() {
        realm.createUser("stranger@cat.example", "Stan", "Ger", true);
        assertProblem(org.api("GET", realm.accessToken("stranger@cat.example"), "/catalogue", null), 403, "not_an_administrator");
        assertProblem(org.api("GET", null, "/catalogue", null), 401, "unauthorized");
        assertProblem(org.api("GET", "garbage", "/catalogue", null), 401, "unauthorized");
        assertProblem(HTTP.send("GET", org.url("00000000-0000-0000-0000-000000000000", "/catalogue"), org.token("cashier"), null),
                403, "not_an_administrator");
    }
}

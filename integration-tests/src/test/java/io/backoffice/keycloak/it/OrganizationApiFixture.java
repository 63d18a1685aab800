package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.Http;

/**
 * Organizations with an owner and administrators, made through the realm-admin support API, and calls to
 * the organization API as one of those administrators.
 */
final class OrganizationApiFixture {

    final TestRealm realm;
    final String org;
    final String alias;

    OrganizationApiFixture(TestRealm realm, String displayName, String alias) {
        this.realm = realm;
        this.alias = alias;
        this.org = realm.createOrganization(displayName, alias);
    }

    /** A confirmed user made the organization's owner; returns the user id. */
    String owner(String localPart) {
        String id = realm.createUser(email(localPart), "Owner", alias, true);
        Http.Reply reply = realm.backofficeAdmin("POST", "/organizations/" + org + "/owner", Map.of("userId", id));
        assertEquals(201, reply.status(), reply.toString());
        return id;
    }

    /** A confirmed user made an administrator holding the named groups; returns the user id. */
    String administrator(String localPart, String... groups) {
        String id = realm.createUser(email(localPart), "Admin", localPart, true);
        Http.Reply reply = realm.backofficeAdmin("POST", "/organizations/" + org + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of(groups)));
        assertEquals(201, reply.status(), reply.toString());
        return id;
    }

    String email(String localPart) {
        return localPart + "@" + alias + ".example";
    }

    String token(String localPart) {
        return realm.accessToken(email(localPart));
    }

    String url(String path) {
        return url(org, path);
    }

    String url(String organizationId, String path) {
        return TestRealm.base() + "/realms/" + realm.name() + "/backoffice/organizations/" + organizationId + path;
    }

    Http.Reply call(String method, String path, String token, Object body) {
        return HTTP.send(method, url(path), token, body);
    }

    /** The organization's groups as Keycloak's own admin API sees them: name → group representation. */
    Map<String, JsonNode> keycloakGroups() {
        Map<String, JsonNode> groups = new java.util.TreeMap<>();
        realm.adminGet("/organizations/" + org + "/groups?briefRepresentation=false&max=1000").forEach(g -> groups.put(g.get("name").asText(), g));
        return groups;
    }

    /** The catalogue-client roles mapped to a group, as Keycloak's admin API sees them. */
    List<String> keycloakGrants(String groupId) {
        List<String> names = new ArrayList<>();
        realm.adminGet("/organizations/" + org + "/groups/" + groupId + "/role-mappings/clients/" + realm.clientUuid(TestRealm.APP_CLIENT))
                .forEach(role -> names.add(role.get("name").asText()));
        names.sort(null);
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}

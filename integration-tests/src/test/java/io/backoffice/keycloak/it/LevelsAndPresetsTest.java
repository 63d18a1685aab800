package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.Problems.assertProblem;
import static io.backoffice.keycloak.it.TestOrganization.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * Area levels, owner-only permissions, presets copied from the realm's template and personal grants
 * (R-LEVEL-1..4), on the real server with the demo realm's catalogue.
 */
class LevelsAndPresetsTest {

    static final String CLAIM = "backoffice";
    static final String TEMPLATE = "backoffice.template";

    static TestRealm realm;
    static TestOrganization a;
    static TestOrganization b;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("levels");
        Mailbox.configure(realm);
        Http.Reply mapper = realm.admin("POST", "/clients/" + realm.clientUuid(TestRealm.APP_CLIENT) + "/protocol-mappers/models",
                PermissionClaimsMapperTest.mapper("back-office administrator", Map.of()));
        assertEquals(201, mapper.status(), mapper.toString());
        a = TestOrganization.empty(realm, "Levels Alpha", "levels-a");
        a.bootstrapOwner("owner");
        realm.createPermissionGroup(a.id, "Finance viewers", List.of("finance:view", "org-settings:manage-permissions",
                "org-settings:administrators", "pos:sell"));
        realm.createPermissionGroup(a.id, "Cashiers", List.of("pos:sell"));
        a.addAdministrator("viewer", "Finance viewers");
        a.addAdministrator("cashier", "Cashiers");

        b = TestOrganization.empty(realm, "Levels Beta", "levels-b");
        b.bootstrapOwner("owner");
        realm.createPermissionGroup(b.id, "Staff", List.of("pos:sell"));
    }

    static Map<String, Object> group(String name, List<String> permissions, Map<String, String> levels) {
        Map<String, Object> body = new HashMap<>(Map.of("name", name, "permissions", permissions));
        if (levels != null) {
            body.put("levels", levels);
        }
        return body;
    }

    static Map<String, String> levels(JsonNode node) {
        Map<String, String> levels = new LinkedHashMap<>();
        node.get("levels").fields().forEachRemaining(e -> levels.put(e.getKey(), e.getValue().asText()));
        return levels;
    }

    /** The access token's permissions, in the organization the scope names. */
    static List<String> tokenPermissions(String email, String alias) {
        JsonNode tokens = realm.login(email, "openid organization:" + alias);
        JsonNode claim = FormLogin.claims(tokens.get("access_token").asText()).get(CLAIM);
        return claim == null ? List.of() : texts(claim.get("permissions"));
    }

    @Test
    @DisplayName("R-LEVEL-1: an area's level round-trips as one value for each kind of scale; Keycloak holds the level role")
    void levelsRoundTrip() {
        String owner = a.token("owner");
        Map<String, String> high = Map.of("finance", "manage", "time-entry", "self-and-others", "invoices", "review",
                "approve-invoices", "yes");
        Http.Reply created = a.api("POST", owner, "/permission-groups", group("Leads", List.of("pos:sell"), high));
        assertEquals(201, created.status(), created.toString());
        String id = created.createdId();
        JsonNode read = a.api("GET", owner, "/permission-groups/" + id, null).json();
        Map<String, String> held = levels(read);
        high.forEach((area, level) -> assertEquals(level, held.get(area), area));
        assertEquals("none", held.get("contacts"), "an area not granted is at its lowest level");
        List<String> permissions = texts(read.get("permissions"));
        assertTrue(permissions.containsAll(List.of("finance:manage", "finance:view", "finance:reports-own",
                "time-entry:self-and-others", "time-entry:self", "invoices:review", "approve-invoices:yes")), permissions.toString());
        assertFalse(permissions.contains("invoices:manage"));
        assertEquals(List.of("approve-invoices:yes", "finance:manage", "invoices:review", "pos:sell", "time-entry:self-and-others"),
                a.keycloakGrants(id));

        Map<String, String> low = Map.of("finance", "none", "time-entry", "self", "invoices", "manage", "approve-invoices", "no");
        Http.Reply replaced = a.api("PUT", owner, "/permission-groups/" + id, Map.of("name", "Leads", "levels", low));
        assertEquals(200, replaced.status(), replaced.toString());
        Map<String, String> now = levels(replaced.json());
        low.forEach((area, level) -> assertEquals(level, now.get(area), area));
        assertFalse(texts(replaced.json().get("permissions")).contains("finance:view"));
        assertEquals(List.of("invoices:manage", "time-entry:self"), a.keycloakGrants(id));
    }

    @Test
    @DisplayName("R-LEVEL-1, R-LEVEL-3: the catalogue shows each area with its scale, lowest first, and the owner-only permissions")
    void catalogueShowsScales() {
        JsonNode catalogue = a.api("GET", a.token("cashier"), "/catalogue", null).json();
        Map<String, List<String>> scales = new HashMap<>();
        catalogue.get("areas").forEach(area -> scales.put(area.get("name").asText(),
                area.get("levels").findValuesAsText("name")));
        assertEquals(List.of("none", "view", "manage"), scales.get("finance"));
        assertEquals(List.of("self", "self-and-others"), scales.get("time-entry"));
        assertEquals(List.of("none", "review", "manage"), scales.get("invoices"));
        assertEquals(List.of("no", "yes"), scales.get("approve-invoices"));
        assertTrue(texts(catalogue.get("ownerOnly")).containsAll(List.of("account:close", "account:subscription")));
    }

    @Test
    @DisplayName("R-LEVEL-1: manage implies view in tokens: every permission the level includes")
    void manageImpliesViewInTokens() {
        String owner = a.token("owner");
        assertEquals(201, a.api("POST", owner, "/permission-groups",
                group("Finance managers", List.of(), Map.of("finance", "manage"))).status());
        a.addAdministrator("financier", "Finance managers");
        List<String> permissions = tokenPermissions(a.email("financier"), "levels-a");
        assertTrue(permissions.containsAll(List.of("finance:manage", "finance:view", "finance:reports-own",
                "finance:manage-reconciliations")), permissions.toString());
    }

    @Test
    @DisplayName("R-LEVEL-1, R-AUTHZ-4: holding finance:view does not let you grant finance:manage, to a group or to a person; nothing written")
    void viewCannotGrantManage() {
        String viewer = a.token("viewer");
        assertProblem(a.api("POST", viewer, "/permission-groups", group("Too much", List.of(), Map.of("finance", "manage"))),
                403, "escalation");
        assertFalse(a.keycloakGroups().containsKey("Too much"));
        assertEquals(201, a.api("POST", viewer, "/permission-groups", group("Just view", List.of(), Map.of("finance", "view"))).status());

        String cashier = userId(a.email("cashier"));
        assertProblem(a.api("PUT", viewer, "/administrators/" + cashier + "/personal-grants", Map.of("levels", Map.of("finance", "manage"))),
                403, "escalation");
        assertEquals(List.of(), texts(a.api("GET", viewer, "/administrators/" + cashier, null).json().get("personalGrants")));
        Http.Reply allowed = a.api("PUT", viewer, "/administrators/" + cashier + "/personal-grants", Map.of("levels", Map.of("finance", "view")));
        assertEquals(200, allowed.status(), allowed.toString());
        assertEquals(List.of("finance:view"), texts(allowed.json().get("personalGrants")));
        // put back, so the other tests see the cashier as set up
        assertEquals(200, a.api("PUT", viewer, "/administrators/" + cashier + "/personal-grants", Map.of()).status());
    }

    @Test
    @DisplayName("R-LEVEL-3: an owner-only permission is refused in a group and in a personal grant, and only the owner's token carries it")
    void ownerOnly() {
        String owner = a.token("owner");
        assertProblem(a.api("POST", owner, "/permission-groups", group("Closers", List.of("account:close"), null)), 400, "owner_only_permission");
        assertFalse(a.keycloakGroups().containsKey("Closers"));
        String cashier = userId(a.email("cashier"));
        assertProblem(a.api("PUT", owner, "/administrators/" + cashier + "/personal-grants", Map.of("permissions", List.of("account:close"))),
                400, "owner_only_permission");

        // Even mapped to a group behind the API's back (the console), it reaches nobody but the owner.
        realm.createPermissionGroup(a.id, "Console closers", List.of("account:close", "pos:refund"));
        a.addAdministrator("closer", "Console closers");
        List<String> closer = tokenPermissions(a.email("closer"), "levels-a");
        assertTrue(closer.contains("pos:refund"), closer.toString());
        assertFalse(closer.contains("account:close"), closer.toString());
        assertTrue(tokenPermissions(a.email("owner"), "levels-a").contains("account:close"));
    }

    @Test
    @DisplayName("R-LEVEL-4: a personal grant in A shows where it comes from, is in A's token and absent from the person's token in B")
    void personalGrantsStayInTheirOrganization() {
        String both = realm.createUser("both@levels.example", "Bo", "Th", true);
        for (var entry : Map.of(a.id, "Cashiers", b.id, "Staff").entrySet()) {
            Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + entry.getKey() + "/administrators",
                    Map.of("userId", both, "permissionGroups", List.of(entry.getValue())));
            assertEquals(201, added.status(), added.toString());
        }
        Http.Reply granted = a.api("PUT", a.token("owner"), "/administrators/" + both + "/personal-grants",
                Map.of("levels", Map.of("invoices", "review"), "permissions", List.of("pos:refund")));
        assertEquals(200, granted.status(), granted.toString());
        JsonNode view = granted.json();
        assertEquals(List.of("invoices:review", "pos:refund"), texts(view.get("personalGrants")));
        assertEquals(List.of("group:Cashiers"), texts(view.at("/permissionSources/pos:sell")));
        assertEquals(List.of("personal"), texts(view.at("/permissionSources/invoices:review")));

        List<String> inA = tokenPermissions("both@levels.example", "levels-a");
        assertTrue(inA.containsAll(List.of("invoices:review", "pos:refund", "pos:sell")), inA.toString());
        assertEquals(List.of("pos:sell"), tokenPermissions("both@levels.example", "levels-b"));
        assertEquals(List.of(), texts(b.api("GET", b.token("owner"), "/administrators/" + both, null).json().get("personalGrants")));
    }

    @Test
    @DisplayName("R-LEVEL-1, R-LEVEL-2: bad input (unknown area, unknown level, level set twice, unknown preset) is 400 and writes nothing")
    void badInput() {
        String owner = a.token("owner");
        assertProblem(a.api("POST", owner, "/permission-groups", group("Bad level", List.of(), Map.of("finance", "admin"))), 400, "unknown_level");
        assertProblem(a.api("POST", owner, "/permission-groups", group("Bad area", List.of(), Map.of("weather", "view"))), 400, "unknown_area");
        assertProblem(a.api("POST", owner, "/permission-groups", group("Twice", List.of("finance:manage"), Map.of("finance", "view"))),
                400, "level_conflict");
        Map<String, JsonNode> groups = a.keycloakGroups();
        assertFalse(groups.containsKey("Bad level") || groups.containsKey("Bad area") || groups.containsKey("Twice"), groups.keySet().toString());

        assertProblem(a.api("POST", owner, "/administrators", Map.of("email", "nobody@levels-a.example", "firstName", "No",
                "lastName", "Body", "preset", "Grand vizier")), 400, "unknown_preset");
        assertEquals(0, realm.adminGet("/users?exact=true&email=" + Http.enc("nobody@levels-a.example")).size(), "no user created");
        assertProblem(a.api("PUT", owner, "/presets/Bad", Map.of("permissionGroups", List.of("No such group"))), 400, "unknown_permission_group");
        assertEquals(0, a.api("GET", owner, "/presets", null).json().size());
    }

    @Test
    @DisplayName("R-LEVEL-2: a new organization gets the template's groups and presets; its edits touch neither the template nor another organization")
    void templateCopiedIntoNewOrganizations() {
        String template = "{\"groups\":["
                + "{\"name\":\"Basic user\",\"permissions\":[\"pos:sell\"],\"levels\":{\"contacts\":\"view\",\"time-entry\":\"self\"}},"
                + "{\"name\":\"Team lead\",\"permissions\":[\"pos\"],\"levels\":{\"contacts\":\"manage\",\"invoices\":\"review\",\"approve-invoices\":\"yes\"}}],"
                + "\"presets\":[{\"name\":\"Basic user\",\"permissionGroups\":[\"Basic user\"]},{\"name\":\"Team lead\",\"permissionGroups\":[\"Team lead\"]}]}";
        setTemplate(template);
        try {
            TestOrganization c = TestOrganization.empty(realm, "Levels Gamma", "levels-c");
            c.bootstrapOwner("owner");
            TestOrganization d = TestOrganization.empty(realm, "Levels Delta", "levels-d");
            d.bootstrapOwner("owner");
            String cOwner = c.token("owner");

            Map<String, JsonNode> cGroups = byName(c.api("GET", cOwner, "/permission-groups", null).json());
            assertEquals(List.of("Basic user", "Team lead"), List.copyOf(new java.util.TreeSet<>(cGroups.keySet())));
            assertEquals("review", levels(cGroups.get("Team lead")).get("invoices"));
            JsonNode presets = c.api("GET", cOwner, "/presets", null).json();
            assertEquals(2, presets.size(), presets.toString());
            assertEquals(List.of("Team lead"), texts(byName(presets).get("Team lead").get("permissionGroups")));

            // A preset brings a person in with its groups.
            Http.Reply lead = c.api("POST", cOwner, "/administrators", Map.of("email", c.email("lead"), "firstName", "Lee",
                    "lastName", "Lead", "preset", "team lead"));
            assertEquals(202, lead.status(), lead.toString());
            assertEquals(List.of("Team lead"), texts(lead.json().get("permissionGroups")));

            // C edits its copies ...
            String teamLead = cGroups.get("Team lead").get("id").asText();
            assertEquals(200, c.api("PUT", cOwner, "/permission-groups/" + teamLead,
                    Map.of("name", "Team lead", "permissions", List.of(), "levels", Map.of("invoices", "manage"))).status());
            Http.Reply edited = c.api("PUT", cOwner, "/presets/Team%20lead", Map.of("permissionGroups", List.of("Basic user", "Team lead")));
            assertEquals(200, edited.status(), edited.toString());
            assertEquals(List.of("Basic user", "Team lead"), texts(edited.json().get("permissionGroups")));

            // ... and neither the template nor D changes.
            assertEquals(template, realm.adminGet("").get("attributes").get(TEMPLATE).asText());
            String dOwner = d.token("owner");
            Map<String, JsonNode> dGroups = byName(d.api("GET", dOwner, "/permission-groups", null).json());
            assertEquals("review", levels(dGroups.get("Team lead")).get("invoices"));
            assertEquals(List.of("Team lead"), texts(byName(d.api("GET", dOwner, "/presets", null).json()).get("Team lead").get("permissionGroups")));

            assertEquals(204, c.api("DELETE", cOwner, "/presets/Team%20lead", null).status());
            assertEquals(1, c.api("GET", cOwner, "/presets", null).json().size());
            assertTrue(c.keycloakGroups().containsKey("Team lead"), "deleting a preset keeps its groups");
        } finally {
            setTemplate(null);
        }
    }

    static String userId(String email) {
        return realm.adminGet("/users?exact=true&email=" + Http.enc(email)).get(0).get("id").asText();
    }

    static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> named = new HashMap<>();
        array.forEach(item -> named.put(item.get("name").asText(), item));
        return named;
    }

    static void setTemplate(String template) {
        ObjectNode representation = (ObjectNode) realm.adminGet("");
        ObjectNode attributes = (ObjectNode) representation.get("attributes");
        // Blank is no template (a PUT may keep attributes it does not mention).
        attributes.put(TEMPLATE, template == null ? "" : template);
        Http.Reply updated = realm.admin("PUT", "", representation);
        assertEquals(204, updated.status(), updated.toString());
    }
}

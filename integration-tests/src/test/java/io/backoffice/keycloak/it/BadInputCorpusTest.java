package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * The SPEC's "Bad input" section as a corpus: malformed and truncated JSON, wrong types, huge bodies,
 * overlong strings, unicode edge cases, markup, control characters, SQL-looking strings, unknown and
 * foreign ids, missing and duplicate fields, wrong content types and wrong query parameters, sent to
 * every endpoint that takes input (organization API and realm-admin extension), and odd PINs to the
 * Staff PIN form. Every case must be a 4xx with exactly {@code {"error", "message"}} (the PIN form: the
 * PIN page again with its normal message), and must leave the organizations as they were: after each
 * case a full read of administrators (confirmed or not), groups, settings and owner of both
 * organizations, and the realm's user count, is compared with the one before the corpus.
 */
class BadInputCorpusTest {

    enum Kind { TEXT, EMAIL, ENUM, ID, INT, GROUP_NAMES, PERMISSIONS }

    record Field(String name, Kind kind, boolean required) {
    }

    /** An endpoint taking a JSON body; {@code base} is a valid body; {@code partial}: absent fields are fine. */
    record Target(String label, String method, Supplier<String> url, Supplier<String> token, Map<String, Object> base,
                  List<Field> fields, boolean partial) {
    }

    /** Placeholders for what Jackson will not write: lone surrogates as JSON escapes. */
    private static final String LONE_HIGH = "__LONE_HIGH__";
    private static final String LONE_LOW = "__LONE_LOW__";
    private static final int MIB = 1024 * 1024;

    static TestRealm realm;
    static TestOrganization org;
    static TestOrganization other;
    static String cashierId;
    static String frontStaffId;
    static String foreignUserId;
    static String foreignGroupId;
    static String integrationId;
    static String foreignIntegrationId;
    static String baseline;
    static int cases;
    static final List<String> failures = new ArrayList<>();
    static final Map<String, Integer> counts = new TreeMap<>();
    private static String ownerToken;
    private static long ownerTokenAt;
    private static String otherOwnerToken;

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("badinput");
        Mailbox.configure(realm);
        org = TestOrganization.create(realm);
        other = TestOrganization.create(realm);
        cashierId = org.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        foreignUserId = other.addAdministrator("cashier", TestOrganization.FRONT_STAFF);
        frontStaffId = groupId(org, TestOrganization.FRONT_STAFF);
        foreignGroupId = groupId(other, TestOrganization.FRONT_STAFF);
        integrationId = org.createIntegration("Sync", TestOrganization.FRONT_STAFF).get("id").asText();
        foreignIntegrationId = other.createIntegration("Their sync", TestOrganization.FRONT_STAFF).get("id").asText();
    }

    private static String groupId(TestOrganization organization, String name) {
        for (JsonNode group : organization.api("GET", organization.ownerToken(), "/permission-groups", null).json()) {
            if (name.equals(group.get("name").asText())) {
                return group.get("id").asText();
            }
        }
        throw new AssertionError("no group " + name);
    }

    private static synchronized String owner() {
        if (ownerToken == null || System.currentTimeMillis() - ownerTokenAt > 60_000) {
            ownerToken = org.ownerToken();
            otherOwnerToken = other.ownerToken();
            ownerTokenAt = System.currentTimeMillis();
        }
        return ownerToken;
    }

    /** Everything a refused request could have half-written, read through both APIs. */
    private static String snapshot() {
        owner();
        StringBuilder state = new StringBuilder();
        for (TestOrganization o : List.of(org, other)) {
            String token = o == org ? ownerToken : otherOwnerToken;
            state.append(read(o.api("GET", token, "/administrators?max=200", null)))
                    .append(read(o.api("GET", token, "/permission-groups", null)))
                    .append(read(o.api("GET", token, "/presets", null)))
                    .append(read(o.api("GET", token, "/settings", null)))
                    .append(read(o.api("GET", token, "/integrations?max=200", null)))
                    .append(read(realm.backofficeAdmin("GET", "/organizations/" + o.id + "/administrators", null)))
                    .append(read(realm.backofficeAdmin("GET", "/organizations/" + o.id + "/owner", null)));
        }
        state.append(read(realm.admin("GET", "/users/count", null)));
        state.append(integrationClients(realm.admin("GET", "/clients?clientId=integration-&search=true", null)));
        return state.toString();
    }

    /**
     * The integrations' clients as a refused request could have touched them (made, enabled, renamed), sorted:
     * Keycloak lists a client's default scopes in no fixed order, which is no change.
     */
    private static String integrationClients(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        List<String> clients = new ArrayList<>();
        for (JsonNode client : reply.json()) {
            clients.add(client.path("id").asText() + " " + client.path("clientId").asText() + " enabled="
                    + client.path("enabled").asBoolean() + " " + client.path("name").asText());
        }
        clients.sort(null);
        return String.join(", ", clients) + "\n";
    }

    private static String read(Http.Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        return reply.body() + "\n";
    }

    // --- the endpoints that take a body ---

    private static List<Target> targets() {
        Supplier<String> admin = TestRealm::adminToken;
        Supplier<String> owner = BadInputCorpusTest::owner;
        String support = "/organizations/" + org.id;
        List<Field> newAdministrator = List.of(new Field("email", Kind.EMAIL, true), new Field("firstName", Kind.TEXT, true),
                new Field("lastName", Kind.TEXT, true), new Field("permissionGroups", Kind.GROUP_NAMES, true),
                new Field("status", Kind.ENUM, false), new Field("pinMode", Kind.ENUM, false));
        List<Field> group = List.of(new Field("name", Kind.TEXT, true), new Field("description", Kind.TEXT, false),
                new Field("permissions", Kind.PERMISSIONS, true));
        return List.of(
                new Target("POST administrators", "POST", () -> org.url("/administrators"), owner,
                        ordered("email", org.email("newcomer"), "firstName", "Nina", "lastName", "New",
                                "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "status", "ACTIVE", "pinMode", "NONE"),
                        newAdministrator, false),
                new Target("PUT administrators/{id}", "PUT", () -> org.url("/administrators/" + cashierId), owner,
                        ordered("firstName", "Cashier", "lastName", "Tester", "status", "ACTIVE",
                                "permissionGroups", List.of(TestOrganization.FRONT_STAFF), "pinMode", "NONE",
                                "email", org.email("cashier"), "username", org.email("cashier")),
                        List.of(new Field("firstName", Kind.TEXT, false), new Field("lastName", Kind.TEXT, false),
                                new Field("status", Kind.ENUM, false), new Field("permissionGroups", Kind.GROUP_NAMES, false),
                                new Field("pinMode", Kind.ENUM, false), new Field("email", Kind.EMAIL, false),
                                new Field("username", Kind.EMAIL, false)), true),
                new Target("PUT settings", "PUT", () -> org.url("/settings"), owner, ordered("pinLength", 6),
                        List.of(new Field("pinLength", Kind.INT, true)), false),
                new Target("POST permission-groups", "POST", () -> org.url("/permission-groups"), owner,
                        ordered("name", "Newcomers", "description", "New people", "permissions", List.of("pos:sell")), group, false),
                new Target("PUT permission-groups/{id}", "PUT", () -> org.url("/permission-groups/" + frontStaffId), owner,
                        ordered("name", TestOrganization.FRONT_STAFF, "permissions", List.of("pos:sell")), group, false),
                new Target("PUT presets/{name}", "PUT", () -> org.url("/presets/Starters"), owner,
                        ordered("permissionGroups", List.of(TestOrganization.FRONT_STAFF)),
                        List.of(new Field("permissionGroups", Kind.GROUP_NAMES, true)), false),
                new Target("POST integrations", "POST", () -> org.url("/integrations"), owner,
                        ordered("name", "Ledger sync", "description", "Nightly", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)),
                        List.of(new Field("name", Kind.TEXT, true), new Field("description", Kind.TEXT, false),
                                new Field("permissionGroups", Kind.GROUP_NAMES, true)), false),
                new Target("PUT integrations/{id}", "PUT", () -> org.url("/integrations/" + integrationId), owner,
                        ordered("name", "Sync", "status", "ACTIVE", "permissionGroups", List.of(TestOrganization.FRONT_STAFF)),
                        List.of(new Field("name", Kind.TEXT, false), new Field("description", Kind.TEXT, false),
                                new Field("status", Kind.ENUM, false), new Field("permissionGroups", Kind.GROUP_NAMES, false)), true),
                new Target("PUT administrators/{id}/personal-grants", "PUT", () -> org.url("/administrators/" + cashierId + "/personal-grants"),
                        owner, ordered("permissions", List.of("pos:refund")),
                        List.of(new Field("permissions", Kind.PERMISSIONS, false)), true),
                new Target("realm-admin POST owner", "POST", () -> realm.adminUrl("/backoffice" + support + "/owner"), admin,
                        ordered("email", org.email("boss"), "firstName", "Bo", "lastName", "Boss"),
                        List.of(new Field("email", Kind.EMAIL, false), new Field("firstName", Kind.TEXT, false),
                                new Field("lastName", Kind.TEXT, false), new Field("userId", Kind.ID, false)), true),
                new Target("realm-admin PUT owner", "PUT", () -> realm.adminUrl("/backoffice" + support + "/owner"), admin,
                        ordered("userId", cashierId, "previousOwnerPermissionGroups", List.of(TestOrganization.FRONT_STAFF)),
                        List.of(new Field("userId", Kind.ID, true), new Field("previousOwnerPermissionGroups", Kind.GROUP_NAMES, true)), false),
                new Target("realm-admin POST administrators", "POST", () -> realm.adminUrl("/backoffice" + support + "/administrators"), admin,
                        ordered("email", org.email("helper"), "firstName", "Hal", "lastName", "Helper",
                                "permissionGroups", List.of(TestOrganization.FRONT_STAFF)),
                        List.of(new Field("email", Kind.EMAIL, false), new Field("firstName", Kind.TEXT, false),
                                new Field("lastName", Kind.TEXT, false), new Field("permissionGroups", Kind.GROUP_NAMES, true),
                                new Field("userId", Kind.ID, false)), false),
                new Target("realm-admin PUT pin-settings", "PUT",
                        () -> realm.adminUrl("/backoffice" + support + "/administrators/" + cashierId + "/pin-settings"), admin,
                        ordered("pinMode", "NONE"), List.of(new Field("pinMode", Kind.ENUM, true)), false),
                new Target("realm-admin PUT status", "PUT",
                        () -> realm.adminUrl("/backoffice" + support + "/administrators/" + cashierId + "/status"), admin,
                        ordered("status", "ACTIVE"), List.of(new Field("status", Kind.ENUM, true)), false));
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    // --- what is sent ---

    /** Strings that must never pass as a name, id, email, enum or permission. */
    private static Map<String, String> hostileStrings(Kind kind) {
        Map<String, String> strings = new LinkedHashMap<>();
        strings.put("overlong (256)", "x".repeat(256));
        strings.put("overlong (60,000)", "y".repeat(60_000));
        strings.put("RTL override", "\u202Eevil.exe");
        strings.put("zero-width space", "Ann\u200Bie");
        strings.put("bidi isolate", "\u2067Ann\u2069");
        strings.put("byte order mark", "\uFEFFAnn");
        strings.put("lone high surrogate (JSON escape)", "Ann" + LONE_HIGH);
        strings.put("lone low surrogate (JSON escape)", LONE_LOW + "Ann");
        strings.put("NUL", "Ann\u0000ie");
        strings.put("bell", "Ann\u0007");
        strings.put("line break", "Ann\nie");
        strings.put("DEL", "Ann\u007F");
        strings.put("markup", "<b>Ann</b>");
        strings.put("script", "<script>alert(1)</script>");
        if (kind != Kind.TEXT) {
            // Free text may legitimately hold quotes and dashes (O'Brien); everywhere else these are unknown values.
            strings.put("SQL quote", "' OR '1'='1");
            strings.put("SQL statement", "x'); DROP TABLE BOA_ADMINISTRATOR; --");
            strings.put("blank", "   ");
        }
        return strings;
    }

    /** Values of the wrong JSON type for a field of this kind. */
    private static Map<String, Object> wrongTypes(Kind kind) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("number", 123);
        values.put("float", 1.5);
        values.put("boolean", true);
        values.put("object", Map.of("value", "x"));
        switch (kind) {
            case GROUP_NAMES, PERMISSIONS -> {
                values.put("string instead of list", "pos:sell");
                values.put("list of numbers", List.of(1, 2));
                values.put("list with null", java.util.Arrays.asList("pos:sell", null));
                values.put("nested list", List.of(List.of("pos:sell")));
                values.put("empty string", "");
            }
            case INT -> {
                values.put("number as text", "6");
                values.put("text", "six");
                values.put("empty string", "");
                values.put("list", List.of(6));
                values.put("float with zero fraction", 6.0);
                values.put("huge number", new java.math.BigInteger("99999999999999999999999"));
                values.put("too small", 1);
                values.put("too large", 13);
                values.put("negative", -6);
            }
            case ENUM -> {
                values.remove("number");
                values.put("enum index", 0);
                values.put("enum index 1", 1);
                values.put("lower case", "active");
                values.put("unknown constant", "OWNER");
                values.put("padded constant", " ACTIVE ");
                values.put("constant with a NUL", "INACTIVE\u0000");
                values.put("empty string", "");
                values.put("list", List.of("ACTIVE"));
            }
            default -> values.put("list", List.of("x"));
        }
        return values;
    }

    private static String json(Object value) {
        return Http.write(value).replace(LONE_HIGH, "\\ud800").replace(LONE_LOW, "\\udc00");
    }

    // --- running and checking one case ---

    private static void expectRefused(String target, String label, String method, String url, String token, String body, String contentType) {
        Http.Reply reply;
        try {
            reply = body == null ? HTTP.send(method, url, token, null) : HTTP.send(method, url, token, body, contentType);
        } catch (RuntimeException e) {
            failures.add(target + " / " + label + ": no answer (" + e + ")");
            cases++;
            return;
        }
        cases++;
        counts.merge(target, 1, Integer::sum);
        if (reply.status() < 400 || reply.status() >= 500) {
            failures.add(target + " / " + label + ": expected a 4xx, got " + abbreviated(reply));
        } else if (!OpenApiContractTest.isOurError(reply)) {
            failures.add(target + " / " + label + ": not the {error, message} shape: " + abbreviated(reply));
        }
        String now = snapshot();
        if (!now.equals(baseline)) {
            failures.add(target + " / " + label + ": the organizations changed (" + abbreviated(reply) + "): "
                    + firstDifference(baseline, now));
            baseline = now;
        }
    }

    /** The first snapshot line that differs, before and after, so a failure says what changed. */
    private static String firstDifference(String before, String after) {
        String[] was = before.split("\n", -1);
        String[] is = after.split("\n", -1);
        for (int i = 0; i < Math.max(was.length, is.length); i++) {
            String a = i < was.length ? was[i] : "";
            String b = i < is.length ? is[i] : "";
            if (!a.equals(b)) {
                return "snapshot line " + i + " was " + a + " and is now " + b;
            }
        }
        return "no line differs";
    }

    private static String abbreviated(Http.Reply reply) {
        String text = reply.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void bodyCase(Target target, String label, String body) {
        bodyCase(target, label, body, "application/json");
    }

    private static void bodyCase(Target target, String label, String body, String contentType) {
        expectRefused(target.label(), label, target.method(), target.url().get(), target.token().get(), body, contentType);
    }

    private static void withField(Target target, String label, String field, Object value) {
        Map<String, Object> body = new LinkedHashMap<>(target.base());
        body.put(field, value);
        bodyCase(target, field + ": " + label, json(body));
    }

    @Test
    @DisplayName("Bad input (SPEC), R-AUTHZ-1, R-OWNER-3, R-OWNER-4, R-GROUP-1, R-ADMIN-1, R-PIN-1, R-API-1: every endpoint that takes input refuses the corpus with 4xx {error, message} and changes nothing")
    void corpus() {
        baseline = snapshot();
        for (Target target : targets()) {
            String base = json(target.base());
            // Malformed and truncated JSON, and bodies that are JSON but not an object.
            List<String> malformed = new ArrayList<>(List.of("{", "}", "{\"", "not json", "{'a': 'b'}", "{\"a\":1,}", "{,}",
                    "[]", "[" + base + "]", "\"text\"", "42", "true", "null", base + base, base + " trailing", "<xml/>",
                    "{\"a\" \"b\"}", "\u0000", "{\"a\":\u0001}", "{\"a\":01}", "{\"a\":NaN}"));
            for (int cut : new int[] {1, base.length() / 3, base.length() / 2, base.length() - 1}) {
                malformed.add(base.substring(0, cut));
            }
            for (int i = 0; i < malformed.size(); i++) {
                bodyCase(target, "malformed #" + i + " " + abbreviate(malformed.get(i)), malformed.get(i));
            }
            bodyCase(target, "no body", null);
            bodyCase(target, "empty body", "");
            bodyCase(target, "blank body", "   \n");
            // Huge bodies: a valid-looking one over 1 MiB, garbage over 1 MiB, deep nesting under the size limit.
            Map<String, Object> padded = new LinkedHashMap<>(target.base());
            padded.put(target.fields().get(0).name(), "z".repeat(MIB + 1024));
            bodyCase(target, "huge valid-looking body (1 MiB+)", json(padded));
            bodyCase(target, "huge garbage (1 MiB+)", "{" + "\"a\":".repeat(MIB / 4));
            bodyCase(target, "deep nesting", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
            // Unknown, duplicate and missing fields.
            Map<String, Object> unknown = new LinkedHashMap<>(target.base());
            unknown.put("owner", true);
            bodyCase(target, "unknown field 'owner'", json(unknown));
            Map<String, Object> unknownOnly = new LinkedHashMap<>(target.base());
            unknownOnly.put("organizationId", other.id);
            bodyCase(target, "unknown field 'organizationId'", json(unknownOnly));
            for (Field field : target.fields()) {
                String duplicated = base.substring(0, base.length() - 1) + ","
                        + Http.write(field.name()) + ":" + Http.write(invalidValue(field)) + "}";
                bodyCase(target, field.name() + ": duplicate field", duplicated);
                if (field.required() && !target.partial()) {
                    Map<String, Object> missing = new LinkedHashMap<>(target.base());
                    missing.remove(field.name());
                    bodyCase(target, field.name() + ": missing", json(missing));
                    Map<String, Object> nulled = new LinkedHashMap<>(target.base());
                    nulled.put(field.name(), null);
                    bodyCase(target, field.name() + ": null", json(nulled));
                }
            }
            // Wrong content types for a body that is otherwise valid.
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x", "text/html")) {
                bodyCase(target, "content type " + type, base, type);
            }
            // Wrong types and hostile strings, field by field.
            for (Field field : target.fields()) {
                wrongTypes(field.kind()).forEach((label, value) -> withField(target, "wrong type (" + label + ")", field.name(), value));
                hostileStrings(field.kind()).forEach((label, value) -> {
                    Object placed = field.kind() == Kind.GROUP_NAMES || field.kind() == Kind.PERMISSIONS ? List.of(value) : value;
                    withField(target, label, field.name(), placed);
                });
                foreignValues(field.kind()).forEach((label, value) -> {
                    // R-ADMIN-1: one login may administer several organizations, so adding another organization's
                    // administrator by user id is a legitimate support request, not bad input.
                    if (!(target.label().equals("realm-admin POST administrators") && value.equals(foreignUserId))) {
                        withField(target, label, field.name(), value);
                    }
                });
            }
        }
        pathAndQueryCases();
        report("JSON API");
    }

    /** A value no endpoint accepts for this field, for the second of two duplicate fields. */
    private static Object invalidValue(Field field) {
        return switch (field.kind()) {
            case INT -> 99;
            case GROUP_NAMES, PERMISSIONS -> List.of("no-such-" + field.name());
            case EMAIL -> "not-an-email";
            default -> "<" + field.name() + ">";
        };
    }

    /** Ids and names that exist, but in the other organization, or nowhere. */
    private static Map<String, Object> foreignValues(Kind kind) {
        Map<String, Object> values = new LinkedHashMap<>();
        switch (kind) {
            case GROUP_NAMES -> {
                values.put("another organization's group id", List.of(foreignGroupId));
                values.put("unknown group", List.of("No such group"));
                values.put("empty list", List.of());
                values.put("too many groups", java.util.Collections.nCopies(600, "No such group"));
            }
            case PERMISSIONS -> {
                values.put("another organization's group id as a permission", List.of(foreignGroupId));
                values.put("unknown permission", List.of("pos:sell", "pos:steal"));
                values.put("realm role name", List.of("offline_access"));
                values.put("too many permissions", java.util.Collections.nCopies(501, "pos:sell"));
            }
            case ID -> {
                values.put("another organization's administrator", foreignUserId);
                values.put("unknown user id", UUID.randomUUID().toString());
                values.put("a group id as a user id", frontStaffId);
            }
            default -> {
            }
        }
        return values;
    }

    private static void pathAndQueryCases() {
        String owner = owner();
        Map<String, String> unknownIds = new LinkedHashMap<>();
        unknownIds.put("random UUID", UUID.randomUUID().toString());
        unknownIds.put("SQL", "1' OR '1'='1");
        unknownIds.put("markup", "<script>alert(1)</script>");
        unknownIds.put("overlong", "9".repeat(2000));
        unknownIds.put("unicode", "\u202E\u200Bid");
        Map<String, String> administratorIds = new LinkedHashMap<>(unknownIds);
        administratorIds.put("another organization's administrator", foreignUserId);
        administratorIds.put("a group id", frontStaffId);
        Map<String, String> groupIds = new LinkedHashMap<>(unknownIds);
        groupIds.put("another organization's group", foreignGroupId);
        groupIds.put("a user id", cashierId);
        String validEdit = Http.write(Map.of("firstName", "Cashier"));
        String validGroup = Http.write(Map.of("name", "Front staff", "permissions", List.of("pos:sell")));
        administratorIds.forEach((label, id) -> {
            String path = "/administrators/" + pathSegment(id);
            expectRefused("GET administrators/{id}", label, "GET", org.url(path), owner, null, null);
            expectRefused("PUT administrators/{id}", label, "PUT", org.url(path), owner, validEdit, "application/json");
            expectRefused("POST administrators/{id}/regenerate-pin", label, "POST", org.url(path + "/regenerate-pin"), owner, null, null);
            String support = "/backoffice/organizations/" + org.id + path;
            expectRefused("realm-admin PUT pin-settings", label, "PUT", realm.adminUrl(support + "/pin-settings"), TestRealm.adminToken(),
                    Http.write(Map.of("pinMode", "NONE")), "application/json");
            expectRefused("realm-admin PUT status", label, "PUT", realm.adminUrl(support + "/status"), TestRealm.adminToken(),
                    Http.write(Map.of("status", "ACTIVE")), "application/json");
        });
        Map<String, String> integrationIds = new LinkedHashMap<>(unknownIds);
        integrationIds.put("another organization's integration", foreignIntegrationId);
        integrationIds.put("an administrator's user id", cashierId);
        integrationIds.forEach((label, id) -> {
            String path = "/integrations/" + pathSegment(id);
            expectRefused("GET integrations/{id}", label, "GET", org.url(path), owner, null, null);
            expectRefused("PUT integrations/{id}", label, "PUT", org.url(path), owner, Http.write(Map.of("status", "INACTIVE")), "application/json");
            expectRefused("POST integrations/{id}/rotate-secret", label, "POST", org.url(path + "/rotate-secret"), owner, null, null);
        });
        groupIds.forEach((label, id) -> {
            String path = "/permission-groups/" + pathSegment(id);
            expectRefused("GET permission-groups/{id}", label, "GET", org.url(path), owner, null, null);
            expectRefused("PUT permission-groups/{id}", label, "PUT", org.url(path), owner, validGroup, "application/json");
            expectRefused("DELETE permission-groups/{id}", label, "DELETE", org.url(path), owner, null, null);
        });
        unknownIds.forEach((label, id) -> {
            String support = "/backoffice/organizations/" + pathSegment(id);
            expectRefused("realm-admin GET administrators", "organization " + label, "GET", realm.adminUrl(support + "/administrators"),
                    TestRealm.adminToken(), null, null);
            expectRefused("realm-admin GET owner", "organization " + label, "GET", realm.adminUrl(support + "/owner"), TestRealm.adminToken(), null, null);
            expectRefused("realm-admin PUT owner", "organization " + label, "PUT", realm.adminUrl(support + "/owner"), TestRealm.adminToken(),
                    Http.write(Map.of("userId", cashierId, "previousOwnerPermissionGroups", List.of(TestOrganization.FRONT_STAFF))), "application/json");
            expectRefused("organization API", "organization " + label, "GET",
                    TestRealm.base() + "/realms/" + realm.name() + "/backoffice/organizations/" + pathSegment(id) + "/me", owner, null, null);
        });

        Map<String, String> listQueries = new LinkedHashMap<>();
        listQueries.put("first=-1", "first=-1");
        listQueries.put("first=abc", "first=abc");
        listQueries.put("first=1.5", "first=1.5");
        listQueries.put("first overflow", "first=99999999999999");
        listQueries.put("max=0", "max=0");
        listQueries.put("max=-5", "max=-5");
        listQueries.put("max huge", "max=1000000");
        listQueries.put("max overflow", "max=2147483648");
        listQueries.put("max=abc", "max=abc");
        listQueries.put("max=0x10", "max=0x10");
        listQueries.put("status unknown", "status=OWNER");
        listQueries.put("status SQL", "status=" + Http.enc("ACTIVE' OR '1'='1"));
        listQueries.put("group unknown", "group=" + Http.enc("No such group"));
        listQueries.put("group of another organization (id)", "group=" + foreignGroupId);
        listQueries.put("group SQL", "group=" + Http.enc("' OR 1=1 --"));
        listQueries.put("search markup", "search=" + Http.enc("<script>"));
        listQueries.put("search NUL", "search=" + Http.enc("a\u0000b"));
        listQueries.put("search RTL override", "search=" + Http.enc("\u202Eabc"));
        listQueries.put("search overlong", "search=" + "s".repeat(300));
        listQueries.forEach((label, query) ->
                expectRefused("GET administrators?query", label, "GET", org.url("/administrators?" + query), owner, null, null));
        listQueries.entrySet().stream().filter(query -> query.getKey().startsWith("first") || query.getKey().startsWith("max")).forEach(query ->
                expectRefused("GET integrations?query", query.getKey(), "GET", org.url("/integrations?" + query.getValue()), owner, null, null));

        Map<String, String> comparisonQueries = new LinkedHashMap<>();
        comparisonQueries.put("unknown permission", "permission=pos:steal");
        comparisonQueries.put("markup", "permission=" + Http.enc("<script>"));
        comparisonQueries.put("SQL", "permission=" + Http.enc("pos:sell' OR '1'='1"));
        comparisonQueries.put("group id as a permission", "permission=" + foreignGroupId);
        comparisonQueries.put("overlong", "permission=" + "p".repeat(5000));
        comparisonQueries.forEach((label, query) ->
                expectRefused("GET permission-groups/comparison?query", label, "GET", org.url("/permission-groups/comparison?" + query), owner, null, null));
        // Not bad input: an empty value is no filter, as for the list's blank search (documented in the OpenAPI document).
        assertEquals(org.api("GET", owner, "/permission-groups/comparison", null).json(),
                org.api("GET", owner, "/permission-groups/comparison?permission=", null).json());
    }

    private static String pathSegment(String id) {
        return Http.enc(id).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        String shown = text.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
    }

    private static void report(String what) {
        System.out.println("Bad-input corpus (" + what + "): " + cases + " cases run");
        counts.forEach((target, n) -> System.out.printf("  %-45s %4d%n", target, n));
        assertTrue(cases > 300, "the corpus ran: " + cases);
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases + " cases were not refused cleanly:\n" + String.join("\n", failures));
    }

    // --- the Staff PIN form ---

    @Test
    @DisplayName("Bad input (SPEC), R-STEP-4, R-PIN-4: odd PINs at the Staff PIN form get the PIN page again with the normal message, never a 5xx; the right PIN still works afterwards")
    void pinForm() {
        realm.configureStaffPinStep(Map.of("attemptsPerLogin", "1000", "failuresPerWindow", "10000",
                "windowSeconds", "60", "lockSeconds", "1"));
        String desk = org.addAdministrator("desk", List.of(TestOrganization.FRONT_STAFF), Map.of("pinMode", "SHARED"));
        assertNotNull(desk);
        String holderId = org.addAdministrator("holder", TestOrganization.FRONT_STAFF);
        String pin = org.api("PUT", owner(), "/administrators/" + holderId, Map.of("pinMode", "PIN")).json().get("pin").asText();
        String before = snapshot();

        FormLogin login = realm.formLogin();
        FormLogin.Page page = login.password(org.email("desk"));
        assertTrue(page.isPinPage(), page.toString());
        FormLogin.Page wrong = login.pin(page, pin.equals("000000") ? "000001" : "000000");
        String invalid = wrong.feedback();
        assertTrue(!invalid.isEmpty(), "a wrong PIN shows a message: " + wrong);
        FormLogin.Page blank = login.submit(wrong, Map.of("pin", ""));
        String missing = blank.feedback();
        assertTrue(!missing.isEmpty(), "a missing PIN shows a message: " + blank);
        page = blank;

        Map<String, String> pins = new LinkedHashMap<>();
        pins.put("blank", "   ");
        pins.put("letters", "abcdef");
        pins.put("spaces inside", "12 34 56");
        pins.put("too long (13)", "1".repeat(13));
        pins.put("overlong (1,000)", "1".repeat(1000));
        pins.put("markup", "<script>alert(1)</script>");
        pins.put("RTL override", "\u202E123456");
        pins.put("zero-width space", "123\u200B456");
        pins.put("NUL", "123456\u0000");
        pins.put("control characters", "\u0007\u0008123456");
        pins.put("SQL", "' OR '1'='1");
        pins.put("Arabic-Indic digits", "\u0661\u0662\u0663\u0664\u0665\u0666");
        pins.put("fullwidth digits", "\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16");
        pins.put("signed", "-12345");
        pins.put("exponent", "1e5");
        pins.put("the right PIN with a letter", pin + "a");
        pins.put("the right PIN, one digit short", pin.substring(1));
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("duplicate pin fields", "pin=000000&pin=000001");
        raw.put("lone surrogate bytes", "pin=%ED%A0%80");
        raw.put("invalid UTF-8", "pin=%FF%FE");
        raw.put("no pin field", "other=123456");

        int run = 0;
        List<String> problems = new ArrayList<>();
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, String> entry : pins.entrySet()) {
            page = pinCase(login, page, entry.getKey(), () -> Map.of("pin", entry.getValue()), null, invalid, missing, problems, report);
            run++;
        }
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            page = pinCase(login, page, entry.getKey(), null, entry.getValue(), invalid, missing, problems, report);
            run++;
        }
        page = pinCase(login, page, "JSON body instead of a form", null, "{\"pin\":\"000000\"}", invalid, missing, problems, report);
        run++;
        // Refused by the HTTP layer before Keycloak reads the form: a 4xx, never the PIN page, never a 5xx.
        FormLogin.Page huge = login.submitEncoded(page, "pin", "pin=" + "1".repeat(MIB + 16), "application/x-www-form-urlencoded");
        report.add(String.format("%-32s -> %d (HTTP layer's form limit)", "huge (1 MiB+)", huge.status()));
        run++;
        if (huge.status() < 400 || huge.status() >= 500) {
            problems.add("PIN form / huge (1 MiB+): expected a 4xx from the form size limit, got " + huge);
        }
        System.out.println("Bad-input corpus (Staff PIN form): " + run + " cases run\n  " + String.join("\n  ", report));

        FormLogin.Page done = login.pin(page, pin);
        assertNotNull(done.code(), "the right PIN still completes the login after the corpus: " + done);
        assertEquals(before, snapshot(), "the PIN form changed nothing in the organizations");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private FormLogin.Page pinCase(FormLogin login, FormLogin.Page page, String label, Supplier<Map<String, String>> fields, String encoded,
                                   String invalid, String missing, List<String> problems, List<String> report) {
        FormLogin.Page answer;
        if (fields != null) {
            answer = login.submit(page, fields.get());
        } else if (encoded.startsWith("{")) {
            answer = login.submitEncoded(page, "pin", encoded, "application/json");
        } else {
            answer = login.submitEncoded(page, "pin", encoded, "application/x-www-form-urlencoded");
        }
        boolean normal = answer.status() == 200 && answer.isPinPage()
                && (answer.feedback().equals(invalid) || answer.feedback().equals(missing)) && answer.code() == null;
        report.add(String.format("%-32s -> %d %s", label, answer.status(), answer.feedback()));
        if (!normal) {
            problems.add("PIN form / " + label + ": expected the PIN page with its message, got " + answer
                    + (answer.status() >= 500 ? " (server error)" : ""));
            // Carry on from a fresh login, so one case does not hide the next.
            FormLogin.Page restarted = login.password(org.email("desk"));
            return restarted.isPinPage() ? restarted : page;
        }
        return answer;
    }
}

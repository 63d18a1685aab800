package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.HttpMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import io.backoffice.keycloak.admin.organization.OrganizationApiResource;
import io.backoffice.keycloak.admin.organization.OrganizationApiRoot;
import io.backoffice.keycloak.admin.realmadmin.OwnershipAdminResource;
import io.backoffice.keycloak.testkit.Http;

/**
 * The OpenAPI document ({@value OrganizationApiRoot#OPENAPI_DOCUMENT}) against the real thing, both ways:
 * every documented operation answers on the server with a documented status, and every JAX-RS resource
 * method of the organization API and the realm-admin extension (found by reflection) is documented.
 */
class OpenApiContractTest {

    private static final String ORGANIZATION_API = "/realms/{realm}/backoffice";
    private static final String REALM_ADMIN_API = "/admin/realms/{realm}/backoffice";
    private static final String RESOURCE_PACKAGE = "io/backoffice/keycloak/admin/";
    /** Locators declared as returning Object: what they return for the methods they serve (OPTIONS aside). */
    private static final Map<String, Class<?>> OBJECT_LOCATORS = Map.of(
            OrganizationApiRoot.class.getName() + ".organization", OrganizationApiResource.class);

    static TestRealm realm;
    static TestOrganization org;
    static String served;
    static Map<String, Object> document;
    private static String ownerToken;
    private static long ownerTokenAt;

    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public int compareTo(Route other) {
            return (path + " " + method).compareTo(other.path + " " + other.method);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void setUp() {
        realm = TestRealm.create("openapi");
        Mailbox.configure(realm);
        org = TestOrganization.create(realm);
        Http.Reply reply = fetchDocument(TestRealm.base() + "/realms/" + realm.name() + "/backoffice/openapi.yaml");
        assertEquals(200, reply.status(), reply.toString());
        assertTrue(reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"), reply.raw().headers().toString());
        served = reply.body();
        document = new Yaml(new SafeConstructor(new LoaderOptions())).load(served);
    }

    @Test
    @DisplayName("R-AUTHZ-1: the OpenAPI document is served without a token at /realms/{realm}/backoffice/openapi.yaml and is the one shipped in the JAR")
    void servedDocumentIsTheShippedOne() throws IOException {
        try (InputStream shipped = OrganizationApiRoot.class.getResourceAsStream(OrganizationApiRoot.OPENAPI_DOCUMENT)) {
            assertNotNull(shipped, "the document is in the JAR");
            assertEquals(new String(shipped.readAllBytes(), StandardCharsets.UTF_8), served);
        }
        assertTrue(String.valueOf(document.get("openapi")).startsWith("3."), "an OpenAPI 3 document");
        Map<String, Object> error = map(map(map(document.get("components")).get("schemas")).get("Error"));
        assertEquals(List.of("error", "message"), error.get("required"));
    }

    @Test
    @DisplayName("R-AUTHZ-1, R-AUTHZ-2: every documented path and method answers on the real server (not 404/405 from routing) with a documented status and documented fields")
    void everyDocumentedOperationAnswers() {
        List<String> report = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Route route : documentedRoutes()) {
            Map<String, Object> operation = operation(route);
            String url = TestRealm.base() + substitute(route.path());
            String token = route.path().startsWith("/admin/") ? TestRealm.adminToken()
                    : List.of().equals(operation.get("security")) ? null : ownerToken();
            Object example = requestExample(operation);
            Http.Reply reply = url.endsWith(".yaml") ? fetchDocument(url) : HTTP.send(route.method(), url, token, example);
            Map<String, Object> responses = map(operation.get("responses"));
            String status = Integer.toString(reply.status());
            boolean routed = (reply.status() != 404 && reply.status() != 405) || isOurError(reply);
            report.add(String.format("%-6s %-100s -> %s", route.method(), route.path(), status));
            if (!routed) {
                failures.add(route + ": not routed (" + reply + ")");
            } else if (reply.status() >= 500) {
                failures.add(route + ": server error " + reply);
            } else if (!responses.containsKey(status)) {
                failures.add(route + ": status " + status + " is not documented (" + responses.keySet() + "): " + reply);
            } else if (reply.status() < 300 && reply.body() != null && !reply.body().isEmpty() && isJson(reply)) {
                String undocumented = undocumentedFields(reply.json(), responseSchema(map(responses.get(status))));
                if (!undocumented.isEmpty()) {
                    failures.add(route + ": answer fields not in the document: " + undocumented);
                }
            } else if (reply.status() >= 400 && !isOurError(reply)) {
                failures.add(route + ": a refusal without the {error, message} shape: " + reply);
            }
        }
        System.out.println("OpenAPI operations against the server:\n  " + String.join("\n  ", report));
        assertTrue(report.size() >= 20, "the document lists the API: " + report.size());
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @DisplayName("R-AUTHZ-1: every JAX-RS resource method of the organization API and the realm-admin extension is in the document, and nothing else is")
    void everyResourceMethodIsDocumented() throws Exception {
        Set<Route> implemented = new TreeSet<>();
        Set<Class<?>> reached = new java.util.HashSet<>();
        walk(OrganizationApiRoot.class, ORGANIZATION_API, implemented, reached);
        walk(OwnershipAdminResource.class, REALM_ADMIN_API, implemented, reached);
        System.out.println("JAX-RS resource methods found by reflection (" + implemented.size() + "):\n  "
                + String.join("\n  ", implemented.stream().map(Route::toString).toList()));

        Set<Route> documented = new TreeSet<>(documentedRoutes());
        Set<Route> undocumented = new TreeSet<>(implemented);
        undocumented.removeAll(documented);
        Set<Route> unimplemented = new TreeSet<>(documented);
        unimplemented.removeAll(implemented);
        assertTrue(undocumented.isEmpty(), "resource methods missing from the document: " + undocumented);
        assertTrue(unimplemented.isEmpty(), "documented operations no resource method serves: " + unimplemented);

        // A resource class the walk from the two roots did not reach would escape both checks.
        List<String> unreached = resourceClasses().stream()
                .filter(type -> !reached.contains(type))
                .filter(type -> Stream.of(type.getMethods()).anyMatch(m -> httpMethod(m) != null && !HttpMethod.OPTIONS.equals(httpMethod(m))))
                .map(Class::getName).toList();
        assertTrue(unreached.isEmpty(), "resource classes with endpoints not reachable from the documented roots: " + unreached);
    }

    // --- reflection over the JAX-RS annotations ---

    private static void walk(Class<?> type, String prefix, Set<Route> routes, Set<Class<?>> reached) {
        if (!reached.add(type)) {
            return;
        }
        for (Method method : type.getMethods()) {
            jakarta.ws.rs.Path path = method.getAnnotation(jakarta.ws.rs.Path.class);
            String full = path == null ? prefix : join(prefix, path.value());
            String http = httpMethod(method);
            if (http != null) {
                if (!HttpMethod.OPTIONS.equals(http)) {
                    routes.add(new Route(http, full));
                }
            } else if (path != null) {
                Class<?> target = method.getReturnType() == Object.class
                        ? OBJECT_LOCATORS.get(type.getName() + "." + method.getName()) : method.getReturnType();
                assertNotNull(target, "a sub-resource locator returning Object that this test does not know: " + method);
                walk(target, full, routes, reached);
            }
        }
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Joins JAX-RS path templates; {@code {name: regex}} becomes {@code {name}}. */
    private static String join(String prefix, String path) {
        String joined = (prefix + "/" + path).replaceAll("/+", "/");
        joined = joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        return joined.endsWith("/") && joined.length() > 1 ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** Every class of our resource packages (organization API and realm-admin extension), from the JAR or class folder. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(OrganizationApiRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location.resolve(RESOURCE_PACKAGE))) {
                files.map(p -> location.relativize(p).toString().replace('\\', '/')).filter(n -> n.endsWith(".class")).forEach(names::add);
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(java.util.zip.ZipEntry::getName).filter(n -> n.startsWith(RESOURCE_PACKAGE) && n.endsWith(".class")).forEach(names::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            classes.add(Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false,
                    OpenApiContractTest.class.getClassLoader()));
        }
        assertTrue(classes.contains(OwnershipAdminResource.class), "found the resource classes in " + location);
        return classes;
    }

    // --- the document ---

    private static List<Route> documentedRoutes() {
        List<Route> routes = new ArrayList<>();
        map(document.get("paths")).forEach((path, item) -> map(item).keySet().stream()
                .filter(k -> List.of("get", "put", "post", "delete", "patch", "head", "options").contains(k))
                .forEach(method -> routes.add(new Route(method.toUpperCase(java.util.Locale.ROOT), path))));
        return routes;
    }

    private static Map<String, Object> operation(Route route) {
        return map(map(map(document.get("paths")).get(route.path())).get(route.method().toLowerCase(java.util.Locale.ROOT)));
    }

    private static Object requestExample(Map<String, Object> operation) {
        if (operation.get("requestBody") == null) {
            return null;
        }
        Map<String, Object> json = map(map(map(operation.get("requestBody")).get("content")).get("application/json"));
        assertNotNull(json.get("example"), "every documented request body has an example: " + operation.get("operationId"));
        return json.get("example");
    }

    private static Map<String, Object> responseSchema(Map<String, Object> response) {
        Object content = response.get("content");
        if (content == null) {
            return Map.of();
        }
        Object json = map(content).get("application/json");
        return json == null ? Map.of() : resolve(map(map(json).get("schema")));
    }

    /** Follows {@code $ref} and merges {@code allOf}. */
    private static Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            String[] parts = ((String) schema.get("$ref")).substring(2).split("/");
            Object target = document;
            for (String part : parts) {
                target = map(target).get(part);
            }
            return resolve(map(target));
        }
        // allOf: the parts' fields together; oneOf (GET me: an administrator or an integration): a field of either.
        if (schema.containsKey("allOf") || schema.containsKey("oneOf")) {
            Map<String, Object> merged = new LinkedHashMap<>(Map.of("type", "object"));
            Map<String, Object> properties = new LinkedHashMap<>();
            for (Object part : (List<?>) schema.getOrDefault("allOf", schema.get("oneOf"))) {
                Object partProperties = resolve(map(part)).get("properties");
                if (partProperties != null) {
                    properties.putAll(map(partProperties));
                }
            }
            merged.put("properties", properties);
            return merged;
        }
        return schema;
    }

    /** Field names of the answer that the documented schema does not list (top level and array items). */
    private static String undocumentedFields(JsonNode answer, Map<String, Object> schema) {
        if (schema.isEmpty()) {
            return "";
        }
        if (answer.isArray()) {
            Map<String, Object> items = resolve(map(schema.get("items")));
            Set<String> extra = new TreeSet<>();
            answer.forEach(element -> {
                String fields = undocumentedFields(element, items);
                if (!fields.isEmpty()) {
                    extra.add(fields);
                }
            });
            return String.join(", ", extra);
        }
        if (!answer.isObject() || schema.get("properties") == null) {
            return "";
        }
        Set<String> known = map(schema.get("properties")).keySet();
        Set<String> extra = new TreeSet<>();
        for (Iterator<String> names = answer.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                extra.add(name);
            }
        }
        return String.join(", ", extra);
    }

    // --- real ids for the path parameters: fresh ones per operation, so writes do not meet each other ---

    private static String substitute(String path) {
        String url = path.replace("{realm}", realm.name()).replace("{organizationId}", org.id)
                .replace("{path}", "administrators"); // an admin page screen: answered with index.html
        if (url.contains("{userId}")) {
            url = url.replace("{userId}", freshPinHolder());
        }
        url = url.replace("{presetName}", "Starters");
        if (url.contains("{groupId}")) {
            url = url.replace("{groupId}", realm.createPermissionGroup(org.id, "Group " + UUID.randomUUID().toString().substring(0, 8), List.of("pos:sell")));
        }
        if (url.contains("{integrationId}")) {
            url = url.replace("{integrationId}", org.createIntegration("Sync " + UUID.randomUUID().toString().substring(0, 8),
                    TestOrganization.FRONT_STAFF).get("id").asText());
        }
        assertTrue(!url.contains("{"), "every path parameter has a real value: " + url);
        return url;
    }

    /** As a browser or curl asks for it (Http.send asks for JSON only, which a YAML resource rightly refuses). */
    private static Http.Reply fetchDocument(String url) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Accept", "application/yaml, */*").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Http.Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One owner login per minute: a burst of dozens of password logins of one user within seconds has been
     * seen to trip the realm's brute-force detection (user_temporarily_disabled) on this loaded machine.
     */
    private static String ownerToken() {
        if (ownerToken == null || System.currentTimeMillis() - ownerTokenAt > 60_000) {
            ownerToken = org.ownerToken();
            ownerTokenAt = System.currentTimeMillis();
        }
        return ownerToken;
    }

    /** A confirmed "Front staff" PIN holder, made through the realm-admin extension (no owner login needed). */
    private static String freshPinHolder() {
        String email = org.email("target-" + UUID.randomUUID().toString().substring(0, 8));
        String id = realm.createUser(email, "Tess", "Target", true);
        Http.Reply added = realm.backofficeAdmin("POST", "/organizations/" + org.id + "/administrators",
                Map.of("userId", id, "permissionGroups", List.of(TestOrganization.FRONT_STAFF)));
        assertEquals(201, added.status(), added.toString());
        Http.Reply pin = realm.backofficeAdmin("PUT", "/organizations/" + org.id + "/administrators/" + id + "/pin-settings", Map.of("pinMode", "PIN"));
        assertEquals(200, pin.status(), pin.toString());
        return id;
    }

    private static boolean isJson(Http.Reply reply) {
        return reply.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/json");
    }

    /** Our refusal shape: the route exists and answered through our code. */
    static boolean isOurError(Http.Reply reply) {
        if (!isJson(reply)) {
            return false;
        }
        try {
            JsonNode body = Http.JSON.readTree(reply.body());
            return body != null && body.isObject() && body.path("error").isTextual() && body.path("message").isTextual() && body.size() == 2;
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertNotNull(value, "a part of the document is missing");
        return (Map<String, Object>) value;
    }
}

package io.backoffice.keycloak.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The README's start command: a stock Keycloak with our providers on the embedded dev-file database,
 * the demo realm imported, its administrators and PINs seeded through our own APIs, and the logins printed.
 * Outgoing mail goes to an SMTP server on loopback in this JVM ({@link MailCatcher}), which prints each
 * message's subject and links here. Usage: {@code java -cp ... DevServer <repository root>}; port with
 * {@code -Ddev.port} (default 8080), mail port with {@code -Ddev.smtp.port} (default 3025).
 */
public final class DevServer {

    static final String REALM = "demo";
    static final String ORGANIZATION_ALIAS = "demo-rec";

    /** Demo people: email, password, permission groups, PIN mode. */
    record DemoPerson(String email, String password, List<String> groups, String pinMode) {
    }

    static final DemoPerson OWNER = new DemoPerson("owner@demo-rec.example", "demo-owner-1", List.of(), "NONE");
    static final List<DemoPerson> STAFF = List.of(
            new DemoPerson("frontdesk@demo-rec.example", "demo-frontdesk-1", List.of("Front staff"), "SHARED"),
            new DemoPerson("alice@demo-rec.example", "demo-alice-1", List.of("Front staff", "Instructors"), "PIN"),
            new DemoPerson("bruno@demo-rec.example", "demo-bruno-1", List.of("Front staff"), "PIN"),
            new DemoPerson("carla@demo-rec.example", "demo-carla-1", List.of("Accountant"), "NONE"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    private DevServer(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String version = System.getProperty("keycloak.server.version");
        Path template = root.resolve("integration-tests/target/keycloak-template/keycloak-" + version);
        if (!Files.exists(template.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + template + ": run the build first (see dev.sh).");
        }
        Path home = root.resolve("integration-tests/target/keycloak-dev");
        int port = Integer.getInteger("dev.port", 8080);
        KeycloakServer server = KeycloakServer.prepare(template, home, port, List.of("start-dev", "--import-realm", "--features=organization"));
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(root.resolve("demo/realm-demo.json"), imports.resolve("realm-demo.json"), StandardCopyOption.REPLACE_EXISTING);
        MailCatcher mail = MailCatcher.start(Integer.getInteger("dev.smtp.port", 3025));
        server.start(Duration.ofMinutes(5));

        DevServer dev = new DevServer(server.baseUrl());
        dev.catchMail(mail.port());
        Map<String, String> pins = dev.seed();
        printLogins(server, pins, mail.port());
        System.exit(server.waitFor());
    }

    /** Points the demo realm's outgoing mail at the catcher (every start: the port may differ). */
    void catchMail(int smtpPort) throws IOException, InterruptedException {
        JsonNode saved = send("PUT", "/admin/realms/" + REALM, Map.of("smtpServer", Map.of("host", "127.0.0.1",
                "port", Integer.toString(smtpPort), "from", "no-reply@demo-rec.example", "fromDisplayName", "Demo back office",
                "auth", "false", "ssl", "false", "starttls", "false")));
        if (saved.has("error")) {
            throw new IllegalStateException("The demo realm's SMTP settings were not saved: " + saved);
        }
    }

    /** Makes the demo people administrators (once) and gives the PIN holders fresh PINs (every start). */
    Map<String, String> seed() throws IOException, InterruptedException {
        String organizationId = null;
        for (JsonNode organization : get("/admin/realms/" + REALM + "/organizations?max=1000")) {
            if (ORGANIZATION_ALIAS.equals(organization.path("alias").asText())) {
                organizationId = organization.get("id").asText();
            }
        }
        if (organizationId == null) {
            throw new IllegalStateException("The demo realm has no organization '" + ORGANIZATION_ALIAS + "'; see the server log.");
        }
        String api = "/admin/realms/" + REALM + "/backoffice/organizations/" + organizationId;
        // R-PIN-7: the demo organization ships with shared accounts unlocked.
        send("PUT", api + "/support", Map.of("sharedAccountsUnlocked", true));
        JsonNode owner = send("POST", api + "/owner", Map.of("userId", userId(OWNER.email())));
        log(owner.has("error") ? "Owner already set" : "Owner: " + OWNER.email());
        Map<String, String> pins = new LinkedHashMap<>();
        for (DemoPerson person : STAFF) {
            String userId = userId(person.email());
            send("POST", api + "/administrators", Map.of("userId", userId, "permissionGroups", person.groups()));
            JsonNode settings = send("PUT", api + "/administrators/" + userId + "/pin-settings", Map.of("pinMode", person.pinMode()));
            if (settings.has("pin")) {
                pins.put(person.email(), settings.get("pin").asText());
            } else if (settings.has("error")) {
                throw new IllegalStateException("Seeding " + person.email() + " failed: " + settings);
            }
        }
        return pins;
    }

    private static void printLogins(KeycloakServer server, Map<String, String> pins, int smtpPort) {
        String url = server.baseUrl();
        StringBuilder out = new StringBuilder("\n");
        out.append("  Keycloak with the back-office providers is running.\n");
        out.append("  Admin console:   ").append(url).append("/admin/  (").append(KeycloakServer.ADMIN_USER)
                .append(" / ").append(KeycloakServer.ADMIN_PASSWORD).append(")\n");
        out.append("  Demo realm:      ").append(url).append("/admin/master/console/#/").append(REALM).append("\n");
        out.append("  Account console: ").append(url).append("/realms/").append(REALM).append("/account\n");
        out.append("  Admin page:      ").append(url).append("/realms/").append(REALM).append("/backoffice/app/  (log in as a demo login below)\n");
        out.append("  Organization API: ").append(url).append("/realms/").append(REALM).append("/backoffice/organizations/{id}/...\n\n");
        out.append("  Demo logins (realm '").append(REALM).append("', organization '").append(ORGANIZATION_ALIAS).append("'):\n");
        out.append(String.format("    %-28s %-18s %s%n", OWNER.email(), OWNER.password(), "account owner"));
        for (DemoPerson person : STAFF) {
            String role = switch (person.pinMode()) {
                case "SHARED" -> "shared front-desk account";
                case "PIN" -> "PIN holder, PIN " + pins.getOrDefault(person.email(), "?") + " (new at every start)";
                default -> "administrator";
            };
            out.append(String.format("    %-28s %-18s %s (%s)%n", person.email(), person.password(), role,
                    String.join(", ", person.groups())));
        }
        out.append("\n  Mail: the demo realm sends through smtp://127.0.0.1:").append(smtpPort)
                .append(", caught here: each message's subject and links are printed below as [mail] lines.\n")
                .append("  Try it: as the owner, bring a new email in (organization admin page, or docs/organization-api.md),\n")
                .append("  then open the [mail] link to verify the address and choose a password.\n");
        out.append("\n  Server log: ").append(server.logFile()).append("\n  Stop with Ctrl+C.\n");
        System.out.println(out);
        System.out.flush();
    }

    private String userId(String email) throws IOException, InterruptedException {
        return get("/admin/realms/" + REALM + "/users?exact=true&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)).get(0).get("id").asText();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private JsonNode call(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + adminToken()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + KeycloakServer.ADMIN_USER
                + "&password=" + KeycloakServer.ADMIN_PASSWORD;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static void log(String message) {
        KeycloakServer.log(message);
    }
}

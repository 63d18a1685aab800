package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.testkit.Http;

/** What a user installs matches what we test: one Keycloak version, every provider JAR collected. */
class PackagingTest {

    private static final Path ROOT = Path.of(System.getProperty("project.root", ".."));

    @Test
    @DisplayName("The Dockerfile's Keycloak image is the version the pom runs in tests")
    void dockerfileMatchesThePom() throws IOException {
        String version = System.getProperty("keycloak.server.version");
        Matcher from = Pattern.compile("(?m)^FROM quay\\.io/keycloak/keycloak:(\\S+)").matcher(Files.readString(ROOT.resolve("docker/Dockerfile")));
        int images = 0;
        while (from.find()) {
            assertEquals(version, from.group(1), "FROM line of docker/Dockerfile");
            images++;
        }
        assertTrue(images > 0, "docker/Dockerfile has a FROM quay.io/keycloak/keycloak line");
    }

    @Test
    @DisplayName("dist/target/providers holds every provider JAR and nothing of Keycloak's")
    void distCollectsTheProviders() throws IOException {
        Path providers = ROOT.resolve("dist/target/providers");
        List<String> jars;
        try (var files = Files.list(providers)) {
            jars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("backoffice-admin-page.jar", "backoffice-authenticator-pin.jar", "backoffice-core.jar", "backoffice-permission-group-admin.jar",
                "backoffice-shared-account-mapper.jar", "backoffice-themes.jar"), jars);
        assertFalse(jars.stream().anyMatch(j -> j.startsWith("keycloak")), jars.toString());
    }

    @Test
    @DisplayName("The dev server gets exactly the providers a user installs: the test-only support provider only reaches the test server")
    void devServerHasNoTestOnlyProvider() throws IOException {
        Path template = Path.of(System.getProperty("keycloak.home")).resolve("providers");
        List<String> devJars;
        try (var files = Files.list(template)) {
            devJars = files.map(p -> p.getFileName().toString()).filter(name -> name.endsWith(".jar")).sorted().toList();
        }
        List<String> distJars;
        try (var files = Files.list(ROOT.resolve("dist/target/providers"))) {
            distJars = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(distJars, devJars, "what dev.sh deploys (copied from " + template + ")");
        try (var files = Files.list(TestServer.home().resolve("providers"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("backoffice-integration-tests-support.jar")),
                    "the test server has the support provider");
        }
    }

    @Test
    @DisplayName("R-CLAIM-4: the README documents the claims with a full example token carrying every claim the mapper emits")
    void readmeHasAFullExampleToken() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher json = Pattern.compile("(?s)```json\\s*(\\{.*?\\n})\\s*```").matcher(readme);
        boolean found = false;
        while (json.find()) {
            com.fasterxml.jackson.databind.JsonNode token = Http.JSON.readTree(json.group(1));
            if (token.has("act")) {
                found = true;
                for (String claim : List.of("organization", "owner", "status", "permission_groups", "permissions")) {
                    assertTrue(token.get("backoffice").has(claim), "README example token has backoffice." + claim);
                }
                for (String claim : List.of("sub", "preferred_username", "email", "name", "auth_time")) {
                    assertTrue(token.get("act").has(claim), "README example token has act." + claim);
                }
                assertTrue(token.get("shared_account").asBoolean());
            }
        }
        assertTrue(found, "README.md has a JSON example token with an act claim");
    }
}

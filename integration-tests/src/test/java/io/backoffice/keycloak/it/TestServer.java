package io.backoffice.keycloak.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.backoffice.keycloak.testing.KeycloakServer;

/**
 * The one Keycloak that every test class of a run shares: started on first use, stopped when the test
 * JVM exits. Tests isolate themselves by realm. Port: {@code -Dkc.test.port} (default 8180, so a dev
 * server on 8080 is left alone).
 */
public final class TestServer {

    private static KeycloakServer server;
    private static String dockerUrl;

    private TestServer() {
    }

    public static synchronized String baseUrl() {
        if (Boolean.getBoolean("kc.test.docker")) {
            return dockerBaseUrl();
        }
        if (server == null) {
            Path template = Path.of(System.getProperty("keycloak.home", "target/keycloak-template/keycloak"));
            int port = Integer.getInteger("kc.test.port", 8180);
            Path workDir = template.getParent().getParent().resolve("keycloak-test");
            KeycloakServer prepared = KeycloakServer.prepare(template, workDir, port,
                    List.of("start-dev", "--features=organization", "--log-level=INFO,io.backoffice:debug"),
                    Path.of(System.getProperty("test.providers", "target/test-providers")));
            try {
                KeycloakServer.deleteTree(workDir.resolve("data"));
                java.nio.file.Files.deleteIfExists(prepared.logFile());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            server = prepared.start(Duration.ofSeconds(Integer.getInteger("kc.test.start.timeout", 300)));
        }
        return server.baseUrl();
    }

    /** The -Pdocker profile: testcontainers, loaded by name so the default build does not need it. */
    @SuppressWarnings("unchecked")
    private static String dockerBaseUrl() {
        if (dockerUrl == null) {
            try {
                dockerUrl = ((java.util.function.Supplier<String>) Class.forName("io.backoffice.keycloak.it.DockerKeycloak")
                        .getDeclaredConstructor().newInstance()).get();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("The docker profile's sources are missing", e);
            }
        }
        return dockerUrl;
    }

    /** Stops the shared server (the last test class does, to read the database files). */
    public static synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public static synchronized Path home() {
        baseUrl();
        return server.home();
    }

    public static synchronized Path logFile() {
        baseUrl();
        return server.logFile();
    }
}

package io.backoffice.keycloak.it;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import dasniko.testcontainers.keycloak.KeycloakContainer;

/**
 * For people with Docker (`mvn -B verify -Pdocker`): the same tests against the official Keycloak image
 * through testcontainers-keycloak, our JARs from dist/target/providers. Not used by default, and it cannot
 * run on our CI machine (no Docker engine).
 */
public class DockerKeycloak implements Supplier<String> {

    @Override
    public String get() {
        Path providers = Path.of(System.getProperty("project.root", "..")).resolve("dist/target/providers");
        File[] jars = providers.toFile().listFiles((dir, name) -> name.endsWith(".jar"));
        KeycloakContainer keycloak = new KeycloakContainer("quay.io/keycloak/keycloak:" + System.getProperty("keycloak.server.version"))
                .withAdminUsername("admin")
                .withAdminPassword("admin")
                .withFeaturesEnabled("organization")
                .withProviderLibsFrom(List.of(jars));
        keycloak.start();
        Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop));
        return keycloak.getAuthServerUrl().replaceAll("/$", "");
    }
}

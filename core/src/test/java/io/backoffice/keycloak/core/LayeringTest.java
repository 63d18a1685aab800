package io.backoffice.keycloak.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layers of core (issue 16), read from the sources of every module: the provider modules call core's
 * {@code service} and read its {@code model}, never its {@code rules} or {@code store}; JPA lives in
 * {@code core/.../store} alone; {@code model} and {@code rules} know nothing of storage or services.
 */
class LayeringTest {

    private static final List<String> PROVIDER_MODULES = List.of("permission-group-admin", "shared-account-mapper", "authenticator-pin");
    private static final String CORE_PACKAGE = "io/backoffice/keycloak/core/";
    private static final Pattern CORE_REFERENCE = Pattern.compile("io\\.backoffice\\.keycloak\\.core\\.(\\w+)");
    private static final Pattern JPA = Pattern.compile("jakarta\\.persistence|org\\.keycloak\\.connections\\.jpa|\\bEntityManager\\b");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    /** The JPA entity-provider factory is where Keycloak lets us register our listeners on its model's events. */
    private static final String WIRING = CORE_PACKAGE + "store/jpa/BackofficeJpaEntityProviderFactory.java";

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    @DisplayName("Provider modules use core's service and model only, and no JPA")
    void providerModulesUseServicesAndModel() {
        Map<String, List<String>> offences = new TreeMap<>();
        for (String module : PROVIDER_MODULES) {
            for (Map.Entry<Path, String> source : sources(module + "/src/main/java").entrySet()) {
                List<String> found = new ArrayList<>(coreLayersReferenced(source.getValue(), layer -> !layer.equals("model") && !layer.equals("service")));
                if (JPA.matcher(source.getValue()).find()) {
                    found.add("JPA");
                }
                if (!found.isEmpty()) {
                    offences.put(ROOT.relativize(source.getKey()).toString(), found);
                }
            }
        }
        assertEquals(Map.of(), offences);
    }

    @Test
    @DisplayName("JPA only in core's store; model and rules free of services and storage; the store free of services")
    void coreLayers() {
        Map<String, List<String>> offences = new TreeMap<>();
        for (Map.Entry<Path, String> source : sources("core/src/main/java").entrySet()) {
            String path = ROOT.relativize(source.getKey()).toString().replace('\\', '/');
            String inCore = path.substring(path.indexOf(CORE_PACKAGE));
            List<String> found = new ArrayList<>();
            if (!inCore.startsWith(CORE_PACKAGE + "store/") && JPA.matcher(source.getValue()).find()) {
                found.add("JPA");
            }
            if (inCore.startsWith(CORE_PACKAGE + "model/") || inCore.startsWith(CORE_PACKAGE + "rules/")) {
                found.addAll(coreLayersReferenced(source.getValue(), layer -> layer.equals("service") || layer.equals("store")));
            }
            if (inCore.startsWith(CORE_PACKAGE + "store/") && !inCore.equals(WIRING)) {
                found.addAll(coreLayersReferenced(source.getValue(), layer -> layer.equals("service")));
            }
            if (!found.isEmpty()) {
                offences.put(path, found);
            }
        }
        assertEquals(Map.of(), offences);
    }

    /** The code (comments left out) of every Java file under {@code folder}; never empty, so a wrong path fails. */
    private static Map<Path, String> sources(String folder) {
        Path base = ROOT.resolve(folder);
        assertTrue(Files.isDirectory(base), "no sources at " + base);
        Map<Path, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(file, COMMENTS.matcher(Files.readString(file)).replaceAll(""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(sources.size() > 3, "too few sources at " + base);
        return sources;
    }

    private static List<String> coreLayersReferenced(String code, Predicate<String> forbidden) {
        List<String> found = new ArrayList<>();
        Matcher reference = CORE_REFERENCE.matcher(code);
        while (reference.find()) {
            String layer = reference.group(1);
            if (forbidden.test(layer) && !found.contains("core." + layer)) {
                found.add("core." + layer);
            }
        }
        return found;
    }
}

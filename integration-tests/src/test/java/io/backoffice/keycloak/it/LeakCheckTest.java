package io.backoffice.keycloak.it;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class on the shared server (see junit-platform.properties): every PIN
 * any test was given is looked for in the server log, all login and admin events of every realm, every
 * token the tests received, and the database files once the server is stopped.
 */
@Order(Integer.MAX_VALUE)
class LeakCheckTest {

    @Test
    @DisplayName("R-PIN-4: no PIN in clear in the server log, events, tokens or database after the whole suite")
    void noPinAnywhere() throws IOException {
        PinLeaks pins = new PinLeaks(TestHttp.ISSUED_PINS);
        Assumptions.assumeTrue(pins.count() > 0, "no PIN of " + PinLeaks.MIN_DIGITS + "+ digits was issued in this run");
        TreeSet<String> leaks = new TreeSet<>();

        StringBuilder events = new StringBuilder();
        for (JsonNode realm : HTTP.send("GET", TestRealm.base() + "/admin/realms", TestRealm.adminToken(), null).json()) {
            String name = realm.get("realm").asText();
            events.append(HTTP.send("GET", TestRealm.base() + "/admin/realms/" + name + "/events?max=100000", TestRealm.adminToken(), null).body());
            events.append(HTTP.send("GET", TestRealm.base() + "/admin/realms/" + name + "/admin-events?max=100000", TestRealm.adminToken(), null).body());
        }
        leaks.addAll(pins.in(events.toString()));

        int tokens = 0;
        for (String token : List.copyOf(TestHttp.SEEN_TOKENS)) {
            String[] parts = token.split("\\.");
            if (parts.length >= 2) {
                leaks.addAll(pins.in(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
                tokens++;
            }
        }

        Path log = TestServer.logFile();
        TestServer.stop();
        String logText = Files.readString(log, StandardCharsets.ISO_8859_1);
        leaks.addAll(pins.in(logText));

        long databaseBytes = 0;
        Path database = log.getParent().resolve("data");
        try (Stream<Path> files = Files.walk(database)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                databaseBytes += bytes.length;
                leaks.addAll(pins.in(new String(bytes, StandardCharsets.ISO_8859_1)));
            }
        }
        System.out.printf("[leak-check] %d PINs looked for in %d bytes of server log, %d bytes of events, %d tokens, %d bytes of database: %d found%n",
                pins.count(), logText.length(), events.length(), tokens, databaseBytes, leaks.size());
        assertTrue(tokens > 0, "the suite saw tokens");
        assertEquals(0, leaks.size(), "PINs found in clear: " + PinLeaks.describe(leaks));
    }
}

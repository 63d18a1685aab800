package io.backoffice.keycloak.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiClientsTest {

    @Test
    @DisplayName("R-AUTHZ-1: by default the catalogue client and the admin page's client; the realm attribute replaces the list")
    void allowedClients() {
        assertEquals(Set.of("back-office", "backoffice-admin-page"), ApiClients.parse(null));
        assertEquals(Set.of("back-office", "backoffice-admin-page"), ApiClients.parse("  "));
        assertEquals(Set.of("back-office", "pos-app"), ApiClients.parse("back-office, pos-app"));
        assertEquals(Set.of("a", "b", "c"), ApiClients.parse("a b,c\n"));
    }
}

package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.ProblemException;

class IntegrationRulesTest {

    @Test
    @DisplayName("R-API-1: a service account is never made an administrator, an owner or a shared account (409), a person is")
    void serviceAccountsAreNeverPeople() {
        ProblemException refused = assertThrows(ProblemException.class, () -> IntegrationRules.requirePerson(true));
        assertEquals(409, refused.status());
        assertEquals("service_account_not_a_person", refused.code());
        assertDoesNotThrow(() -> IntegrationRules.requirePerson(false));
    }
}

package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.ProblemException;

class OwnerOnlyRulesTest {

    @Test
    @DisplayName("R-PIN-2: the organization's PIN length is the owner's to change, even for a holder of every permission")
    void ownerOnly() {
        AdministratorFacts owner = new AdministratorFacts("o", AdministratorStatus.ACTIVE, true, true, Set.of());
        AdministratorFacts manager = new AdministratorFacts("m", AdministratorStatus.ACTIVE, true, false,
                Set.of(Permissions.MANAGE_ADMINISTRATORS, Permissions.MANAGE_PERMISSION_GROUPS));
        assertDoesNotThrow(() -> EscalationRules.requireOwner(owner, "the PIN length"));
        ProblemException refused = assertThrows(ProblemException.class, () -> EscalationRules.requireOwner(manager, "the PIN length"));
        assertEquals(403, refused.status());
        assertEquals("owner_only", refused.code());
    }
}

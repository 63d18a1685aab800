package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.store.AdministratorStatus;

class OwnerRulesTest {

    private static AdministratorFacts admin(AdministratorStatus status, boolean verified, boolean owner) {
        return new AdministratorFacts("u", status, verified, owner, Set.of());
    }

    private static String refusal(AdministratorFacts candidate) {
        return assertThrows(ProblemException.class, () -> OwnerRules.requireTransferTarget(candidate)).code();
    }

    @Test
    @DisplayName("R-OWNER-4: the new owner is an active, confirmed administrator who is not the owner yet")
    void transferTarget() {
        assertDoesNotThrow(() -> OwnerRules.requireTransferTarget(admin(AdministratorStatus.ACTIVE, true, false)));
        assertEquals("not_an_administrator", refusal(null));
        assertEquals("already_owner", refusal(admin(AdministratorStatus.ACTIVE, true, true)));
        assertEquals("new_owner_unconfirmed", refusal(admin(AdministratorStatus.ACTIVE, false, false)));
        assertEquals("new_owner_inactive", refusal(admin(AdministratorStatus.INACTIVE, true, false)));
    }

    @Test
    @DisplayName("R-ADMIN-2, R-ADMIN-4: only active, confirmed administrators have access")
    void access() {
        assertEquals(true, admin(AdministratorStatus.ACTIVE, true, false).hasAccess());
        assertEquals(false, admin(AdministratorStatus.ACTIVE, false, false).hasAccess());
        assertEquals(false, admin(AdministratorStatus.INACTIVE, true, true).hasAccess());
    }
}

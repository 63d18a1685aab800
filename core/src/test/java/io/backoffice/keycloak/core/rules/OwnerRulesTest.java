package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.AccessRefusal;
import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.ProblemException;

class OwnerRulesTest {

    private static AdministratorFacts admin(AdministratorStatus status, boolean verified, boolean owner) {
        return new AdministratorFacts("u", status, verified, owner, Set.of());
    }

    private static String refusal(AdministratorFacts candidate, AccessRefusal access) {
        return assertThrows(ProblemException.class, () -> OwnerRules.requireTransferTarget(candidate, Optional.ofNullable(access))).code();
    }

    @Test
    @DisplayName("R-OWNER-4: the new owner is an active, confirmed administrator who is not the owner yet")
    void transferTarget() {
        assertDoesNotThrow(() -> OwnerRules.requireTransferTarget(admin(AdministratorStatus.ACTIVE, true, false), Optional.empty()));
        assertEquals("not_an_administrator", refusal(null, null));
        assertEquals("already_owner", refusal(admin(AdministratorStatus.ACTIVE, true, true), null));
        assertEquals("new_owner_unconfirmed", refusal(admin(AdministratorStatus.ACTIVE, false, false), AccessRefusal.EMAIL_NOT_CONFIRMED));
        assertEquals("new_owner_inactive", refusal(admin(AdministratorStatus.INACTIVE, true, false), AccessRefusal.INACTIVE));
        assertEquals("new_owner_without_access", refusal(admin(AdministratorStatus.ACTIVE, true, false), AccessRefusal.NOT_A_MEMBER));
    }
}

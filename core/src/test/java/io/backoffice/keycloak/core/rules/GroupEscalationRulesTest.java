package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.ProblemException;

class GroupEscalationRulesTest {

    private static final AdministratorFacts OWNER = new AdministratorFacts("owner", AdministratorStatus.ACTIVE, true, true, Set.of());
    private static final AdministratorFacts GROUP_MANAGER = new AdministratorFacts("gm", AdministratorStatus.ACTIVE, true, false,
            Set.of(Permissions.MANAGE_PERMISSION_GROUPS, "pos:sell"));

    @Test
    @DisplayName("R-AUTHZ-4: a non-owner cannot edit or delete a permission group holding permissions they lack")
    void groupsHoldingMoreAreOutOfReach() {
        assertDoesNotThrow(() -> EscalationRules.requireCanChangeGroup(GROUP_MANAGER, Set.of("pos:sell")));
        assertDoesNotThrow(() -> EscalationRules.requireCanChangeGroup(GROUP_MANAGER, Set.of()));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> EscalationRules.requireCanChangeGroup(GROUP_MANAGER, Set.of("pos:sell", "finance:reports-own")));
        assertEquals(403, refused.status());
        assertEquals("escalation", refused.code());
        assertTrue(refused.getMessage().contains("finance:reports-own"), refused.getMessage());
        assertDoesNotThrow(() -> EscalationRules.requireCanChangeGroup(OWNER, Set.of("finance:reports-own")));
    }

    @Test
    @DisplayName("R-AUTHZ-2: managing permission groups needs org-settings:manage-permissions")
    void managingGroupsNeedsThePermission() {
        assertDoesNotThrow(() -> EscalationRules.requirePermission(GROUP_MANAGER, Permissions.MANAGE_PERMISSION_GROUPS));
        AdministratorFacts cashier = new AdministratorFacts("c", AdministratorStatus.ACTIVE, true, false, Set.of("pos:sell"));
        assertEquals(403, assertThrows(ProblemException.class,
                () -> EscalationRules.requirePermission(cashier, Permissions.MANAGE_PERMISSION_GROUPS)).status());
    }
}

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

class EscalationRulesTest {

    private static AdministratorFacts admin(String id, boolean owner, String... permissions) {
        return new AdministratorFacts(id, AdministratorStatus.ACTIVE, true, owner, Set.of(permissions));
    }

    private static final AdministratorFacts OWNER = admin("owner", true);
    private static final AdministratorFacts MANAGER = admin("manager", false, Permissions.MANAGE_ADMINISTRATORS, "pos:sell");
    private static final AdministratorFacts CASHIER = admin("cashier", false, "pos:sell");
    private static final AdministratorFacts ACCOUNTANT = admin("accountant", false, "finance:reports-own");

    @Test
    @DisplayName("R-AUTHZ-2: managing administrators needs org-settings:administrators; the owner may")
    void permissionNeeded() {
        assertDoesNotThrow(() -> EscalationRules.requirePermission(MANAGER, Permissions.MANAGE_ADMINISTRATORS));
        assertDoesNotThrow(() -> EscalationRules.requirePermission(OWNER, Permissions.MANAGE_PERMISSION_GROUPS));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> EscalationRules.requirePermission(CASHIER, Permissions.MANAGE_ADMINISTRATORS));
        assertEquals(403, refused.status());
    }

    @Test
    @DisplayName("R-AUTHZ-3: nobody changes their own status or groups, the owner included")
    void notSelf() {
        assertThrows(ProblemException.class, () -> EscalationRules.requireNotSelf(OWNER, "owner", "status"));
        assertThrows(ProblemException.class, () -> EscalationRules.requireNotSelf(MANAGER, "manager", "permission groups"));
        assertDoesNotThrow(() -> EscalationRules.requireNotSelf(MANAGER, "cashier", "status"));
    }

    @Test
    @DisplayName("R-AUTHZ-4: no granting of permissions one does not hold; the error names them")
    void noEscalationByGrant() {
        assertDoesNotThrow(() -> EscalationRules.requireCanGrant(MANAGER, Set.of("pos:sell")));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> EscalationRules.requireCanGrant(MANAGER, Set.of("pos:sell", "finance:reports-own")));
        assertEquals("escalation", refused.code());
        assertTrue(refused.getMessage().contains("finance:reports-own"), refused.getMessage());
        assertDoesNotThrow(() -> EscalationRules.requireCanGrant(OWNER, Set.of("anything")));
    }

    @Test
    @DisplayName("R-AUTHZ-4: no editing or deactivating an administrator who holds more")
    void noEscalationByManagingStrongerAdministrators() {
        assertDoesNotThrow(() -> EscalationRules.requireCanManage(MANAGER, CASHIER));
        assertThrows(ProblemException.class, () -> EscalationRules.requireCanManage(MANAGER, ACCOUNTANT));
        assertThrows(ProblemException.class, () -> EscalationRules.requireCanManage(CASHIER, MANAGER));
        assertDoesNotThrow(() -> EscalationRules.requireCanManage(OWNER, MANAGER));
    }

    @Test
    @DisplayName("R-OWNER-3: the owner's status, groups and owner flag are protected")
    void ownerProtected() {
        ProblemException refused = assertThrows(ProblemException.class, () -> EscalationRules.requireNotOwner(OWNER, "status"));
        assertEquals("owner_protected", refused.code());
        assertDoesNotThrow(() -> EscalationRules.requireNotOwner(MANAGER, "status"));
    }
}

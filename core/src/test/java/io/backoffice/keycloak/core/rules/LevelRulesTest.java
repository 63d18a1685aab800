package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.AreaScale;
import io.backoffice.keycloak.core.model.ProblemException;

class LevelRulesTest {

    private static final Set<String> ROLES = Set.of("finance:view", "finance:manage", "time-entry:self", "time-entry:self-and-others",
            "invoices:review", "invoices:manage", "approve-invoices:yes", "pos:sell", "broken:high");
    private static final Map<String, String> SCALES = Map.of(
            "finance:view", "none,view,manage", "finance:manage", "none,view,manage",
            "time-entry:self", "self,self-and-others", "time-entry:self-and-others", "self,self-and-others",
            "invoices:review", "none,review,manage", "invoices:manage", "none,review,manage",
            "approve-invoices:yes", "no,yes",
            // a level without its role is not an area
            "broken:high", "none,low,high");
    private static final Map<String, AreaScale> AREAS = LevelRules.areas(SCALES, ROLES);

    @Test
    @DisplayName("R-LEVEL-1: the catalogue declares each kind of scale; a scale missing a level role is no area")
    void scales() {
        assertEquals(Set.of("finance", "time-entry", "invoices", "approve-invoices"), AREAS.keySet());
        assertEquals(List.of("none", "view", "manage"), AREAS.get("finance").levels());
        assertTrue(AREAS.get("finance").rolelessBottom());
        assertEquals(List.of("self", "self-and-others"), AREAS.get("time-entry").levels());
        assertEquals(false, AREAS.get("time-entry").rolelessBottom());
        assertEquals(List.of("approve-invoices:yes"), AREAS.get("approve-invoices").roles());
    }

    @Test
    @DisplayName("R-LEVEL-1: a level becomes its role; the roleless lowest level none; unknown areas and levels are refused")
    void levelsToRoles() {
        assertEquals(List.of("finance:view"), LevelRules.rolesFor(Map.of("finance", "view"), AREAS));
        assertEquals(List.of(), LevelRules.rolesFor(Map.of("approve-invoices", "no"), AREAS));
        assertEquals(List.of("time-entry:self"), LevelRules.rolesFor(Map.of("time-entry", "self"), AREAS));
        ProblemException level = assertThrows(ProblemException.class, () -> LevelRules.rolesFor(Map.of("invoices", "view"), AREAS));
        assertEquals("unknown_level", level.code());
        assertTrue(level.getMessage().contains("none, review, manage"), level.getMessage());
        assertEquals("unknown_area", assertThrows(ProblemException.class, () -> LevelRules.rolesFor(Map.of("pos", "view"), AREAS)).code());
        assertEquals("level_conflict", assertThrows(ProblemException.class,
                () -> LevelRules.requireNoConflict(Map.of("finance", "view"), List.of("finance:manage"), AREAS)).code());
    }

    @Test
    @DisplayName("R-LEVEL-1: the level held is the highest level role among the expanded permissions")
    void levelHeld() {
        Map<String, String> held = LevelRules.levelsHeld(Set.of("finance:view", "finance:manage", "time-entry:self"), AREAS);
        assertEquals("manage", held.get("finance"));
        assertEquals("self", held.get("time-entry"));
        assertEquals("none", held.get("invoices"));
        assertEquals("no", held.get("approve-invoices"));
    }

    @Test
    @DisplayName("R-LEVEL-1, R-AUTHZ-4: holding finance:view does not let you grant finance:manage (which includes view)")
    void escalationComparesLevels() {
        AdministratorFacts viewer = new AdministratorFacts("v", AdministratorStatus.ACTIVE, true, false, Set.of("finance:view"));
        assertDoesNotThrow(() -> EscalationRules.requireCanGrant(viewer, Set.of("finance:view")));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> EscalationRules.requireCanGrant(viewer, Set.of("finance:manage", "finance:view")));
        assertEquals("escalation", refused.code());
        assertTrue(refused.getMessage().contains("finance:manage"));
    }

    @Test
    @DisplayName("R-LEVEL-3: an owner-only permission is refused in any grant, naming it")
    void ownerOnly() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> LevelRules.requireNoOwnerOnly(Set.of("pos:sell", "billing:close-account"), Set.of("billing:close-account")));
        assertEquals(400, refused.status());
        assertEquals("owner_only_permission", refused.code());
        assertTrue(refused.getMessage().contains("billing:close-account"));
        assertDoesNotThrow(() -> LevelRules.requireNoOwnerOnly(Set.of("pos:sell"), Set.of("billing:close-account")));
    }
}

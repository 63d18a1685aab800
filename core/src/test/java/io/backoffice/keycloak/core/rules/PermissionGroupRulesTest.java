package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.ProblemException;

class PermissionGroupRulesTest {

    @Test
    @DisplayName("R-GROUP-1: names are unique per organization, ignoring case, surrounding spaces and Unicode form")
    void namesUniqueIgnoringCase() {
        List<String> existing = List.of("Front staff", "Caf\u00e9");
        ProblemException taken = assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requireUniqueName("FRONT STAFF", existing));
        assertEquals(409, taken.status());
        assertEquals("permission_group_exists", taken.code());
        assertThrows(ProblemException.class, () -> PermissionGroupRules.requireUniqueName(" front staff ", existing));
        assertThrows(ProblemException.class, () -> PermissionGroupRules.requireUniqueName("cafe\u0301", existing));
        assertDoesNotThrow(() -> PermissionGroupRules.requireUniqueName("Front staff 2", existing));
    }

    @Test
    @DisplayName("R-GROUP-1: a name is required, bounded and free of markup; a blank description is none")
    void nameAndDescriptionShape() {
        assertEquals("Front staff", PermissionGroupRules.requireName("  Front staff "));
        assertEquals("missing_name", assertThrows(ProblemException.class, () -> PermissionGroupRules.requireName(" ")).code());
        assertEquals("invalid_name", assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requireName("x".repeat(PermissionGroupRules.MAX_NAME + 1))).code());
        assertEquals("invalid_name", assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requireName("<b>Staff</b>")).code());
        assertNull(PermissionGroupRules.optionalDescription("   "));
        assertNull(PermissionGroupRules.optionalDescription(null));
        assertEquals("invalid_description", assertThrows(ProblemException.class,
                () -> PermissionGroupRules.optionalDescription("line\u0007bell")).code());
    }

    @Test
    @DisplayName("R-GROUP-1: permissions come from the catalogue only; the error names every unknown one")
    void unknownPermissionsNamed() {
        Set<String> catalogue = Set.of("pos", "pos:sell", "pos:refund");
        assertDoesNotThrow(() -> PermissionGroupRules.requireKnown(List.of("pos", "pos:sell"), catalogue));
        ProblemException unknown = assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requireKnown(List.of("pos:sell", "pos:steal", "admin"), catalogue));
        assertEquals(400, unknown.status());
        assertEquals("unknown_permission", unknown.code());
        assertTrue(unknown.getMessage().contains("pos:steal") && unknown.getMessage().contains("admin"), unknown.getMessage());
        assertTrue(!unknown.getMessage().contains("pos:sell"), unknown.getMessage());
    }

    @Test
    @DisplayName("R-GROUP-1: the permission list is required, without empty entries; duplicates collapse")
    void permissionList() {
        assertEquals("missing_permissions", assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requirePermissionNames(null)).code());
        assertEquals("invalid_permissions", assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requirePermissionNames(Arrays.asList("pos", null))).code());
        assertEquals("invalid_permissions", assertThrows(ProblemException.class,
                () -> PermissionGroupRules.requirePermissionNames(List.of("pos", " "))).code());
        assertEquals(List.of("pos", "pos:sell"), List.copyOf(PermissionGroupRules.requirePermissionNames(List.of("pos", "pos:sell", "pos"))));
        assertTrue(PermissionGroupRules.requirePermissionNames(List.of()).isEmpty());
    }

    @Test
    @DisplayName("R-GROUP-3: a group held by administrators cannot go; the error says how many hold it")
    void inUseGroupsStay() {
        assertDoesNotThrow(() -> PermissionGroupRules.requireUnused("Front staff", 0, 0));
        ProblemException inUse = assertThrows(ProblemException.class, () -> PermissionGroupRules.requireUnused("Front staff", 3, 0));
        assertEquals(409, inUse.status());
        assertEquals("permission_group_in_use", inUse.code());
        assertTrue(inUse.getMessage().contains("3 administrators"), inUse.getMessage());
        assertTrue(assertThrows(ProblemException.class, () -> PermissionGroupRules.requireUnused("Solo", 1, 0))
                .getMessage().contains("1 administrator;"));
    }

    @Test
    @DisplayName("R-GROUP-3, R-API-1: a group held by integrations stays too; the error counts them apart from people")
    void groupsHeldByIntegrationsStay() {
        assertTrue(assertThrows(ProblemException.class, () -> PermissionGroupRules.requireUnused("Sync", 0, 1))
                .getMessage().contains("assigned to 1 integration;"));
        assertTrue(assertThrows(ProblemException.class, () -> PermissionGroupRules.requireUnused("Sync", 2, 3))
                .getMessage().contains("assigned to 2 administrators and 3 integrations;"));
    }
}

package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.ProblemException;

class PresetRulesTest {

    private static final Map<String, List<String>> PRESETS = new TreeMap<>(Map.of("Team lead", List.of("Team lead", "Cashiers")));

    @Test
    @DisplayName("R-LEVEL-2: a named preset gives its groups (name ignoring case); without one the named groups count")
    void presetGivesItsGroups() {
        assertEquals(List.of("Team lead", "Cashiers"), PresetRules.groupNames(" team LEAD ", null, PRESETS));
        assertEquals(List.of("Cashiers"), PresetRules.groupNames(null, List.of("Cashiers"), PRESETS));
    }

    @Test
    @DisplayName("R-LEVEL-2: an unknown preset, or a preset and groups together, are refused")
    void refusals() {
        ProblemException unknown = assertThrows(ProblemException.class, () -> PresetRules.groupNames("Grand vizier", null, PRESETS));
        assertEquals(400, unknown.status());
        assertEquals("unknown_preset", unknown.code());
        assertEquals("preset_and_permission_groups",
                assertThrows(ProblemException.class, () -> PresetRules.groupNames("Team lead", List.of("Cashiers"), PRESETS)).code());
    }
}

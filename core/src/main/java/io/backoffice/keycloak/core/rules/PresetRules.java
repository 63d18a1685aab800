package io.backoffice.keycloak.core.rules;

import java.util.List;
import java.util.Map;

import io.backoffice.keycloak.core.model.ProblemException;

/** R-LEVEL-2: what a preset may be called, and how a new administrator's groups are named. */
public final class PresetRules {

    public static final int MAX_NAME = 100;

    private PresetRules() {
    }

    public static String requireName(String name) {
        return InputRules.requireText("name", name, MAX_NAME);
    }

    /**
     * R-LEVEL-2: an administrator is created with a preset or with permission groups, not both; a named
     * preset must exist. {@code presets}: the organization's presets, name → group names.
     */
    public static List<String> groupNames(String preset, List<String> permissionGroups, Map<String, List<String>> presets) {
        if (preset == null) {
            return permissionGroups;
        }
        if (permissionGroups != null && !permissionGroups.isEmpty()) {
            throw ProblemException.badRequest("preset_and_permission_groups",
                    "Name either a preset or permission groups, not both.");
        }
        return presets.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(preset.strip())).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> ProblemException.badRequest("unknown_preset",
                        "No preset named '" + preset + "' in this organization. Presets: " + String.join(", ", presets.keySet()) + "."));
    }
}

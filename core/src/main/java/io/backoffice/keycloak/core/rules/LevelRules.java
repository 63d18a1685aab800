package io.backoffice.keycloak.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.backoffice.keycloak.core.model.AreaScale;
import io.backoffice.keycloak.core.model.ProblemException;

/**
 * R-LEVEL-1, R-LEVEL-3: reading scales from catalogue role attributes, turning requested levels into
 * catalogue roles, and refusing owner-only permissions outside the owner. Plain Java over names.
 */
public final class LevelRules {

    /** Role attribute on each level role: the area's scale, lowest first, comma-separated ({@code none,view,manage}). */
    public static final String SCALE_ATTRIBUTE = "scale";
    /** Role attribute {@code owner-only=true}: a permission the owner alone holds (R-LEVEL-3). */
    public static final String OWNER_ONLY_ATTRIBUTE = "owner-only";
    public static final String SEPARATOR = ":";

    private LevelRules() {
    }

    /**
     * The areas declared by the catalogue: {@code scales} maps each role carrying a scale attribute to
     * that attribute; {@code roleNames} is every catalogue role. A role {@code finance:view} with scale
     * {@code none,view,manage} declares the area {@code finance}. A declaration whose own level is not on
     * its scale, or whose levels other than the lowest have no role, is not an area (and is reported by
     * the catalogue as a plain permission).
     */
    public static Map<String, AreaScale> areas(Map<String, String> scales, Set<String> roleNames) {
        Map<String, AreaScale> areas = new LinkedHashMap<>();
        new TreeSet<>(scales.keySet()).forEach(roleName -> {
            int cut = roleName.lastIndexOf(SEPARATOR);
            if (cut <= 0 || areas.containsKey(roleName.substring(0, cut))) {
                return;
            }
            String area = roleName.substring(0, cut);
            List<String> levels = Arrays.stream(scales.get(roleName).split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
            if (levels.size() < 2 || !levels.contains(roleName.substring(cut + 1))) {
                return;
            }
            boolean rolelessBottom = !roleNames.contains(area + SEPARATOR + levels.get(0));
            AreaScale scale = new AreaScale(area, levels, rolelessBottom);
            if (scale.roles().stream().allMatch(roleNames::contains)) {
                areas.put(area, scale);
            }
        });
        return areas;
    }

    /**
     * R-LEVEL-1: the catalogue roles that grant the requested {@code area → level} values (a roleless
     * lowest level grants none). An unknown area or a level not on the area's scale is refused, naming
     * the scale.
     */
    public static List<String> rolesFor(Map<String, String> requested, Map<String, AreaScale> areas) {
        List<String> roles = new ArrayList<>();
        if (requested == null) {
            return roles;
        }
        requested.forEach((area, level) -> {
            AreaScale scale = areas.get(area);
            if (scale == null) {
                throw ProblemException.badRequest("unknown_area", "Not an area of the permission catalogue: '" + area
                        + "'. Areas: " + String.join(", ", new TreeSet<>(areas.keySet())) + ".");
            }
            if (level == null || !scale.levels().contains(level)) {
                throw ProblemException.badRequest("unknown_level", "'" + level + "' is not a level of the area '" + area
                        + "'; its levels are, lowest first: " + String.join(", ", scale.levels()) + ".");
            }
            String role = scale.roleOf(level);
            if (role != null) {
                roles.add(role);
            }
        });
        return roles;
    }

    /**
     * R-LEVEL-1: an area is set once: a level in {@code levels} and a role of the same area among the
     * directly listed permissions would be two answers to one question.
     */
    public static void requireNoConflict(Map<String, String> requested, Collection<String> permissions, Map<String, AreaScale> areas) {
        if (requested == null) {
            return;
        }
        requested.keySet().stream().map(areas::get).filter(java.util.Objects::nonNull).forEach(scale -> {
            List<String> both = scale.roles().stream().filter(permissions::contains).toList();
            if (!both.isEmpty()) {
                throw ProblemException.badRequest("level_conflict", "The area '" + scale.area() + "' is given a level in 'levels' and also "
                        + String.join(", ", both) + " in 'permissions'; set it in one place.");
            }
        });
    }

    /** R-LEVEL-1: each area's level held within these permissions (composites expanded); areas at a roleless lowest level included. */
    public static Map<String, String> levelsHeld(Set<String> permissions, Map<String, AreaScale> areas) {
        Map<String, String> held = new LinkedHashMap<>();
        areas.values().forEach(scale -> {
            String level = scale.levelHeld(permissions);
            if (level != null) {
                held.put(scale.area(), level);
            }
        });
        return held;
    }

    /**
     * R-LEVEL-3: an owner-only permission is never put in a permission group or a personal grant, by
     * anyone (the owner included: the owner holds it anyway, R-OWNER-2). {@code granted}: what the grant
     * amounts to, composites expanded.
     */
    public static void requireNoOwnerOnly(Set<String> granted, Set<String> ownerOnly) {
        Set<String> refused = new TreeSet<>(granted);
        refused.retainAll(ownerOnly);
        if (!refused.isEmpty()) {
            throw ProblemException.badRequest("owner_only_permission", "Only the account owner holds "
                    + String.join(", ", refused) + "; it cannot be put in a permission group or given to anyone.");
        }
    }
}

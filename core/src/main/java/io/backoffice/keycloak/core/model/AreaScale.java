package io.backoffice.keycloak.core.model;

import java.util.List;
import java.util.Set;
import io.backoffice.keycloak.core.rules.LevelRules;

/**
 * R-LEVEL-1: one area of the catalogue and its ordered scale, lowest level first (e.g.
 * {@code none < view < manage}). Each level is the catalogue role {@code <area>:<level>}, composite of
 * the level below; the lowest level may have no role at all ({@code none}, {@code no}): holding it means
 * holding nothing of the area.
 */
public record AreaScale(String area, List<String> levels, boolean rolelessBottom) {

    /** The role that grants {@code level}, or {@code null} for a roleless lowest level. */
    public String roleOf(String level) {
        return rolelessBottom && levels.get(0).equals(level) ? null : area + LevelRules.SEPARATOR + level;
    }

    /** Every role of the scale, lowest first. */
    public List<String> roles() {
        return levels.stream().map(this::roleOf).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The highest level whose role is among {@code permissions} (composites already expanded); the
     * roleless lowest level when none is held; {@code null} when the scale has no roleless level and none is held.
     */
    public String levelHeld(Set<String> permissions) {
        for (int i = levels.size() - 1; i >= 0; i--) {
            String role = roleOf(levels.get(i));
            if (role != null && permissions.contains(role)) {
                return levels.get(i);
            }
        }
        return rolelessBottom ? levels.get(0) : null;
    }
}

package io.backoffice.keycloak.core.rules;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.backoffice.keycloak.core.model.ProblemException;

/** R-GROUP-1, R-GROUP-3: what a permission group may be called, hold, and when it may go. */
public final class PermissionGroupRules {

    public static final int MAX_NAME = 100;
    /** Keycloak's group description column holds 255 characters. */
    public static final int MAX_DESCRIPTION = 255;
    /** Far above any real catalogue; bounds the work one request can cause. */
    public static final int MAX_PERMISSIONS = 500;

    private PermissionGroupRules() {
    }

    public static String requireName(String name) {
        return InputRules.requireText("name", name, MAX_NAME);
    }

    /** An absent or blank description is no description. */
    public static String optionalDescription(String description) {
        String trimmed = InputRules.optionalText("description", description, MAX_DESCRIPTION);
        return trimmed == null || trimmed.isEmpty() ? null : trimmed;
    }

    /** R-GROUP-1: names compare trimmed, Unicode-normalised and case-insensitively. */
    public static String nameKey(String name) {
        return Normalizer.normalize(name.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** R-GROUP-1: {@code otherNames} are the organization's other groups (the edited one excluded). */
    public static void requireUniqueName(String name, Collection<String> otherNames) {
        String key = nameKey(name);
        if (otherNames.stream().map(PermissionGroupRules::nameKey).anyMatch(key::equals)) {
            throw nameTaken(name);
        }
    }

    public static ProblemException nameTaken(String name) {
        return ProblemException.conflict("permission_group_exists",
                "A permission group named '" + name + "' already exists in this organization (names ignore case).");
    }

    /** The requested permission (or section) names: present, no blank entries, duplicates dropped, order kept. */
    public static Set<String> requirePermissionNames(Collection<String> requested) {
        if (requested == null) {
            throw ProblemException.badRequest("missing_permissions",
                    "'permissions' is required: a list of catalogue permission or section names (it may be empty).");
        }
        if (requested.size() > MAX_PERMISSIONS) {
            throw ProblemException.badRequest("invalid_permissions", "'permissions' may hold at most " + MAX_PERMISSIONS + " names.");
        }
        if (requested.stream().anyMatch(name -> name == null || name.isBlank())) {
            throw ProblemException.badRequest("invalid_permissions", "'permissions' must not contain empty names.");
        }
        return new LinkedHashSet<>(requested.stream().map(String::strip).toList());
    }

    /** R-GROUP-1: only names of the catalogue; the error names every unknown one. */
    public static void requireKnown(Collection<String> requested, Set<String> catalogueNames) {
        Set<String> unknown = new TreeSet<>(requested);
        unknown.removeAll(catalogueNames);
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown_permission",
                    "Not in the permission catalogue: " + String.join(", ", unknown) + ".");
        }
    }

    /**
     * R-GROUP-3: a group that any administrator still holds stays; the error says how many hold it. Integrations
     * hold groups like administrators (R-API-1), so they count too.
     */
    public static void requireUnused(String name, long administrators, long integrations) {
        if (administrators > 0 || integrations > 0) {
            String holders = java.util.stream.Stream.of(
                            count(administrators, "administrator"), count(integrations, "integration"))
                    .filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.joining(" and "));
            throw ProblemException.conflict("permission_group_in_use",
                    "The permission group '" + name + "' is still assigned to " + holders
                            + "; remove it from them before deleting it.");
        }
    }

    private static String count(long number, String noun) {
        return number == 0 ? null : number + " " + noun + (number == 1 ? "" : "s");
    }
}

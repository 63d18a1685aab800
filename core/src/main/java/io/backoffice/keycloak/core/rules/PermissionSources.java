package io.backoffice.keycloak.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** R-LEVEL-4: where each of an administrator's permissions comes from. */
public final class PermissionSources {

    /** The source naming a personal grant; groups are named {@code group:<name>}. */
    public static final String PERSONAL = "personal";
    public static final String OWNER = "owner";
    public static final String GROUP_PREFIX = "group:";

    private PermissionSources() {
    }

    /**
     * For each held permission: {@code owner} for the owner (R-OWNER-2), else the groups that give it
     * (sorted by name) and {@code personal} when a personal grant gives it.
     */
    public static Map<String, List<String>> of(Set<String> held, boolean owner, Map<String, Set<String>> byGroup, Set<String> personal) {
        Map<String, List<String>> sources = new TreeMap<>();
        Map<String, Set<String>> groupsByName = new TreeMap<>(byGroup);
        for (String permission : held) {
            List<String> from = new ArrayList<>();
            if (owner) {
                from.add(OWNER);
            } else {
                groupsByName.forEach((group, permissions) -> {
                    if (permissions.contains(permission)) {
                        from.add(GROUP_PREFIX + group);
                    }
                });
                if (personal.contains(permission)) {
                    from.add(PERSONAL);
                }
            }
            sources.put(permission, List.copyOf(from));
        }
        return sources;
    }
}

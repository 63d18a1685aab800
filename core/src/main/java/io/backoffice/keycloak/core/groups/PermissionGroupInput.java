package io.backoffice.keycloak.core.groups;

import java.util.List;

/**
 * A permission group as a request describes it, for create and full replace. {@code permissions} are
 * catalogue permission names or section names (a section grants the whole section, also what is added
 * to it later).
 */
public record PermissionGroupInput(String name, String description, List<String> permissions) {
}

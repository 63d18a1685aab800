package io.backoffice.keycloak.core.model;

import java.util.List;
import java.util.Map;

/**
 * A permission group as a request describes it, for create and full replace. {@code permissions} are
 * catalogue permission names or section names (a section grants the whole section, also what is added
 * to it later).
 * {@code levels} (R-LEVEL-1) sets areas of the catalogue at one level of their scale each ({@code {"finance": "view"}});
 * {@code permissions} may then be left out.
 */
public record PermissionGroupInput(String name, String description, List<String> permissions, Map<String, String> levels) {
}

package io.backoffice.keycloak.core.model;

import java.util.List;

/** R-LEVEL-2: a preset as the API shows it: its name and the permission groups it gives, by name. */
public record PresetView(String name, List<String> permissionGroups) {
}

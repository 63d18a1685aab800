package io.backoffice.keycloak.core.model;

import java.util.List;

/** A new integration (R-API-1): a name, an optional description, and the permission groups it holds. */
public record IntegrationRequest(String name, String description, List<String> permissionGroups) {
}

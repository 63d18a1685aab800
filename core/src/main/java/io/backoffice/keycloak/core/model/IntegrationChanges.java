package io.backoffice.keycloak.core.model;

import java.util.List;

import io.backoffice.keycloak.core.model.AdministratorStatus;

/** An edit of an integration: absent (null) fields stay as they are; {@code status} deactivates or reactivates it. */
public record IntegrationChanges(String name, String description, AdministratorStatus status, List<String> permissionGroups) {
}

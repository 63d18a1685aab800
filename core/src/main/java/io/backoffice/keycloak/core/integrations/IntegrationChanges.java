package io.backoffice.keycloak.core.integrations;

import java.util.List;

import io.backoffice.keycloak.core.store.AdministratorStatus;

/** An edit of an integration: absent (null) fields stay as they are; {@code status} deactivates or reactivates it. */
public record IntegrationChanges(String name, String description, AdministratorStatus status, List<String> permissionGroups) {
}

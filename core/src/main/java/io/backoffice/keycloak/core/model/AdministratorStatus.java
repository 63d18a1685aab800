package io.backoffice.keycloak.core.model;

/** R-ADMIN-4: administrators are deactivated, never deleted. */
public enum AdministratorStatus {
    ACTIVE,
    INACTIVE
}

package io.backoffice.keycloak.core.store;

/** R-ADMIN-4: administrators are deactivated, never deleted. */
public enum AdministratorStatus {
    ACTIVE,
    INACTIVE
}

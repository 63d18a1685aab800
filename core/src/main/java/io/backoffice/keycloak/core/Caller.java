package io.backoffice.keycloak.core;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

import io.backoffice.keycloak.core.rules.AdministratorFacts;
import io.backoffice.keycloak.core.store.AdministratorEntity;

/**
 * The administrator calling the organization API, already checked to be an active, confirmed
 * administrator of {@link #organization()} (R-AUTHZ-1).
 */
public record Caller(UserModel user, OrganizationModel organization, AdministratorEntity record, AdministratorFacts facts) {

    public boolean isOwner() {
        return facts.owner();
    }

    public boolean holds(String permission) {
        return facts.owner() || facts.permissions().contains(permission);
    }
}

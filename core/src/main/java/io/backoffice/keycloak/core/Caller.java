package io.backoffice.keycloak.core;

import java.util.Optional;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

import io.backoffice.keycloak.core.acting.ActingPerson;
import io.backoffice.keycloak.core.rules.AdministratorFacts;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.IntegrationEntity;

/**
 * The administrator calling the organization API, already granted access to {@link #organization()} by
 * the one access decision (R-AUTHZ-1, R-AUTHZ-5); for a shared account, with the person at the keyboard
 * whose PIN let it in (R-AUTHZ-6), else {@code actingPerson} is empty. An integration calling (R-API-1) has
 * no administrator record: {@code record} is null, {@code integration} its row and {@code user} its service account.
 */
public record Caller(UserModel user, OrganizationModel organization, AdministratorEntity record, AdministratorFacts facts,
                     Optional<ActingPerson> actingPerson, IntegrationEntity integration) {

    public boolean isOwner() {
        return facts.owner();
    }

    public boolean isIntegration() {
        return integration != null;
    }
}

package io.backoffice.keycloak.core.model;

import java.util.Optional;

import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

/**
 * The administrator calling the organization API, already granted access to {@link #organization()} by
 * the one access decision (R-AUTHZ-1, R-AUTHZ-5); for a shared account, with the person at the keyboard
 * whose PIN let it in (R-AUTHZ-6), else {@code actingPerson} is empty. An integration calling (R-API-1) has
 * no administrator record: {@code integrationId} is its client's id and {@code user} its service account.
 */
public record Caller(UserModel user, OrganizationModel organization, AdministratorFacts facts,
                     Optional<ActingPerson> actingPerson, Optional<String> integrationId) {

    public boolean isIntegration() {
        return integrationId.isPresent();
    }
}

package io.backoffice.keycloak.core.model;

import java.util.Optional;

import org.keycloak.models.UserModel;

/**
 * What a change did: the record as it is now, the new PIN when one was issued (to be shown once and
 * never again, R-PIN-4).
 */
public record AdministratorOutcome(AdministratorView administrator,
                                   UserModel user,
                                   Optional<String> pin) {
}

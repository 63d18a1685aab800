package io.backoffice.keycloak.core.model;

import java.util.List;

import org.keycloak.models.UserModel;

/**
 * R-ADMIN-1: a person brought into an organization, as the organization sees it until they are in:
 * what was asked for, never anything about the person (their names, whether they had an account).
 * The user and whether it was created are for the server's own audit only, never in an answer
 * (the organization API writes the answer from the other fields).
 */
public record Enrolment(String email, String firstName, String lastName, List<String> permissionGroups,
                        AdministratorStatus status, PinMode pinMode,
                        UserModel user, boolean newPerson) {

    public Enrolment(String email, String firstName, String lastName, List<String> permissionGroups,
                     AdministratorStatus status, PinMode pinMode) {
        this(email, firstName, lastName, permissionGroups, status, pinMode, null, false);
    }

    public Enrolment about(UserModel person, boolean created) {
        return new Enrolment(email, firstName, lastName, permissionGroups, status, pinMode, person, created);
    }
}

package io.backoffice.keycloak.core.model;

/** Who to make an administrator: an existing user by id, or a person by email (R-ADMIN-1). */
public record NewAdministrator(String userId, String email, String firstName, String lastName) {
}

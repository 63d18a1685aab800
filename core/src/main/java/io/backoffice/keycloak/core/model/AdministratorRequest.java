package io.backoffice.keycloak.core.model;

import java.util.List;

/**
 * R-ADMIN-1: who to make an administrator, by email (the username), with their groups, status
 * (default ACTIVE) and PIN settings (default NONE). R-LEVEL-2: {@code preset} names a preset of the
 * organization instead of {@code permissionGroups}.
 */
public record AdministratorRequest(String email,
                                   String firstName,
                                   String lastName,
                                   List<String> permissionGroups,
                                   AdministratorStatus status,
                                   PinMode pinMode,
                                   String preset) {
}

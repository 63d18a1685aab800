package io.backoffice.keycloak.core.model;

import java.util.List;

/**
 * An edit of an administrator: absent (null) fields stay as they are. {@code username} and {@code email}
 * are here only to be refused when they differ (R-ADMIN-3).
 */
public record AdministratorChanges(String username,
                                   String email,
                                   String firstName,
                                   String lastName,
                                   AdministratorStatus status,
                                   List<String> permissionGroups,
                                   PinMode pinMode) {
}

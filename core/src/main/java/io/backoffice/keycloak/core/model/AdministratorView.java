package io.backoffice.keycloak.core.model;

import java.util.List;

/**
 * An administrator as the APIs show it: never a PIN nor its digest (R-PIN-4). R-LEVEL-4:
 * {@code personalGrants} are the catalogue roles given to this person alone in this organization;
 * {@code permissionSources} says, for each permission, which groups and whether a personal grant give it.
 */
public record AdministratorView(String userId,
                                String username,
                                String email,
                                String firstName,
                                String lastName,
                                boolean emailVerified,
                                AdministratorStatus status,
                                PinMode pinMode,
                                boolean owner,
                                List<String> permissionGroups,
                                List<String> permissions,
                                List<String> personalGrants,
                                java.util.Map<String, List<String>> permissionSources) {
}

package io.backoffice.keycloak.core.model;

import java.util.List;

import io.backoffice.keycloak.core.model.AdministratorStatus;

/**
 * An integration as the API shows it (R-API-1): {@code id} is the Keycloak client's internal id, {@code clientId}
 * the OAuth {@code client_id} it gets tokens with. Never its secret (R-API-2). {@code permissions} are what its
 * tokens carry: empty while it is inactive.
 */
public record IntegrationView(String id,
                              String clientId,
                              String name,
                              String description,
                              AdministratorStatus status,
                              List<String> permissionGroups,
                              List<String> permissions,
                              String serviceAccountUserId,
                              long createdAt) {
}

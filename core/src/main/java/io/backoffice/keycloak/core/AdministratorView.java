package io.backoffice.keycloak.core;

import java.util.List;

import io.backoffice.keycloak.core.store.AdministratorStatus;
import io.backoffice.keycloak.core.store.PinMode;

/** An administrator as the APIs show it: never a PIN nor its digest (R-PIN-4). */
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
                                List<String> permissions) {
}

package io.backoffice.keycloak.core.model;

import java.util.Set;

/**
 * What the rules need to know about one administrator, read from Keycloak and our record beforehand,
 * so the rules themselves are plain Java. Whether they have access at all is not decided here but by
 * {@link io.backoffice.keycloak.core.model.AccessRule} (R-AUTHZ-5).
 */
public record AdministratorFacts(String userId,
                                 AdministratorStatus status,
                                 boolean emailVerified,
                                 boolean owner,
                                 Set<String> permissions) {
}

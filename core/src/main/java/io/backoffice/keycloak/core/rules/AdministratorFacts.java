package io.backoffice.keycloak.core.rules;

import java.util.Set;

import io.backoffice.keycloak.core.store.AdministratorStatus;

/**
 * What the rules need to know about one administrator, read from Keycloak and our record beforehand,
 * so the rules themselves are plain Java.
 */
public record AdministratorFacts(String userId,
                                 AdministratorStatus status,
                                 boolean emailVerified,
                                 boolean owner,
                                 Set<String> permissions) {

    /** R-ADMIN-2, R-ADMIN-4: only active, confirmed administrators have administrator access. */
    public boolean hasAccess() {
        return status == AdministratorStatus.ACTIVE && emailVerified;
    }
}

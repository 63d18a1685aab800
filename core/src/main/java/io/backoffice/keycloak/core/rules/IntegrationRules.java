package io.backoffice.keycloak.core.rules;

import io.backoffice.keycloak.core.model.ProblemException;

/**
 * R-API-1: an integration is a machine. Its service account is never an administrator, an owner or a shared
 * account, so it never holds a PIN; it gets permissions only through the integration's permission groups.
 */
public final class IntegrationRules {

    private IntegrationRules() {
    }

    /** Refuses making a service account (an integration's, or any client's) an administrator of any kind. */
    public static void requirePerson(boolean serviceAccount) {
        if (serviceAccount) {
            throw ProblemException.conflict("service_account_not_a_person",
                    "A service account is never an administrator, an owner or a shared account; an organization's "
                            + "machines are managed as integrations.");
        }
    }
}

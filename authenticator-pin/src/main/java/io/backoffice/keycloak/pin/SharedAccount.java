package io.backoffice.keycloak.pin;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.backoffice.keycloak.core.service.access.AdministratorAccess;

/**
 * A user whose administrator record says SHARED, with the one organization it belongs to (R-PIN-1), and who
 * has administrator access there (R-AUTHZ-5): an account without access is no shared account to ask a PIN
 * for; its login gets no back-office rights anyway.
 */
public record SharedAccount(UserModel user, OrganizationModel organization) {

    /**
     * Whether any of the user's records says SHARED, access or not (an inactive shared account may be
     * reactivated): the request's records, no further query.
     */
    public static boolean hasSharedRecord(KeycloakSession session, RealmModel realm, UserModel user) {
        return new AdministratorAccess(session, realm).hasSharedRecord(user);
    }

    public static Optional<SharedAccount> of(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null) {
            return Optional.empty();
        }
        return new AdministratorAccess(session, realm).sharedAccountOrganization(user)
                .map(organization -> new SharedAccount(user, organization));
    }
}

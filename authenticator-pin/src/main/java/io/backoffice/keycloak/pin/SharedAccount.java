package io.backoffice.keycloak.pin;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.access.AdministratorAccess;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.PinMode;

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
        return user != null && new AdministratorStore(session).recordsOfUser(realm.getId(), user.getId()).stream()
                .anyMatch(known -> known.record().getPinMode() == PinMode.SHARED);
    }

    public static Optional<SharedAccount> of(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null) {
            return Optional.empty();
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        AdministratorAccess access = new AdministratorAccess(session, realm);
        // The user's records as this request already read them (the condition, the step, the token mapper and
        // the acting-person listener all ask): one query per request.
        return new AdministratorStore(session).recordsOfUser(realm.getId(), user.getId()).stream()
                .map(AdministratorStore.UserRecord::record)
                .filter(record -> record.getPinMode() == PinMode.SHARED)
                .map(AdministratorEntity::getOrganizationId)
                .map(organizations::getById)
                .filter(organization -> organization != null)
                .filter(organization -> access.decide(organization, user).granted())
                .findFirst()
                .map(organization -> new SharedAccount(user, organization));
    }
}

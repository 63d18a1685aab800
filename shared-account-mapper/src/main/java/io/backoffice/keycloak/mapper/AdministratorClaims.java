package io.backoffice.keycloak.mapper;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.AdministratorService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.PinMode;

/**
 * Reads one user's administrator standings for the tokens of one request. The mapper runs once per
 * token kind (access, ID, userinfo, introspection), so each organization is read once per request and
 * kept here; the instance lives in the request's {@link KeycloakSession} only.
 */
public class AdministratorClaims {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final UserModel user;
    private final AdministratorService administrators;
    private final OrganizationProvider organizations;
    private final Map<String, Optional<AdministratorStanding>> standings = new HashMap<>();

    private AdministratorClaims(KeycloakSession session, RealmModel realm, UserModel user) {
        this.session = session;
        this.realm = realm;
        this.user = user;
        this.administrators = new AdministratorService(session, realm);
        this.organizations = session.getProvider(OrganizationProvider.class);
    }

    public static AdministratorClaims forRequest(KeycloakSession session, RealmModel realm, UserModel user) {
        String key = AdministratorClaims.class.getName() + ":" + user.getId();
        AdministratorClaims claims = session.getAttribute(key, AdministratorClaims.class);
        if (claims == null) {
            claims = new AdministratorClaims(session, realm, user);
            session.setAttribute(key, claims);
        }
        return claims;
    }

    /**
     * R-CLAIM-1, R-ADMIN-2/4: the standing in an organization, or nothing for a disabled organization, a
     * non-member, no record, an inactive record or an unconfirmed email. One primary-key read of our record
     * (and one of the owner row); users, groups and roles come from Keycloak's caches.
     */
    public Optional<AdministratorStanding> standing(OrganizationModel organization) {
        return standings.computeIfAbsent(organization.getId(), id -> read(organization));
    }

    /** R-CLAIM-2: the organizations the user administers, for a request that named none. */
    public List<AdministratorStanding> administered() {
        return administrators.store().listByUser(realm.getId(), user.getId()).stream()
                .filter(AdministratorEntity::isActive)
                .map(record -> organizations.getById(record.getOrganizationId()))
                .filter(Objects::nonNull)
                .map(this::standing)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(s -> s.organization().getAlias()))
                .toList();
    }

    /**
     * R-CLAIM-3, R-STEP-6a: who is acting on this shared account, if the PIN step named an active PIN
     * holder of the same organization less than the idle time ago.
     */
    public Optional<ActingPerson> actingPerson(AdministratorStanding sharedAccount, UserSessionModel userSession, long idleSeconds) {
        return ActingPerson.fromNotes(userSession::getNote)
                .filter(acting -> acting.organizationId().equals(sharedAccount.organization().getId()))
                .filter(acting -> acting.isCurrent(Time.currentTime(), idleSeconds))
                .filter(acting -> isActivePinHolder(sharedAccount.organization(), acting.userId()));
    }

    private boolean isActivePinHolder(OrganizationModel organization, String userId) {
        UserModel person = session.users().getUserById(realm, userId);
        return person != null && person.isEnabled() && person.isEmailVerified()
                && administrators.store().find(organization.getId(), userId)
                        .filter(AdministratorEntity::isActive)
                        .filter(record -> record.getPinMode() == PinMode.PIN)
                        .isPresent();
    }

    private Optional<AdministratorStanding> read(OrganizationModel organization) {
        if (!organization.isEnabled()) {
            return Optional.empty();
        }
        Optional<AdministratorEntity> record = administrators.store().find(organization.getId(), user.getId());
        if (record.isEmpty() || !record.get().isActive() || !user.isEmailVerified()
                || !organizations.isMember(organization, user)) {
            return Optional.empty();
        }
        String ownerId = administrators.ownerId(organization).orElse(null);
        return administrators.view(organization, record.get(), ownerId)
                .map(view -> new AdministratorStanding(organization, view));
    }
}

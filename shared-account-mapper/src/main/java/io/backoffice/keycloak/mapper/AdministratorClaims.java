package io.backoffice.keycloak.mapper;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import io.backoffice.keycloak.core.model.ActingPerson;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.access.AdministratorAccess;
import io.backoffice.keycloak.core.service.integrations.Integrations;

/**
 * Reads one user's administrator standings for the tokens of one request. The mapper runs once per
 * token kind (access, ID, userinfo, introspection), so each organization is read once per request and
 * kept here; the instance lives in the request's {@link KeycloakSession} only.
 */
public class AdministratorClaims {

    private final UserModel user;
    private final AdministratorService administrators;
    private final AdministratorAccess access;
    private final Integrations integrations;
    private final Map<String, Optional<AdministratorStanding>> standings = new HashMap<>();

    private AdministratorClaims(KeycloakSession session, RealmModel realm, UserModel user) {
        this.user = user;
        this.administrators = new AdministratorService(session, realm);
        this.access = new AdministratorAccess(session, realm);
        this.integrations = new Integrations(session, realm);
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
     * R-CLAIM-1, R-AUTHZ-5: the standing in an organization, or nothing when the user has no administrator
     * access there (disabled organization, non-member, no record, inactive record, unconfirmed email).
     * The user's records, owners and personal grants are one query per request ({@link AdministratorStore#recordsOfUser});
     * users, groups and roles come from Keycloak's caches.
     */
    public Optional<AdministratorStanding> standing(OrganizationModel organization) {
        return standings.computeIfAbsent(organization.getId(), id -> read(organization));
    }

    /**
     * R-CLAIM-2: the organizations the user administers, for a request that named none; at most
     * {@code enough} of them (the stream stops there: no access decision for organizations past it). An
     * integration's service account (R-API-2) has its one organization.
     */
    public List<AdministratorStanding> administered(int enough) {
        Stream<OrganizationModel> organizations = user.getServiceAccountClientLink() != null
                ? integrations.activeOrganizationOf(user).stream()
                : administrators.organizationsWithActiveRecord(user.getId());
        return organizations
                .map(this::standing)
                .flatMap(Optional::stream)
                .limit(enough)
                .sorted(Comparator.comparing(s -> s.organization().getAlias()))
                .toList();
    }

    /**
     * R-CLAIM-3, R-STEP-6a: who is acting on this shared account, if the PIN step named an active PIN
     * holder of the same organization less than the idle time ago (the access decision's answer).
     */
    public Optional<ActingPerson> actingPerson(AdministratorStanding sharedAccount, UserSessionModel userSession, long idleSeconds) {
        return access.actingPerson(sharedAccount.organization(), userSession, idleSeconds);
    }

    /** R-AUTHZ-5: the standing only when the one access decision grants access. */
    private Optional<AdministratorStanding> read(OrganizationModel organization) {
        return access.integrationView(organization, user).map(view -> AdministratorStanding.of(organization, view))
                .or(() -> access.view(organization, user).map(view -> AdministratorStanding.of(organization, view)));
    }
}

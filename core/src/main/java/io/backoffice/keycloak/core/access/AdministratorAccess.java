package io.backoffice.keycloak.core.access;

import java.util.List;
import java.util.Optional;

import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminAuth;

import io.backoffice.keycloak.core.AdministratorService;
import io.backoffice.keycloak.core.acting.ActingPerson;
import io.backoffice.keycloak.core.identity.IdentityChanges;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.IntegrationEntity;
import io.backoffice.keycloak.core.store.IntegrationStore;
import io.backoffice.keycloak.core.store.PinMode;

/**
 * "Has administrator access" (R-AUTHZ-5), asked by the organization API's gate, the token mapper, the PIN
 * step's holder check and the shared-account condition alike: reads the facts {@link AccessRule} decides
 * on, one primary-key read of our record, the rest from Keycloak's caches. On the way it applies R-ADMIN-5
 * where the user is read anyway: a record that knew another username or email is deactivated (owner
 * excepted, event recorded) in a transaction of its own, so the deactivation holds even when the request
 * that noticed it is refused and rolled back.
 */
public class AdministratorAccess {

    /**
     * The answer for one user in one organization: the administrator record when there is one, or the
     * integration whose service account the user is (R-API-1), and why access is refused.
     */
    public record Decision(AdministratorEntity record, IntegrationEntity integration, Optional<AccessRefusal> refusal) {

        public boolean granted() {
            return refusal.isEmpty();
        }

        public boolean isIntegration() {
            return integration != null;
        }

        public boolean sharedAccount() {
            return record != null && record.getPinMode() == PinMode.SHARED;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdministratorStore store;
    private final IntegrationStore integrations;
    private final OrganizationProvider organizations;

    public AdministratorAccess(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new AdministratorStore(session);
        this.integrations = new IntegrationStore(session);
        this.organizations = session.getProvider(OrganizationProvider.class);
    }

    /**
     * R-AUTHZ-5 (and R-ADMIN-5 on the way). A null organization is one that does not exist. A service account
     * has no administrator record: its integration row of this organization stands for it (R-API-1), and an
     * integration of another organization is no record here (R-API-3).
     */
    public Decision decide(OrganizationModel organization, UserModel user) {
        if (organization == null || !organization.isEnabled() || user == null) {
            return new Decision(null, null, Optional.of(AccessRefusal.ORGANIZATION_DISABLED));
        }
        AdministratorEntity record = store.find(organization.getId(), user.getId()).orElse(null);
        if (record != null && !AdministratorService.knowsIdentityOf(record, user)) {
            applyIdentityChange(user);
            record = store.find(organization.getId(), user.getId()).orElse(null);
        }
        IntegrationEntity integration = record != null || user.getServiceAccountClientLink() == null ? null
                : integrations.findByUser(realm.getId(), user.getId())
                        .filter(found -> found.getOrganizationId().equals(organization.getId())).orElse(null);
        boolean exists = record != null || integration != null;
        return new Decision(record, integration, AccessRule.refusal(new AccessRule.Facts(true, exists, user.isEnabled(),
                exists && organizations.isMember(organization, user),
                record != null ? record.getStatus() : integration == null ? null : integration.getStatus(),
                user.isEmailVerified(), integration != null)));
    }

    /**
     * R-AUTHZ-5 and R-AUTHZ-6: access, and for a shared account a current acting person on the user session
     * (the PIN step's notes, lapsing after {@code idleSeconds}, R-STEP-6a).
     */
    public ActingDecision decideActing(OrganizationModel organization, UserModel user, UserSessionModel userSession, long idleSeconds) {
        Decision decision = decide(organization, user);
        if (!decision.granted() || !decision.sharedAccount()) {
            return new ActingDecision(decision, Optional.empty(), decision.refusal());
        }
        Optional<ActingPerson> acting = actingPerson(organization, userSession, idleSeconds);
        return new ActingDecision(decision, acting, AccessRule.actingRefusal(PinMode.SHARED, acting.isPresent()));
    }

    /** {@link #decide}, plus who is acting on a shared account; {@code refusal} is the overall answer. */
    public record ActingDecision(Decision access, Optional<ActingPerson> actingPerson, Optional<AccessRefusal> refusal) {

        public boolean granted() {
            return refusal.isEmpty();
        }
    }

    /**
     * R-CLAIM-3, R-STEP-6a, R-AUTHZ-6: who is acting on a shared account of this organization, if the PIN step
     * named a PIN holder with access here less than {@code idleSeconds} ago.
     */
    public Optional<ActingPerson> actingPerson(OrganizationModel organization, UserSessionModel userSession, long idleSeconds) {
        if (userSession == null) {
            return Optional.empty();
        }
        return ActingPerson.fromNotes(userSession::getNote)
                .filter(acting -> acting.organizationId().equals(organization.getId()))
                .filter(acting -> acting.isCurrent(Time.currentTime(), idleSeconds))
                .filter(acting -> activePinHolder(organization, session.users().getUserById(realm, acting.userId())).isPresent());
    }

    /** R-PIN-6 with R-AUTHZ-5: the user, if they hold a PIN in the organization and have access there. */
    public Optional<UserModel> activePinHolder(OrganizationModel organization, UserModel user) {
        Decision decision = decide(organization, user);
        return decision.granted() && decision.record() != null && decision.record().getPinMode() == PinMode.PIN ? Optional.of(user) : Optional.empty();
    }

    /** R-ADMIN-5 in its own transaction, authored by the user (and the request's client) as the listener would. */
    private void applyIdentityChange(UserModel user) {
        String realmId = realm.getId();
        String userId = user.getId();
        ClientModel client = session.getContext().getClient();
        String clientId = client == null ? null : client.getId();
        ClientConnection connection = session.getContext().getConnection();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel ownRealm = own.realms().getRealm(realmId);
            own.getContext().setRealm(ownRealm);
            UserModel ownUser = own.users().getUserById(ownRealm, userId);
            ClientModel ownClient = clientId == null ? null : own.clients().getClientById(ownRealm, clientId);
            IdentityChanges.apply(own, ownRealm, ownUser, new AdminAuth(ownRealm, null, ownUser,
                    ownClient == null ? SystemClientUtil.getSystemClient(ownRealm) : ownClient), connection);
        });
        // This request's persistence context still holds the records as they were read before.
        List<AdministratorEntity> records = store.listByUser(realmId, userId);
        records.forEach(store::refresh);
    }
}

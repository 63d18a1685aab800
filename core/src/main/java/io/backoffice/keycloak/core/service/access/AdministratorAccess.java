package io.backoffice.keycloak.core.service.access;

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

import io.backoffice.keycloak.core.model.AccessRefusal;
import io.backoffice.keycloak.core.model.AccessRule;
import io.backoffice.keycloak.core.model.ActingPerson;
import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.identity.IdentityChanges;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.model.IntegrationView;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.service.integrations.Integrations;
import io.backoffice.keycloak.core.store.IntegrationEntity;
import io.backoffice.keycloak.core.store.IntegrationStore;
import io.backoffice.keycloak.core.store.ListedRecord;

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
     * The answer for one user in one organization, and why access is refused: the administrator record when
     * there is one, or the integration whose service account the user is (R-API-1). Our rows stay inside core
     * (the callers outside read the answer, never the row).
     */
    public static final class Decision {

        private final AdministratorEntity record;
        private final IntegrationEntity integration;
        private final Optional<AccessRefusal> refusal;

        private Decision(AdministratorEntity record, IntegrationEntity integration, Optional<AccessRefusal> refusal) {
            this.record = record;
            this.integration = integration;
            this.refusal = refusal;
        }

        public Optional<AccessRefusal> refusal() {
            return refusal;
        }

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
        return decision.granted() && decision.record != null && decision.record.getPinMode() == PinMode.PIN ? Optional.of(user) : Optional.empty();
    }

    /**
     * The organization API's gate (R-AUTHZ-1, R-AUTHZ-5, R-AUTHZ-6): the caller, or the refusal as a 403 in
     * our error shape. {@code idleSeconds}: how long a staff PIN keeps naming the acting person (R-STEP-6a).
     */
    public Caller caller(OrganizationModel organization, UserModel user, UserSessionModel userSession, long idleSeconds) {
        ActingDecision decision = decideActing(organization, user, userSession, idleSeconds);
        if (!decision.granted()) {
            AccessRefusal refusal = decision.refusal().get();
            throw ProblemException.forbidden(refusal.error(), refusal.message());
        }
        IntegrationEntity integration = decision.access().integration;
        if (integration != null) {
            return new Caller(user, organization, new Integrations(session, realm).facts(organization, user, integration),
                    Optional.empty(), Optional.of(integration.getClientId()));
        }
        AdministratorService administrators = new AdministratorService(session, realm);
        AdministratorFacts facts = administrators.facts(organization, user, decision.access().record,
                administrators.ownerId(organization).orElse(null));
        return new Caller(user, organization, facts, decision.actingPerson(), Optional.empty());
    }

    /** R-CLAIM-1, R-AUTHZ-5: the user's record in the organization as a token shows it, only when access is granted. */
    public Optional<AdministratorView> view(OrganizationModel organization, UserModel user) {
        // The request's one read of the user's records (owners and personal grants with them) comes first: the
        // decision's lookup of the record then answers from what it loaded, without a statement of its own.
        List<AdministratorStore.UserRecord> records = store.recordsOfUser(realm.getId(), user.getId());
        Decision decision = decide(organization, user);
        if (!decision.granted() || decision.record == null) {
            return Optional.empty();
        }
        AdministratorService administrators = new AdministratorService(session, realm);
        // Those records make the view, unless the decision read the record again (R-ADMIN-5 applied on the
        // way): then the ordinary reads.
        Optional<AdministratorStore.UserRecord> known = records.stream()
                .filter(r -> r.record().getOrganizationId().equals(organization.getId()))
                .findFirst();
        if (known.isEmpty() || known.get().record() != decision.record) {
            return administrators.view(organization, decision.record, administrators.ownerId(organization).orElse(null));
        }
        AdministratorStore.UserRecord record = known.get();
        return Optional.of(administrators.tokenView(record.record(), ListedRecord.Person.of(user), record.owner(),
                administrators.permissionGroups(organization, user), record.owner() ? List.of() : record.personalGrants()));
    }

    /**
     * R-API-2, R-AUTHZ-5: the integration whose service account the user is, as the APIs show it, only when it
     * has access to the organization; empty for people.
     */
    public Optional<IntegrationView> integrationView(OrganizationModel organization, UserModel user) {
        if (user.getServiceAccountClientLink() == null) {
            return Optional.empty();
        }
        Decision decision = decide(organization, user);
        if (!decision.granted() || decision.integration == null) {
            return Optional.empty();
        }
        return new Integrations(session, realm).view(organization, decision.integration);
    }

    /**
     * Whether any of the user's records says SHARED, access or not (an inactive shared account may be
     * reactivated): the request's records, no further query.
     */
    public boolean hasSharedRecord(UserModel user) {
        return user != null && store.recordsOfUser(realm.getId(), user.getId()).stream()
                .anyMatch(known -> known.record().getPinMode() == PinMode.SHARED);
    }

    /**
     * R-PIN-1 with R-AUTHZ-5: the one organization whose shared account this user is, if they have access there
     * (an account without access is no shared account to ask a PIN for).
     */
    public Optional<OrganizationModel> sharedAccountOrganization(UserModel user) {
        // The user's records as this request already read them (the condition, the step, the token mapper and
        // the acting-person listener all ask): one query per request.
        return store.recordsOfUser(realm.getId(), user.getId()).stream()
                .map(AdministratorStore.UserRecord::record)
                .filter(record -> record.getPinMode() == PinMode.SHARED)
                .map(AdministratorEntity::getOrganizationId)
                .map(organizations::getById)
                .filter(organization -> organization != null)
                .filter(organization -> decide(organization, user).granted())
                .findFirst();
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

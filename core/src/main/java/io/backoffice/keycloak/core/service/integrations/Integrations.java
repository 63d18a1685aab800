package io.backoffice.keycloak.core.service.integrations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

import io.backoffice.keycloak.core.model.IntegrationView;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.model.ActingPersonLapse;
import io.backoffice.keycloak.core.service.catalogue.PermissionCatalogue;
import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.store.IntegrationEntity;
import io.backoffice.keycloak.core.store.IntegrationStore;

/**
 * An organization's integrations in Keycloak's model (R-API-1..3): each is a confidential client with a
 * service account and only the client-credentials grant, whose service-account user is a member of the
 * organization holding permission groups like an administrator; our row says which organization owns it and
 * whether it is active. Per request; every write happens in the request's transaction.
 */
public class Integrations {

    /** Client attribute naming the owning organization, for identity admins reading the console (our row decides). */
    public static final String ORGANIZATION_ATTRIBUTE = "backoffice.organization";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdministratorService administrators;
    private final IntegrationStore store;

    public Integrations(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.administrators = new AdministratorService(session, realm);
        this.store = new IntegrationStore(session);
    }

    public IntegrationStore store() {
        return store;
    }

    /** R-API-2, R-CLAIM-2: the one organization of an active integration whose service account the user is. */
    public Optional<OrganizationModel> activeOrganizationOf(UserModel user) {
        return user.getServiceAccountClientLink() == null ? Optional.empty()
                : store.findByUser(realm.getId(), user.getId())
                        .filter(IntegrationEntity::isActive)
                        .map(integration -> session.getProvider(OrganizationProvider.class).getById(integration.getOrganizationId()));
    }

    /**
     * R-AUTHZ-1: a token issued to an integration's own client is accepted for that integration's service
     * account only; the realm's list of allowed clients need not name every integration.
     */
    public boolean isOwnClient(ClientModel client, UserModel user) {
        return client != null && user != null
                && store.find(client.getId()).filter(integration -> integration.getUserId().equals(user.getId())).isPresent();
    }

    /** The integration as shown; empty when Keycloak's client or service account is gone. */
    public Optional<IntegrationView> view(OrganizationModel organization, IntegrationEntity integration) {
        ClientModel client = session.clients().getClientById(realm, integration.getClientId());
        UserModel account = session.users().getUserById(realm, integration.getUserId());
        if (client == null || account == null) {
            return Optional.empty();
        }
        List<GroupModel> groups = administrators.permissionGroups(organization, account);
        Set<String> permissions = integration.isActive() ? administrators.permissionsOf(groups) : Set.of();
        return Optional.of(new IntegrationView(client.getId(), client.getClientId(), client.getName(), client.getDescription(),
                integration.getStatus(), groups.stream().map(GroupModel::getName).sorted().toList(), List.copyOf(permissions),
                account.getId(), integration.getCreatedAt()));
    }

    /**
     * R-API-1, R-AUTHZ-4: what the integration's groups grant, whatever its status (what is at stake when someone
     * manages it, or what it may do when it calls). Never an owner.
     */
    public AdministratorFacts facts(OrganizationModel organization, UserModel account, IntegrationEntity integration) {
        return new AdministratorFacts(account.getId(), integration.getStatus(), true, false,
                administrators.permissionsOf(administrators.permissionGroups(organization, account)));
    }

    /**
     * R-API-1: a confidential client with a service account and nothing else (no browser login, no password
     * grant), carrying the back-office mapper configured as on the catalogue client (same claim name), so its
     * client-credentials token has the same claims as an administrator's (R-API-2). Returns the client.
     */
    public ClientModel createClient(String clientId, String name, String description, OrganizationModel organization) {
        ClientRepresentation representation = new ClientRepresentation();
        representation.setClientId(clientId);
        representation.setName(name);
        representation.setDescription(description);
        representation.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        representation.setPublicClient(false);
        representation.setBearerOnly(false);
        representation.setStandardFlowEnabled(false);
        representation.setImplicitFlowEnabled(false);
        representation.setDirectAccessGrantsEnabled(false);
        representation.setServiceAccountsEnabled(true);
        representation.setClientAuthenticatorType("client-secret");
        representation.setAttributes(new HashMap<>(Map.of(ORGANIZATION_ATTRIBUTE, organization.getId())));
        representation.setProtocolMappers(List.of(claimsMapper()));
        ClientModel client = ClientManager.createClient(session, realm, representation);
        new ClientManager(new RealmManager(session)).enableServiceAccount(client);
        return client;
    }

    private ProtocolMapperRepresentation claimsMapper() {
        PermissionCatalogue catalogue = PermissionCatalogue.of(realm);
        Map<String, String> config = new HashMap<>(Map.of("claim.name", "backoffice", "access.token.claim", "true",
                "introspection.token.claim", "true"));
        if (catalogue.exists()) {
            catalogue.client().getProtocolMappersStream()
                    .filter(mapper -> ActingPersonLapse.MAPPER_PROVIDER_ID.equals(mapper.getProtocolMapper()))
                    .findFirst()
                    .map(ProtocolMapperModel::getConfig)
                    .ifPresent(config::putAll);
        }
        ProtocolMapperRepresentation mapper = new ProtocolMapperRepresentation();
        mapper.setName("back-office administrator");
        mapper.setProtocol(OIDCLoginProtocol.LOGIN_PROTOCOL);
        mapper.setProtocolMapper(ActingPersonLapse.MAPPER_PROVIDER_ID);
        mapper.setConfig(config);
        return mapper;
    }

    /**
     * R-DATA-1: an organization's integrations go with it, clients and service accounts included. Static, with
     * each row's own realm: an organization also goes when its realm is removed, whatever realm the request is in.
     */
    public static void removeOrganization(KeycloakSession session, String organizationId) {
        IntegrationStore store = new IntegrationStore(session);
        ClientManager clients = new ClientManager(new RealmManager(session));
        for (IntegrationEntity integration : store.listByOrganization(organizationId)) {
            RealmModel realm = session.realms().getRealm(integration.getRealmId());
            ClientModel client = realm == null ? null : session.clients().getClientById(realm, integration.getClientId());
            store.remove(integration);
            if (client != null) {
                clients.removeClient(realm, client);
            }
        }
    }
}

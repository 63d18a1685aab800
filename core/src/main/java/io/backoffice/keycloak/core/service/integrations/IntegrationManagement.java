package io.backoffice.keycloak.core.service.integrations;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.IntegrationRequest;
import io.backoffice.keycloak.core.model.IntegrationChanges;
import io.backoffice.keycloak.core.model.IntegrationOutcome;
import io.backoffice.keycloak.core.model.IntegrationView;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.model.AdministratorQuery;
import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.InputRules;
import io.backoffice.keycloak.core.rules.Permissions;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.store.IntegrationEntity;

/**
 * What the caller does to the integrations of their organization through the organization API (R-API-1..3),
 * every rule checked before anything is written: {@code org-settings:integrations} or the owner (R-API-1), no
 * escalation in what it is given or by whom it is managed (R-AUTHZ-4), nobody changes their own status or groups
 * (R-AUTHZ-3, an integration included). Another organization's integration is not found, like an unknown id.
 */
public class IntegrationManagement {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final OrganizationModel organization;
    private final AdministratorService administrators;
    private final Integrations integrations;

    public IntegrationManagement(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.caller = caller;
        this.organization = caller.organization();
        this.administrators = new AdministratorService(session, realm);
        this.integrations = new Integrations(session, realm);
    }

    /** R-API-1: the organization's integrations, apart from its people, oldest first, one page. */
    public List<IntegrationView> list(String first, String max) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_INTEGRATIONS);
        AdministratorQuery page = AdministratorQuery.parse(null, null, null, first, max, null);
        return integrations.store().page(organization.getId(), page.first(), page.max()).stream()
                .map(integration -> integrations.view(organization, integration))
                .flatMap(Optional::stream)
                .toList();
    }

    /** One integration: itself, or any for a holder of {@code org-settings:integrations}. */
    public IntegrationView read(String id) {
        IntegrationEntity integration = require(id);
        if (!caller.user().getId().equals(integration.getUserId())) {
            EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_INTEGRATIONS);
        }
        return view(integration);
    }

    /**
     * R-API-1, R-API-2, R-AUTHZ-4: a new client with a service account, member of the organization, holding the
     * named groups (only groups whose permissions the caller holds); the answer carries its secret, once.
     */
    public IntegrationOutcome create(IntegrationRequest request) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_INTEGRATIONS);
        String name = InputRules.requireText("name", request.name(), InputRules.MAX_NAME);
        String description = InputRules.optionalText("description", request.description(), InputRules.MAX_NAME);
        List<GroupModel> groups = administrators.groupsToAssign(organization, request.permissionGroups());
        EscalationRules.requireCanGrant(caller.facts(), administrators.permissionsOf(groups));

        String clientId = "integration-" + KeycloakModelUtils.generateId().replace("-", "").substring(0, 12);
        ClientModel client = integrations.createClient(clientId, name, description, organization);
        UserModel account = session.users().getServiceAccount(client);
        session.getProvider(OrganizationProvider.class).addMember(organization, account);
        groups.forEach(account::joinGroup);
        IntegrationEntity integration = new IntegrationEntity();
        integration.setClientId(client.getId());
        integration.setOrganizationId(organization.getId());
        integration.setUserId(account.getId());
        integration.setRealmId(realm.getId());
        integration.setStatus(AdministratorStatus.ACTIVE);
        integrations.store().insert(integration);
        return new IntegrationOutcome(view(integration), Optional.of(KeycloakModelUtils.generateSecret(client)));
    }

    /**
     * Name, description, groups and status; absent fields stay. Deactivating turns the client's service account
     * off, so the token endpoint refuses it (R-API-2), while the client, its user and its groups stay, so its live
     * tokens reach the organization API and are refused there by the access decision ({@code integration_inactive});
     * reactivating turns it back on with the same secret.
     */
    public IntegrationView edit(String id, IntegrationChanges changes) {
        IntegrationEntity integration = require(id);
        ClientModel client = requireClient(integration);
        UserModel account = requireAccount(integration);
        requireMayManage(integration, account);
        String name = changes.name() == null ? null : InputRules.requireText("name", changes.name(), InputRules.MAX_NAME);
        String description = InputRules.optionalText("description", changes.description(), InputRules.MAX_NAME);
        boolean statusChanges = changes.status() != null && changes.status() != integration.getStatus();
        List<GroupModel> groups = changes.permissionGroups() == null ? null
                : administrators.groupsToAssign(organization, changes.permissionGroups());
        boolean groupsChange = groups != null && !ids(groups).equals(ids(administrators.permissionGroups(organization, account)));
        if (statusChanges) {
            EscalationRules.requireNotSelf(caller.facts(), account.getId(), "status");
        }
        if (groupsChange) {
            EscalationRules.requireNotSelf(caller.facts(), account.getId(), "permission groups");
            EscalationRules.requireCanGrant(caller.facts(), administrators.permissionsOf(groups));
        }

        if (name != null) {
            client.setName(name);
        }
        if (description != null) {
            client.setDescription(description);
        }
        if (groupsChange) {
            administrators.replacePermissionGroups(organization, account, groups);
        }
        if (statusChanges) {
            integration.setStatus(changes.status());
            client.setServiceAccountsEnabled(integration.isActive());
        }
        integrations.store().update(integration);
        return view(integration);
    }

    /** R-API-2: a new secret, in this answer only; the old one stops working at once. */
    public IntegrationOutcome rotateSecret(String id) {
        IntegrationEntity integration = require(id);
        ClientModel client = requireClient(integration);
        requireMayManage(integration, requireAccount(integration));
        String secret = KeycloakModelUtils.generateSecret(client);
        integrations.store().update(integration);
        return new IntegrationOutcome(view(integration), Optional.of(secret));
    }

    /** R-API-1, R-AUTHZ-4: {@code org-settings:integrations}, and holding everything the integration's groups grant. */
    private void requireMayManage(IntegrationEntity integration, UserModel account) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_INTEGRATIONS);
        AdministratorFacts target = integrations.facts(organization, account, integration);
        EscalationRules.requireCanManage(caller.facts(), target);
    }

    /** R-API-3: this organization's integration, or 404 as for an id that does not exist. */
    private IntegrationEntity require(String id) {
        return integrations.store().find(id == null ? "" : id)
                .filter(integration -> integration.getOrganizationId().equals(organization.getId()))
                .orElseThrow(IntegrationManagement::notFound);
    }

    private ClientModel requireClient(IntegrationEntity integration) {
        ClientModel client = session.clients().getClientById(realm, integration.getClientId());
        if (client == null) {
            throw notFound();
        }
        return client;
    }

    private UserModel requireAccount(IntegrationEntity integration) {
        UserModel account = session.users().getUserById(realm, integration.getUserId());
        if (account == null) {
            throw notFound();
        }
        return account;
    }

    private IntegrationView view(IntegrationEntity integration) {
        return integrations.view(organization, integration).orElseThrow(IntegrationManagement::notFound);
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("integration_not_found", "No integration with that id in this organization.");
    }

    private static Set<String> ids(List<GroupModel> groups) {
        return groups.stream().map(GroupModel::getId).collect(Collectors.toSet());
    }
}

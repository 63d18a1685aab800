package io.backoffice.keycloak.core.store;

import java.util.stream.Collectors;

import org.keycloak.models.ClientModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import io.backoffice.keycloak.core.integrations.Integrations;
import io.backoffice.keycloak.core.pin.PinLockStore;
import io.backoffice.keycloak.core.rules.OwnerRules;

/**
 * Keeps our tables in step with Keycloak's model, in the same transaction as the removal (R-DATA-1/2); an
 * organization's integrations take their Keycloak clients with them (R-DATA-1, R-API-1).
 */
public class RecordCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            Integrations.removeOrganization(removed.getKeycloakSession(), removed.getOrganization().getId());
            new AdministratorStore(removed.getKeycloakSession()).removeOrganization(removed.getOrganization().getId());
            PinLockStore.removeOrganization(removed.getKeycloakSession(), removed.getOrganization().getId());
            new OrganizationSupportStore(removed.getKeycloakSession()).removeOrganization(removed.getOrganization().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            new AdministratorStore(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
            new IntegrationStore(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
            PinLockStore.removeRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            new OrganizationSupportStore(removed.getKeycloakSession()).removeRealm(removed.getRealm().getId());
        } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
            // An identity admin deleted an integration's client in the console: its row goes with it.
            IntegrationStore integrations = new IntegrationStore(removed.getKeycloakSession());
            integrations.find(removed.getClient().getId()).ifPresent(integrations::remove);
        } else if (event instanceof UserModel.UserPreRemovedEvent removing) {
            refuseRemovingAnOwner(removing);
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            new AdministratorStore(removed.getKeycloakSession()).removeUser(removed.getRealm().getId(), removed.getUser().getId());
            PinLockStore.removeUser(removed.getKeycloakSession(), removed.getUser().getId());
        }
    }

    /** R-DATA-2: an owner cannot disappear, or R-OWNER-1 would break; refused in our error shape (409). */
    private void refuseRemovingAnOwner(UserModel.UserPreRemovedEvent removing) {
        var session = removing.getKeycloakSession();
        var owned = new AdministratorStore(session).ownershipsOf(removing.getRealm().getId(), removing.getUser().getId());
        if (owned.isEmpty()) {
            return;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        String names = owned.stream()
                .map(o -> organizations.getById(o.getOrganizationId()))
                .filter(o -> o != null)
                .map(o -> "'" + o.getName() + "'")
                .collect(Collectors.joining(", "));
        if (names.isEmpty()) {
            return;
        }
        throw ConsolePathRules.consoleReadable(session, OwnerRules.transferOwnershipFirst(names));
    }
}

package io.backoffice.keycloak.core.store;

import org.keycloak.models.ClientModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Keeps our tables in step with Keycloak's model, in the same transaction as the removal (R-DATA-1). An
 * organization's integrations take their Keycloak clients with them: that is a service's work
 * ({@code IntegrationCleanup}). Refusing to remove an owner (R-DATA-2) is a rule, not storage:
 * {@code ConsolePathRules} does it.
 */
public class RecordCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
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
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            new AdministratorStore(removed.getKeycloakSession()).removeUser(removed.getRealm().getId(), removed.getUser().getId());
            PinLockStore.removeUser(removed.getKeycloakSession(), removed.getUser().getId());
        }
    }
}

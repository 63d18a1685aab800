package io.backoffice.keycloak.core.service.integrations;

import org.keycloak.models.OrganizationModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * R-DATA-1, R-API-1: a removed organization's integrations go with it, their Keycloak clients and service
 * accounts included, in the same transaction as the removal (our rows alone are {@code RecordCleanup}'s).
 */
public class IntegrationCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            Integrations.removeOrganization(removed.getKeycloakSession(), removed.getOrganization().getId());
        }
    }
}

package io.backoffice.keycloak.admin.identity;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * R-ADMIN-5 in every realm: a global listener, so no realm has to add it to its event listeners
 * (and none can forget to).
 */
public class IdentityChangeListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "backoffice-identity-change";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new IdentityChangeListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}

package io.backoffice.keycloak.pin;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Global (every realm, nothing to enable): an audit trail must not depend on a realm setting someone can forget. */
public class ActingPersonEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "backoffice-acting-person";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ActingPersonEventListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
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
}

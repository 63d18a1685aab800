package io.backoffice.keycloak.pin;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.grants.OAuth2GrantType;
import org.keycloak.protocol.oidc.grants.OAuth2GrantTypeFactory;

/** Registers the staff PIN grant at the token endpoint; its id is the grant type (SPI {@code oauth2-grant-type}). */
public class StaffPinGrantTypeFactory implements OAuth2GrantTypeFactory {

    @Override
    public String getId() {
        return StaffPinGrantType.GRANT_TYPE;
    }

    /** Two letters, unique among grants: Keycloak keys token ids with it. */
    @Override
    public String getShortcut() {
        return "bp";
    }

    @Override
    public OAuth2GrantType create(KeycloakSession session) {
        return new StaffPinGrantType();
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

package io.backoffice.keycloak.admin.organization;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.Caller;

public class AdministratorsResource {

    private final KeycloakSession session;
    private final Caller caller;

    public AdministratorsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
    }
}

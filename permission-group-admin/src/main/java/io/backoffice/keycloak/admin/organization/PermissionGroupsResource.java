package io.backoffice.keycloak.admin.organization;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.Caller;

public class PermissionGroupsResource {

    private final KeycloakSession session;
    private final Caller caller;

    public PermissionGroupsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
    }
}

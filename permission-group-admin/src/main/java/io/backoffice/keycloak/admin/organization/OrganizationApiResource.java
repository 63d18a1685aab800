package io.backoffice.keycloak.admin.organization;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.integrations.IntegrationManagement;

/** One organization, as seen by one of its administrators (already authenticated). */
public class OrganizationApiResource {

    private final KeycloakSession session;
    private final Caller caller;

    public OrganizationApiResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
    }

    /** The caller's own record and effective permissions in this organization; an integration's own view for an integration. */
    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Object me() {
        if (caller.isIntegration()) {
            return new IntegrationManagement(session, caller).read(caller.integrationId().get());
        }
        return new AdministratorService(session, session.getContext().getRealm())
                .view(caller.organization(), caller.user().getId()).orElseThrow();
    }

    @Path("integrations")
    public IntegrationsResource integrations() {
        return new IntegrationsResource(session, caller);
    }

    @Path("administrators")
    public AdministratorsResource administrators() {
        return new AdministratorsResource(session, caller);
    }

    @Path("settings")
    public OrganizationSettingsResource settings() {
        return new OrganizationSettingsResource(session, caller);
    }

    @Path("permission-groups")
    public PermissionGroupsResource permissionGroups() {
        return new PermissionGroupsResource(session, caller);
    }

    /** R-LEVEL-4; a path of its own so that AdministratorsResource stays as it is. */
    @Path("administrators/{userId}/personal-grants")
    public PersonalGrantsResource personalGrants(@jakarta.ws.rs.PathParam("userId") String userId) {
        return new PersonalGrantsResource(session, caller, userId);
    }

    @Path("presets")
    public PresetsResource presets() {
        return new PresetsResource(session, caller);
    }

    @Path("catalogue")
    public CatalogueResource catalogue() {
        return new CatalogueResource(session);
    }
}

package io.backoffice.keycloak.admin.organization;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.service.management.OrganizationSettings;

/** {@code .../organizations/{organizationId}/settings}: read by every active administrator, changed by the owner. */
public class OrganizationSettingsResource {

    private final KeycloakSession session;
    private final Caller caller;
    private final OrganizationSettings settings;

    public OrganizationSettingsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
        this.settings = new OrganizationSettings(session, caller);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public OrganizationSettings.View read() {
        return settings.view();
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public OrganizationSettings.View change(String body) {
        OrganizationSettings.View changed = settings.change(JsonBody.read(body, OrganizationSettings.Change.class));
        OrganizationEvents.of(session, caller, OrganizationEvents.SETTINGS)
                .operation(OperationType.UPDATE)
                .resourcePath("backoffice", "organizations", caller.organization().getId(), "settings")
                .representation(changed)
                .detail("pin_length", Integer.toString(changed.pinLength()))
                .success();
        return changed;
    }
}

package io.backoffice.keycloak.admin.organization;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.PresetView;
import io.backoffice.keycloak.core.service.presets.OrganizationPresets;

/**
 * {@code .../presets} (R-LEVEL-2): the organization's presets, each a named set of its permission groups.
 * Any active administrator reads them; changes need {@code org-settings:manage-permissions}.
 */
public class PresetsResource {

    /** Body of a PUT: the groups the preset gives, by name. */
    public record PresetInput(List<String> permissionGroups) {
    }

    private final KeycloakSession session;
    private final Caller caller;
    private final OrganizationModel organization;
    private final OrganizationPresets presets;

    public PresetsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
        this.organization = caller.organization();
        this.presets = new OrganizationPresets(session, session.getContext().getRealm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PresetView> list() {
        return presets.list(organization);
    }

    /** Creates or replaces the preset {@code name}; body {@code {"permissionGroups": [names]}}. */
    @PUT
    @Path("{presetName}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public PresetView put(@PathParam("presetName") String name, String body) {
        PresetInput input = JsonBody.read(body, PresetInput.class);
        PresetView preset = presets.put(organization, caller.facts(), name, input.permissionGroups());
        event(OperationType.UPDATE, preset.name()).representation(preset).success();
        return preset;
    }

    @DELETE
    @Path("{presetName}")
    public Response delete(@PathParam("presetName") String name) {
        presets.delete(organization, caller.facts(), name);
        event(OperationType.DELETE, name).success();
        return Response.noContent().build();
    }

    private org.keycloak.services.resources.admin.AdminEventBuilder event(OperationType operation, String name) {
        return OrganizationEvents.of(session, caller, ResourceType.ORGANIZATION_GROUP)
                .operation(operation)
                .resourcePath(session.getContext().getUri())
                .detail("preset_name", name);
    }
}

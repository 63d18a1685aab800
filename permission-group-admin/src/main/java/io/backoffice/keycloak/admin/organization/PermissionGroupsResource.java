package io.backoffice.keycloak.admin.organization;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.PermissionComparison;
import io.backoffice.keycloak.core.model.PermissionGroupInput;
import io.backoffice.keycloak.core.model.PermissionGroupView;
import io.backoffice.keycloak.core.service.groups.PermissionGroupService;

/**
 * {@code .../permission-groups}: the organization's permission groups. Any active administrator reads
 * them; changes need {@code org-settings:manage-permissions} and stay within the caller's own permissions
 * (checked in {@link PermissionGroupService}). Every change is an admin event of the caller.
 */
public class PermissionGroupsResource {

    private final KeycloakSession session;
    private final Caller caller;
    private final OrganizationModel organization;
    private final PermissionGroupService groups;

    public PermissionGroupsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
        this.organization = caller.organization();
        this.groups = new PermissionGroupService(session, session.getContext().getRealm());
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<PermissionGroupView> list() {
        return groups.list(organization);
    }

    /** R-GROUP-4: {@code ?permission=pos:sell} (repeatable; a section name compares its permissions). */
    @GET
    @Path("comparison")
    @Produces(MediaType.APPLICATION_JSON)
    public PermissionComparison compare(@QueryParam("permission") List<String> permissions) {
        return groups.compare(organization, permissions);
    }

    @GET
    @Path("{groupId}")
    @Produces(MediaType.APPLICATION_JSON)
    public PermissionGroupView get(@PathParam("groupId") String groupId) {
        return groups.view(organization, groups.require(organization, groupId));
    }

    /** Body: {@code {"name", "description"?, "permissions": [names]}}. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        groups.requireManager(caller.facts());
        PermissionGroupInput input = JsonBody.read(body, PermissionGroupInput.class);
        GroupModel group = groups.create(organization, caller.facts(), input);
        PermissionGroupView created = groups.view(organization, group);
        event(OperationType.CREATE, created).success();
        return Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(created.id()).build())
                .entity(created).build();
    }

    /** Replaces name, description and permissions; body as for create. */
    @PUT
    @Path("{groupId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public PermissionGroupView replace(@PathParam("groupId") String groupId, String body) {
        groups.requireManager(caller.facts());
        GroupModel group = groups.require(organization, groupId);
        PermissionGroupInput input = JsonBody.read(body, PermissionGroupInput.class);
        groups.replace(organization, caller.facts(), group, input);
        PermissionGroupView updated = groups.view(organization, group);
        event(OperationType.UPDATE, updated).success();
        return updated;
    }

    @DELETE
    @Path("{groupId}")
    public Response delete(@PathParam("groupId") String groupId) {
        groups.requireManager(caller.facts());
        GroupModel group = groups.require(organization, groupId);
        PermissionGroupView removed = groups.view(organization, group);
        groups.delete(organization, caller.facts(), group);
        event(OperationType.DELETE, removed).success();
        return Response.noContent().build();
    }

    private AdminEventBuilder event(OperationType operation, PermissionGroupView group) {
        AdminEventBuilder event = OrganizationEvents.of(session, caller, ResourceType.ORGANIZATION_GROUP)
                .operation(operation)
                .representation(group)
                .detail("permission_group_id", group.id())
                .detail("permission_group_name", group.name());
        return operation == OperationType.CREATE
                ? event.resourcePath(session.getContext().getUri(), group.id())
                : event.resourcePath(session.getContext().getUri());
    }
}

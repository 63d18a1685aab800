package io.backoffice.keycloak.admin.organization;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.keycloak.events.admin.OperationType;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.model.IntegrationChanges;
import io.backoffice.keycloak.core.service.integrations.IntegrationManagement;
import io.backoffice.keycloak.core.model.IntegrationOutcome;
import io.backoffice.keycloak.core.model.IntegrationRequest;
import io.backoffice.keycloak.core.model.IntegrationView;

/**
 * {@code .../organizations/{organizationId}/integrations}: the organization's integrations (API users, R-API-1..3).
 * The rules are in {@link IntegrationManagement}; here: parse, call, record the admin event, answer.
 */
public class IntegrationsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final Caller caller;
    private final IntegrationManagement management;

    public IntegrationsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
        this.management = new IntegrationManagement(session, caller);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<IntegrationView> list(@QueryParam("first") String first, @QueryParam("max") String max) {
        return management.list(first, max);
    }

    /** R-API-2: 201 with the client secret, which no later answer carries. */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        IntegrationOutcome outcome = management.create(JsonBody.read(body, IntegrationRequest.class));
        event(outcome, OperationType.CREATE).success();
        return Response.status(Response.Status.CREATED).entity(answer(outcome)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{integrationId}")
    @Produces(MediaType.APPLICATION_JSON)
    public IntegrationView read(@PathParam("integrationId") String integrationId) {
        return management.read(integrationId);
    }

    /** Name, description, permission groups, status ({@code INACTIVE} deactivates, {@code ACTIVE} reactivates). */
    @PUT
    @Path("{integrationId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public IntegrationView edit(@PathParam("integrationId") String integrationId, String body) {
        IntegrationView integration = management.edit(integrationId, JsonBody.read(body, IntegrationChanges.class));
        event(new IntegrationOutcome(integration, java.util.Optional.empty()), OperationType.UPDATE).success();
        return integration;
    }

    /** R-API-2: a new secret, in this answer only; the old one stops working. */
    @POST
    @Path("{integrationId}/rotate-secret")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> rotateSecret(@PathParam("integrationId") String integrationId) {
        IntegrationOutcome outcome = management.rotateSecret(integrationId);
        event(outcome, OperationType.ACTION).detail("action", "rotate-secret").success();
        return answer(outcome);
    }

    /** R-API-1: integrations are deactivated, never deleted (their events keep naming them). */
    @DELETE
    @Path("{integrationId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("integrationId") String integrationId) {
        throw new ProblemException(405, "integrations_are_not_deleted",
                "Integrations are never deleted; set their status to INACTIVE instead.");
    }

    private AdminEventBuilder event(IntegrationOutcome outcome, OperationType operation) {
        IntegrationView integration = outcome.integration();
        return OrganizationEvents.of(session, caller, OrganizationEvents.INTEGRATION)
                .operation(operation)
                .resourcePath("backoffice", "organizations", caller.organization().getId(), "integrations", integration.id())
                .representation(integration)
                .detail("integration_id", integration.id())
                .detail("integration_client_id", integration.clientId())
                .detail("integration_name", integration.name())
                .detail("status", integration.status().name())
                .detail("permission_groups", String.join(", ", integration.permissionGroups()))
                .detail("secret_issued", Boolean.toString(outcome.secret().isPresent()));
    }

    /** The integration, plus its new secret when one was issued: the only place it ever appears (R-API-2). */
    private static Map<String, Object> answer(IntegrationOutcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>(JSON.convertValue(outcome.integration(), new TypeReference<Map<String, Object>>() { }));
        outcome.secret().ifPresent(secret -> answer.put("clientSecret", secret));
        return answer;
    }
}

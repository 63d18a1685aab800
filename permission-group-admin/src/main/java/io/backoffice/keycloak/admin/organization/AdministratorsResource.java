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
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.core.AdministratorView;
import io.backoffice.keycloak.core.Caller;
import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.management.AdministratorChanges;
import io.backoffice.keycloak.core.management.AdministratorManagement;
import io.backoffice.keycloak.core.management.AdministratorOutcome;
import io.backoffice.keycloak.core.management.AdministratorQuery;
import io.backoffice.keycloak.core.management.AdministratorRequest;

/**
 * {@code .../organizations/{organizationId}/administrators}: the organization's administrators as its
 * own administrators manage them. The rules are in {@link AdministratorManagement}; here: parse, call,
 * record the admin event, answer.
 */
public class AdministratorsResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeycloakSession session;
    private final Caller caller;
    private final AdministratorManagement management;

    public AdministratorsResource(KeycloakSession session, Caller caller) {
        this.session = session;
        this.caller = caller;
        this.management = new AdministratorManagement(session, caller);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<AdministratorView> list(@QueryParam("search") String search, @QueryParam("status") String status,
                                        @QueryParam("group") String group, @QueryParam("first") String first,
                                        @QueryParam("max") String max) {
        return management.list(AdministratorQuery.parse(search, status, group, first, max));
    }

    /** 201 for a new record; 200 when an unconfirmed record was created again (confirmation sent again). */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        AdministratorOutcome outcome = management.create(JsonBody.read(body, AdministratorRequest.class));
        if (outcome.confirmationNeeded()) {
            VerificationMail.send(session, session.getContext().getRealm(), outcome.user());
        }
        event(outcome, outcome.created() ? OperationType.CREATE : OperationType.UPDATE)
                .detail("confirmation_email_sent", Boolean.toString(outcome.confirmationNeeded()))
                .success();
        Response.ResponseBuilder response = outcome.created()
                ? Response.created(session.getContext().getUri().getAbsolutePathBuilder().path(outcome.administrator().userId()).build())
                : Response.ok();
        return response.entity(answer(outcome)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public AdministratorView read(@PathParam("userId") String userId) {
        return management.read(userId);
    }

    /** Fields left out stay as they are; with {@code "pinMode": "PIN"} newly set, the answer carries the PIN, once. */
    @PUT
    @Path("{userId}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> edit(@PathParam("userId") String userId, String body) {
        AdministratorOutcome outcome = management.edit(userId, JsonBody.read(body, AdministratorChanges.class));
        event(outcome, OperationType.UPDATE).success();
        return answer(outcome);
    }

    /** R-PIN-4: a new PIN for a PIN holder, in this answer only. */
    @POST
    @Path("{userId}/regenerate-pin")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> regeneratePin(@PathParam("userId") String userId) {
        AdministratorOutcome outcome = management.regeneratePin(userId);
        event(outcome, OperationType.ACTION).detail("action", "regenerate-pin").success();
        return answer(outcome);
    }

    /** R-ADMIN-4: records are kept for the audit trail; deactivation is the way out. */
    @DELETE
    @Path("{userId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delete(@PathParam("userId") String userId) {
        throw new ProblemException(405, "administrators_are_not_deleted",
                "Administrators are never deleted; set their status to INACTIVE instead.");
    }

    private AdminEventBuilder event(AdministratorOutcome outcome, OperationType operation) {
        AdministratorView administrator = outcome.administrator();
        return OrganizationEvents.of(session, caller, OrganizationEvents.ADMINISTRATOR)
                .operation(operation)
                .resourcePath("backoffice", "organizations", caller.organization().getId(), "administrators", administrator.userId())
                .representation(administrator)
                .detail("administrator_user_id", administrator.userId())
                .detail("administrator_username", administrator.username())
                .detail("status", administrator.status().name())
                .detail("pin_mode", administrator.pinMode().name())
                .detail("permission_groups", String.join(", ", administrator.permissionGroups()))
                .detail("pin_issued", Boolean.toString(outcome.pin().isPresent()));
    }

    /** The record, plus the new PIN when one was issued: the only place it ever appears (R-PIN-4). */
    private static Map<String, Object> answer(AdministratorOutcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>(JSON.convertValue(outcome.administrator(), new TypeReference<Map<String, Object>>() { }));
        answer.put("confirmationEmailSent", outcome.confirmationNeeded());
        outcome.pin().ifPresent(pin -> answer.put("pin", pin));
        return answer;
    }
}

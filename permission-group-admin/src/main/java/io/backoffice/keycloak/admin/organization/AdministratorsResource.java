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
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.admin.http.PageAnswer;
import io.backoffice.keycloak.core.model.AdministratorChanges;
import io.backoffice.keycloak.core.model.AdministratorOutcome;
import io.backoffice.keycloak.core.model.AdministratorQuery;
import io.backoffice.keycloak.core.model.AdministratorRequest;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.Enrolment;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.service.management.AdministratorManagement;

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
    public Response list(@QueryParam("search") String search, @QueryParam("status") String status,
                         @QueryParam("group") String group, @QueryParam("first") String first,
                         @QueryParam("max") String max, @QueryParam("after") String after) {
        return PageAnswer.of(session, management.list(AdministratorQuery.parse(search, status, group, first, max, after)));
    }

    /**
     * R-ADMIN-1: 202 whether the email had an account or not (an onboarding mail or an invitation went
     * out), with the same body: the request as understood, nothing about the person.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        Enrolment enrolment = management.create(JsonBody.read(body, AdministratorRequest.class));
        Map<String, Object> answer = enrolmentAnswer(enrolment);
        // The audit trail (identity admins) says what really happened; the answer does not.
        UserModel person = enrolment.user();
        String delivery = person == null ? "none_address_is_another_username" : enrolment.newPerson() ? "onboarding_email" : "invitation_or_resend";
        OrganizationEvents.of(session, caller, OrganizationEvents.ADMINISTRATOR)
                .operation(OperationType.CREATE)
                .resourcePath("backoffice", "organizations", caller.organization().getId(), "administrators",
                        person == null ? "none" : person.getId())
                .representation(answer)
                .detail("administrator_user_id", person == null ? null : person.getId())
                .detail("administrator_username", person == null ? null : person.getUsername())
                .detail("delivery", delivery)
                .detail("status", enrolment.status().name())
                .detail("pin_mode", enrolment.pinMode().name())
                .detail("permission_groups", String.join(", ", enrolment.permissionGroups()))
                .success();
        return Response.accepted(answer).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** People brought in who are not administrators yet (invited, or not confirmed), in the create answer's shape. */
    @GET
    @Path("invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> invitations() {
        return management.pending().stream().map(AdministratorsResource::enrolmentAnswer).toList();
    }

    /** R-ADMIN-9: Keycloak's own reset-password mail to this administrator. */
    @POST
    @Path("{userId}/reset-password-email")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sendPasswordReset(@PathParam("userId") String userId) {
        management.sendPasswordReset(userId);
        OrganizationEvents.of(session, caller, OrganizationEvents.ADMINISTRATOR)
                .operation(OperationType.ACTION)
                .resourcePath("backoffice", "organizations", caller.organization().getId(), "administrators", userId)
                .detail("action", "reset-password-email")
                .detail("administrator_user_id", userId)
                .success();
        return Response.noContent().build();
    }

    private static Map<String, Object> enrolmentAnswer(Enrolment enrolment) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("email", enrolment.email());
        answer.put("firstName", enrolment.firstName());
        answer.put("lastName", enrolment.lastName());
        answer.put("permissionGroups", enrolment.permissionGroups());
        answer.put("status", enrolment.status());
        answer.put("pinMode", enrolment.pinMode());
        return answer;
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
        outcome.pin().ifPresent(pin -> answer.put("pin", pin));
        return answer;
    }
}

package io.backoffice.keycloak.admin.organization;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.service.levels.PersonalGrants;

/**
 * {@code .../administrators/{userId}/personal-grants} (R-LEVEL-4): the catalogue roles given to one
 * administrator in this organization alone. Reading them is reading the administrator
 * ({@code personalGrants}, {@code permissionSources}); the rules are in {@link PersonalGrants}.
 */
public class PersonalGrantsResource {

    /** Body: {@code {"permissions": [names], "levels": {"area": "level"}}}, either may be left out. */
    public record PersonalGrantsInput(List<String> permissions, Map<String, String> levels) {
    }

    private final KeycloakSession session;
    private final Caller caller;
    private final String userId;

    public PersonalGrantsResource(KeycloakSession session, Caller caller, String userId) {
        this.session = session;
        this.caller = caller;
        this.userId = userId;
    }

    /** Replaces the personal grants; answers the administrator as {@code GET .../administrators/{userId}} does. */
    @PUT
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public AdministratorView replace(String body) {
        PersonalGrantsInput input = JsonBody.read(body, PersonalGrantsInput.class);
        AdministratorView updated = new PersonalGrants(session, session.getContext().getRealm())
                .replace(caller, userId, input.permissions(), input.levels());
        OrganizationEvents.of(session, caller, OrganizationEvents.ADMINISTRATOR)
                .operation(OperationType.UPDATE)
                .resourcePath("backoffice", "organizations", caller.organization().getId(), "administrators", userId, "personal-grants")
                .representation(updated)
                .detail("administrator_user_id", userId)
                .detail("personal_grants", String.join(", ", updated.personalGrants()))
                .success();
        return updated;
    }
}

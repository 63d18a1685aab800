package io.backoffice.keycloak.core.service.identity;

import java.util.List;

import org.keycloak.common.ClientConnection;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.core.service.AdministratorService.IdentityChange;
import io.backoffice.keycloak.core.service.AdministratorService;

/**
 * R-ADMIN-5, one place for every path that notices it (the event listener, and the access decision
 * wherever the user is read anyway: API call, token, PIN step): a user's records that knew another
 * username or email become inactive (the owner's excepted), each with an admin event saying why.
 */
public final class IdentityChanges {

    /** Custom admin event resource type of administrator records (Keycloak keeps it as a string). */
    public static final String ADMINISTRATOR_RESOURCE = "BACKOFFICE_ADMINISTRATOR";

    private IdentityChanges() {
    }

    /** Applies R-ADMIN-5 to the user in the session's transaction; {@code actor} authors the events. */
    public static List<IdentityChange> apply(KeycloakSession session, RealmModel realm, UserModel user, AdminAuth actor,
                                             ClientConnection connection) {
        List<IdentityChange> changes = new AdministratorService(session, realm).deactivateOnIdentityChange(user);
        for (IdentityChange change : changes) {
            new AdminEventBuilder(realm, actor, session, connection)
                    .resource(ADMINISTRATOR_RESOURCE)
                    .operation(OperationType.UPDATE)
                    .resourcePath("backoffice", "organizations", change.record().getOrganizationId(), "administrators", user.getId())
                    .detail("reason", "username_or_email_changed")
                    .detail("organization_id", change.record().getOrganizationId())
                    .detail("administrator_user_id", user.getId())
                    .detail("previous_username", change.previousUsername())
                    .detail("username", user.getUsername())
                    .detail("previous_email", change.previousEmail())
                    .detail("email", user.getEmail())
                    .detail("owner", Boolean.toString(change.owner()))
                    .detail("status", change.record().getStatus().name())
                    .success();
        }
        return changes;
    }
}

package io.backoffice.keycloak.admin.organization;

import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.core.Caller;

/**
 * Admin events for changes made through the organization API, in Keycloak's admin event store:
 * the acting administrator is the event's auth user, and is named again in the details by id and
 * username so the record reads without a lookup. Never given a PIN (R-PIN-4).
 */
public final class OrganizationEvents {

    /** Custom admin event resource types (Keycloak keeps them as strings). */
    public static final String ADMINISTRATOR = "BACKOFFICE_ADMINISTRATOR";
    public static final String SETTINGS = "BACKOFFICE_ORGANIZATION_SETTINGS";

    private OrganizationEvents() {
    }

    /** A builder for the calling administrator; {@link OrganizationApiRoot} has set the token and client. */
    static AdminEventBuilder of(KeycloakSession session, Caller caller, String resourceType) {
        KeycloakContext context = session.getContext();
        AdminAuth auth = new AdminAuth(context.getRealm(), (AccessToken) context.getBearerToken(), caller.user(), context.getClient());
        return new AdminEventBuilder(context.getRealm(), auth, session, context.getConnection())
                .resource(resourceType)
                .detail("organization_id", caller.organization().getId())
                .detail("actor_user_id", caller.user().getId())
                .detail("actor_username", caller.user().getUsername());
    }
}

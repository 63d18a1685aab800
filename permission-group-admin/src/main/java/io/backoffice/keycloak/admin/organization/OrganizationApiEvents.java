package io.backoffice.keycloak.admin.organization;

import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.core.Caller;

/**
 * Admin events of the organization API, in Keycloak's admin event store (console: Events, Admin events),
 * authored by the calling administrator: the event's auth user and client are the caller's and the token's
 * client; the details name the acting administrator by id and username and the organization.
 */
public final class OrganizationApiEvents {

    public static final String ACTING_USER_ID = "acting_user_id";
    public static final String ACTING_USERNAME = "acting_username";
    public static final String ORGANIZATION_ID = "organization_id";

    private OrganizationApiEvents() {
    }

    public static AdminEventBuilder builder(KeycloakSession session, Caller caller, ResourceType resourceType) {
        RealmModel realm = session.getContext().getRealm();
        // The bearer token and its client were put on the context when the caller was authenticated.
        AccessToken token = session.getContext().getBearerToken() instanceof AccessToken t ? t : null;
        AdminAuth auth = new AdminAuth(realm, token, caller.user(), session.getContext().getClient());
        return new AdminEventBuilder(realm, auth, session, session.getContext().getConnection())
                .resource(resourceType)
                .detail(ORGANIZATION_ID, caller.organization().getId())
                .detail(ACTING_USER_ID, caller.user().getId())
                .detail(ACTING_USERNAME, caller.user().getUsername());
    }
}

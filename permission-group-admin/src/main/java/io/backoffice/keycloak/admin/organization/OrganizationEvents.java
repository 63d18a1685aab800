package io.backoffice.keycloak.admin.organization;

import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.service.identity.IdentityChanges;

/**
 * Admin events for changes made through the organization API, in Keycloak's admin event store: the
 * calling account is the event's auth user (the token's client its client), and is named again in the
 * details ({@code actor_user_id}, {@code actor_username}) so the record reads without a lookup. Under a
 * shared account the details also name the person whose staff PIN let it in ({@code acting_user_id},
 * {@code acting_username}, R-AUTHZ-6); under an integration's token they name the integration
 * ({@code actor_integration_id}, {@code actor_integration_client_id}, R-API-3). Never given a PIN (R-PIN-4) nor a
 * client secret (R-API-2).
 */
public final class OrganizationEvents {

    /** Custom admin event resource types (Keycloak keeps them as strings). */
    public static final String ADMINISTRATOR = IdentityChanges.ADMINISTRATOR_RESOURCE;
    public static final String SETTINGS = "BACKOFFICE_ORGANIZATION_SETTINGS";
    public static final String INTEGRATION = "BACKOFFICE_INTEGRATION";

    public static final String ORGANIZATION_ID = "organization_id";
    public static final String ACTOR_USER_ID = "actor_user_id";
    public static final String ACTOR_USERNAME = "actor_username";
    public static final String ACTING_USER_ID = "acting_user_id";
    public static final String ACTING_USERNAME = "acting_username";
    public static final String ACTOR_INTEGRATION_ID = "actor_integration_id";
    public static final String ACTOR_INTEGRATION_CLIENT_ID = "actor_integration_client_id";

    private OrganizationEvents() {
    }

    static AdminEventBuilder of(KeycloakSession session, Caller caller, ResourceType resourceType) {
        return of(session, caller, resourceType.name());
    }

    /** A builder for the caller; {@link OrganizationApiRoot} has set the token and client on the context. */
    static AdminEventBuilder of(KeycloakSession session, Caller caller, String resourceType) {
        KeycloakContext context = session.getContext();
        AccessToken token = context.getBearerToken() instanceof AccessToken t ? t : null;
        AdminAuth auth = new AdminAuth(context.getRealm(), token, caller.user(), context.getClient());
        AdminEventBuilder event = new AdminEventBuilder(context.getRealm(), auth, session, context.getConnection())
                .resource(resourceType)
                .detail(ORGANIZATION_ID, caller.organization().getId())
                .detail(ACTOR_USER_ID, caller.user().getId())
                .detail(ACTOR_USERNAME, caller.user().getUsername());
        caller.actingPerson().ifPresent(acting -> event
                .detail(ACTING_USER_ID, acting.userId())
                .detail(ACTING_USERNAME, acting.username()));
        if (caller.isIntegration()) {
            event.detail(ACTOR_INTEGRATION_ID, caller.integrationId().get())
                    .detail(ACTOR_INTEGRATION_CLIENT_ID, context.getClient() == null ? null : context.getClient().getClientId());
        }
        return event;
    }
}

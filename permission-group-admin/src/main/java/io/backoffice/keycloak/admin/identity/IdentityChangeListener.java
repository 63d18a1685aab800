package io.backoffice.keycloak.admin.identity;

import java.util.EnumSet;
import java.util.Set;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.SystemClientUtil;
import org.keycloak.services.resources.admin.AdminAuth;

import io.backoffice.keycloak.core.service.identity.IdentityChanges;

/**
 * R-ADMIN-5: after any event that may follow a change of a user's username or email, compares them
 * with what the user's administrator records know, and deactivates the records that knew others
 * (the owner's excepted). Comparing, rather than trusting event details, covers every path that emits
 * an event: the account console and account REST API, the update-profile and update-email required
 * actions, identity-provider logins that sync the profile, and the admin REST API (whose event carries
 * no previous values). Listeners run inside the request's transaction, before it commits, so the
 * deactivation commits or rolls back with the change itself. Paths that emit no event at all are caught
 * where the user is read anyway, by the access decision ({@code AdministratorAccess}); both apply
 * {@link IdentityChanges}.
 */
public class IdentityChangeListener implements EventListenerProvider {

    private static final Set<EventType> CHANGING = EnumSet.of(EventType.UPDATE_PROFILE, EventType.UPDATE_EMAIL,
            EventType.LOGIN, EventType.IDENTITY_PROVIDER_LOGIN, EventType.IDENTITY_PROVIDER_FIRST_LOGIN);

    private final KeycloakSession session;

    public IdentityChangeListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null || !CHANGING.contains(event.getType())) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        ClientModel client = event.getClientId() == null ? null : realm.getClientByClientId(event.getClientId());
        check(realm, user, new AdminAuth(realm, null, user, client == null ? SystemClientUtil.getSystemClient(realm) : client));
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null || event.getResourceType() != ResourceType.USER || event.getOperationType() != OperationType.UPDATE) {
            return;
        }
        String[] path = event.getResourcePath() == null ? new String[0] : event.getResourcePath().split("/");
        if (path.length != 2 || !"users".equals(path[0])) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path[1]);
        if (user == null) {
            return;
        }
        check(realm, user, adminAuth(event.getAuthDetails(), realm, user));
    }

    private void check(RealmModel realm, UserModel user, AdminAuth actor) {
        IdentityChanges.apply(session, realm, user, actor, session.getContext().getConnection());
    }

    /** Who made the admin API change; the changed user when the event does not say. */
    private AdminAuth adminAuth(AuthDetails details, RealmModel realm, UserModel user) {
        RealmModel authRealm = details == null || details.getRealmId() == null ? null : session.realms().getRealm(details.getRealmId());
        UserModel actor = authRealm == null || details.getUserId() == null ? null : session.users().getUserById(authRealm, details.getUserId());
        ClientModel client = authRealm == null || details.getClientId() == null ? null : session.clients().getClientById(authRealm, details.getClientId());
        if (actor == null || client == null) {
            return new AdminAuth(realm, null, user, SystemClientUtil.getSystemClient(realm));
        }
        return new AdminAuth(authRealm, null, actor, client);
    }

    @Override
    public void close() {
    }
}

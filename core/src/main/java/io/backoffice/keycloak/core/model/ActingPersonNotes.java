package io.backoffice.keycloak.core.model;

/**
 * User-session notes written by the PIN step and read by the token mapper (R-STEP-2, R-CLAIM-3,
 * R-STEP-6a): who is acting on a shared account, and when they last typed their PIN.
 */
public final class ActingPersonNotes {

    public static final String USER_ID = "backoffice.act.sub";
    public static final String USERNAME = "backoffice.act.preferred_username";
    public static final String EMAIL = "backoffice.act.email";
    public static final String NAME = "backoffice.act.name";
    /** Epoch seconds of the last correct PIN entry. */
    public static final String ENTERED_AT = "backoffice.act.entered_at";
    /** The organization whose PIN holder is acting. */
    public static final String ORGANIZATION_ID = "backoffice.act.organization";
    /**
     * {@value #NOT_SHARED} when the session's user had no shared-account record as the session's first token
     * events saw it, so later events need not ask the database again (R-STEP-2's listener). A record that becomes
     * SHARED removes it from the user's sessions ({@link #forgetNotShared}).
     */
    public static final String SHARED_ACCOUNT = "backoffice.shared-account";
    public static final String NOT_SHARED = "none";

    /** The user may be a shared account from now on: their sessions must ask again. */
    public static void forgetNotShared(org.keycloak.models.KeycloakSession session, String realmId, String userId) {
        org.keycloak.models.RealmModel realm = session.realms().getRealm(realmId);
        org.keycloak.models.UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        java.util.stream.Stream.concat(session.sessions().getUserSessionsStream(realm, user),
                        session.sessions().getOfflineUserSessionsStream(realm, user))
                .filter(userSession -> userSession.getNote(SHARED_ACCOUNT) != null)
                .forEach(userSession -> userSession.removeNote(SHARED_ACCOUNT));
    }

    private ActingPersonNotes() {
    }
}

package io.backoffice.keycloak.pin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import io.backoffice.keycloak.core.model.ActingPersonNotes;
import io.backoffice.keycloak.core.service.acting.ActingPersonEvents;

/**
 * Attribution you can audit (R-STEP-2, issue 11): every LOGIN, CODE_TO_TOKEN and REFRESH_TOKEN event of a shared
 * account names the acting person its session holds (id, username, time of the PIN entry) or says there is none
 * ({@code acting_person: none}). The PIN step names the person on the LOGIN it completes; this covers the events
 * where it does not run: a login that reuses the SSO cookie, the code exchange and every refresh.
 */
public class ActingPersonEventListener implements EventListenerProvider {

    public static final String DETAIL_ACTING_PERSON = "acting_person";
    public static final String NOBODY = "none";

    private static final Set<EventType> ATTRIBUTED = Set.of(EventType.LOGIN, EventType.CODE_TO_TOKEN, EventType.REFRESH_TOKEN);

    private final KeycloakSession session;

    public ActingPersonEventListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (!ATTRIBUTED.contains(event.getType()) || event.getUserId() == null || event.getSessionId() == null
                || (event.getDetails() != null && event.getDetails().containsKey(StaffPinCheck.DETAIL_ACTING_USER_ID))) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || !realm.isOrganizationsEnabled()) {
            return;
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, event.getSessionId());
        Map<String, String> details = new HashMap<>(event.getDetails() == null ? Map.of() : event.getDetails());
        Optional<String> actingId = Optional.ofNullable(userSession).map(s -> s.getNote(ActingPersonNotes.USER_ID));
        if (actingId.isPresent()) {
            details.put(StaffPinCheck.DETAIL_ACTING_USER_ID, actingId.get());
            details.put(StaffPinCheck.DETAIL_ACTING_USERNAME, String.valueOf(userSession.getNote(ActingPersonNotes.USERNAME)));
            details.put(StaffPinCheck.DETAIL_ACTING_PIN_TIME, String.valueOf(userSession.getNote(ActingPersonNotes.ENTERED_AT)));
        } else {
            if (userSession != null && ActingPersonNotes.NOT_SHARED.equals(userSession.getNote(ActingPersonNotes.SHARED_ACCOUNT))) {
                return; // known from this session's first event: no shared-account record, no query
            }
            UserModel user = session.users().getUserById(realm, event.getUserId());
            if (SharedAccount.of(session, realm, user).isEmpty()) {
                if (userSession != null && !SharedAccount.hasSharedRecord(session, realm, user)) {
                    userSession.setNote(ActingPersonNotes.SHARED_ACCOUNT, ActingPersonNotes.NOT_SHARED);
                }
                return;
            }
            details.put(DETAIL_ACTING_PERSON, NOBODY);
        }
        ActingPersonEvents.attach(session, event, details);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}

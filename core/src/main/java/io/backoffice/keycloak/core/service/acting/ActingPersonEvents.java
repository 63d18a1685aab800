package io.backoffice.keycloak.core.service.acting;

import java.util.Map;

import org.keycloak.events.Event;
import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.store.StoredEventDetails;

/**
 * R-STEP-2, R-AUTHZ-6: a user event's details naming the person acting on a shared account, on the event
 * and on its row, which Keycloak's JPA event store wrote before any listener ran.
 */
public final class ActingPersonEvents {

    private ActingPersonEvents() {
    }

    public static void attach(KeycloakSession session, Event event, Map<String, String> details) {
        event.setDetails(details);
        StoredEventDetails.replace(session, event.getId(), details);
    }
}

package io.backoffice.keycloak.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.jpa.EventEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.util.JsonSerialization;

/**
 * Rewrites the details of a user event Keycloak's JPA event store has just persisted in this request's
 * transaction. Keycloak 26.7's EventBuilder hands the event to the store before any listener, so a listener that
 * adds details must also update the stored row; it is still in the persistence context, so this is no extra query.
 */
public final class StoredEventDetails {

    private StoredEventDetails() {
    }

    /** True if the event was stored in this transaction and now carries {@code details}. */
    public static boolean replace(KeycloakSession session, String eventId, Map<String, String> details) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        EventEntity stored = em.find(EventEntity.class, eventId);
        if (stored == null) {
            return false;
        }
        try {
            stored.setDetailsJson(JsonSerialization.writeValueAsString(details));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }
}

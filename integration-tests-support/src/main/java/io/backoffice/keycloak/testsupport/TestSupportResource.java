package io.backoffice.keycloak.testsupport;

import java.io.IOException;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * TEST ONLY: state that the tests need before the product has an API for it. Realm admins with
 * manage-realm only. Writes the acting-person notes that the PIN step (written separately) will write,
 * and an administrator's status until the organization API can change it.
 */
public class TestSupportResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    public TestSupportResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Body: {@code {"note name": "value" | null}}; null removes the note. */
    @PUT
    @Path("user-sessions/{sessionId}/notes")
    @Consumes(MediaType.WILDCARD)
    public Response setNotes(@PathParam("sessionId") String sessionId, String body) {
        UserSessionModel userSession = session.sessions().getUserSession(realm, sessionId);
        if (userSession == null) {
            throw new NotFoundException("No user session " + sessionId);
        }
        Map<String, String> notes = read(body);
        notes.forEach((name, value) -> {
            if (value == null) {
                userSession.removeNote(name);
            } else {
                userSession.setNote(name, value);
            }
        });
        return Response.noContent().build();
    }

    /**
     * Body: {@code {"username": "..."}}: changes the username in Keycloak's model and emits no event at all,
     * as an identity-provider login with sync mode FORCE or an LDAP sync does (R-ADMIN-5).
     */
    @PUT
    @Path("users/{userId}/username")
    @Consumes(MediaType.WILDCARD)
    public Response setUsernameSilently(@PathParam("userId") String userId, String body) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw new NotFoundException("No user " + userId);
        }
        user.setUsername(read(body).get("username"));
        return Response.noContent().build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> read(String body) {
        try {
            return JsonSerialization.readValue(body, Map.class);
        } catch (IOException | RuntimeException e) {
            throw new BadRequestException("Body must be a JSON object of strings");
        }
    }
}

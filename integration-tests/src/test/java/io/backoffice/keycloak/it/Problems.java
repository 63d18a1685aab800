package io.backoffice.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.Http;

/** The one check of our endpoints' refusals: {@code {"error": "<code>", "message": "<sentence>"}} with its status. */
final class Problems {

    private Problems() {
    }

    static void assertProblem(Http.Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply.toString());
        JsonNode body = reply.json();
        assertEquals(error, body.path("error").asText(), reply.toString());
        assertTrue(body.path("message").asText().length() > 10, "a readable message: " + reply);
    }
}

package io.backoffice.keycloak.admin.organization;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

import io.backoffice.keycloak.core.model.ProblemException;

/**
 * CORS for the organization API, done as Keycloak's account and admin REST APIs do it: preflights are
 * answered without a token; real requests may come from the web origins of the client that the bearer
 * token was issued to (the token's {@code allowed-origins}, else the client's "Web origins").
 */
public final class OrganizationApiCors {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};

    private OrganizationApiCors() {
    }

    /** Adds the CORS headers to this request's answer; a browser origin the client does not list is refused. */
    public static void allowOriginsOf(AccessToken token) {
        try {
            Cors.builder().checkAllowedOrigins(token).allowedMethods(METHODS).exposedHeaders("Location", "Link").auth().add();
        } catch (ForbiddenException e) {
            throw ProblemException.forbidden("origin_not_allowed",
                    "This origin is not among the web origins of the client that issued the token.");
        }
    }

    /** Answers {@code OPTIONS} on every path of the organization API. */
    public static class Preflight {

        @OPTIONS
        @Path("{any:.*}")
        public Response preflight() {
            return Cors.builder().preflight().allowedMethods(METHODS).auth().add(Response.ok());
        }
    }
}

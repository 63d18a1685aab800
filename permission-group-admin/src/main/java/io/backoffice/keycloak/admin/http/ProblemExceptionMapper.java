package io.backoffice.keycloak.admin.http;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.keycloak.utils.KeycloakSessionUtil;

import io.backoffice.keycloak.core.model.ProblemException;

/**
 * Writes a refusal as {@code {"error", "message"}} and rolls the request's transaction back, so a
 * refused request changes nothing.
 */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Override
    public Response toResponse(ProblemException problem) {
        var session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null) {
            session.getTransactionManager().setRollbackOnly();
        }
        return Response.status(problem.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", problem.code(), "message", problem.getMessage()))
                .build();
    }
}

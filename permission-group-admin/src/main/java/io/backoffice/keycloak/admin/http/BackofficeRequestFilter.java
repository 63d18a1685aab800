package io.backoffice.keycloak.admin.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import io.backoffice.keycloak.core.model.ProblemException;

/**
 * Refuses, in our error shape, bad input that the server would otherwise answer before our resources run,
 * for our two APIs only ({@code /realms/{realm}/backoffice/...} and {@code /admin/realms/{realm}/backoffice/...}):
 * <ul>
 *   <li>a body declared as anything but JSON: RESTEasy parses form and multipart bodies itself before
 *       the resource method, and a JSON body sent as multipart ends in a 500;</li>
 *   <li>control characters in query parameters: Keycloak's own InvalidQueryParameterFilter (priority 10)
 *       refuses them, but without a {@code message}.</li>
 * </ul>
 */
@Provider
@PreMatching
@Priority(5)
public class BackofficeRequestFilter implements ContainerRequestFilter {

    private static final Pattern OUR_PATHS = Pattern.compile("(^|/)realms/[^/]+/backoffice(/|$)");
    private static final Set<String> METHODS_WITH_BODIES = Set.of("POST", "PUT", "PATCH");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    @Override
    public void filter(ContainerRequestContext request) {
        if (!OUR_PATHS.matcher(request.getUriInfo().getPath()).find()) {
            return;
        }
        for (List<String> values : request.getUriInfo().getQueryParameters().values()) {
            if (values.stream().anyMatch(value -> CONTROL.matcher(value).find())) {
                throw ProblemException.badRequest("invalid_query", "Query parameters must not contain control characters.");
            }
        }
        MediaType declared = request.getMediaType();
        if (declared != null && METHODS_WITH_BODIES.contains(request.getMethod()) && !isJson(declared)) {
            throw new ProblemException(415, "unsupported_media_type",
                    "The request body must be sent as application/json, not " + declared.getType() + "/" + declared.getSubtype() + ".");
        }
    }

    /** {@code application/json} or {@code application/*+json}; no declared type is read as JSON. */
    private static boolean isJson(MediaType type) {
        return "application".equalsIgnoreCase(type.getType())
                && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
    }
}

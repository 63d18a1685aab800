package io.backoffice.keycloak.admin.http;

import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * {@code Cache-Control: no-store} on every answer of our two APIs: answers that carry a PIN must never be
 * kept by a browser or proxy (R-PIN-4), and none of the others (people, permissions) should be either, so
 * no answer depends on a resource remembering to say so.
 */
@Provider
public class NoStoreResponseFilter implements ContainerResponseFilter {

    private static final Pattern OUR_PATHS = Pattern.compile("(^|/)realms/[^/]+/backoffice(/|$)");
    /** The admin page's built files: named by their content hash, no data in them, cached (AdminPageResource). */
    private static final Pattern PAGE_ASSETS = Pattern.compile("(^|/)realms/[^/]+/backoffice/app/assets/");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (OUR_PATHS.matcher(path).find() && !PAGE_ASSETS.matcher(path).find()) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}

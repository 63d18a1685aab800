package io.backoffice.keycloak.admin.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;

/**
 * {@code /realms/{realm}/backoffice/app/}: the organization admin page (R-UI-1), a single-page app whose
 * built files the {@code backoffice-admin-page} JAR carries under {@value #ROOT}. Hashed assets are cached
 * for a year; index.html (answered for every path that is not a file, so the app's own routes reload)
 * never is, and names the page's base URL so relative assets resolve under any route.
 */
public class AdminPageResource {

    /** Class-path folder of the built app. */
    static final String ROOT = "backoffice-admin-page/";
    /** The page's public OIDC client, the same id in every realm. */
    public static final String CLIENT_ID = "backoffice-admin-page";
    static final String BASE_PLACEHOLDER = "<!--backoffice-base-->";

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "woff2", "font/woff2",
            "woff", "font/woff",
            "ttf", "font/ttf");

    private final KeycloakSession session;

    public AdminPageResource(KeycloakSession session) {
        this.session = session;
    }

    /** Where keycloak-js logs in: this server's URL as the browser sees it, this realm, the page's client. */
    @GET
    @Path("config.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response config() {
        URI base = session.getContext().getUri().getBaseUri();
        Map<String, String> config = new LinkedHashMap<>();
        config.put("authServerUrl", base.toString().replaceAll("/$", ""));
        config.put("realm", session.getContext().getRealm().getName());
        config.put("clientId", CLIENT_ID);
        return Response.ok(config).cacheControl(noStore()).build();
    }

    @GET
    public Response index() {
        String html = read(ROOT + "index.html");
        if (html == null) {
            return Response.status(404).type(MediaType.TEXT_PLAIN_TYPE).entity("The admin page is not installed.").build();
        }
        String base = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(session.getContext().getRealm().getName()).path("backoffice").path("app").build() + "/";
        return Response.ok(html.replace(BASE_PLACEHOLDER, "<base href=\"" + base + "\">"), TYPES.get("html"))
                .cacheControl(noStore())
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    @GET
    @Path("{path: .+}")
    public Response file(@PathParam("path") String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        boolean asset = path.startsWith("assets/");
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..") || !TYPES.containsKey(extension) || "html".equals(extension)) {
            // Not a file of ours (an app route such as administrators/42): the app answers it.
            return asset ? Response.status(404).build() : index();
        }
        InputStream in = AdminPageResource.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            return asset ? Response.status(404).build() : index();
        }
        CacheControl cache = new CacheControl();
        if (asset) {
            // Vite names assets by their content hash: a new build is a new name.
            cache.setMaxAge(31536000);
        } else {
            cache.setNoCache(true);
        }
        return Response.ok(in, TYPES.get(extension)).cacheControl(cache).header("X-Content-Type-Options", "nosniff").build();
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }

    private static String read(String resource) {
        try (InputStream in = AdminPageResource.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

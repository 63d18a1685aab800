package io.backoffice.keycloak.admin.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.model.AdministratorPage;

/**
 * An administrators page as the APIs answer it: the array of records (the body stays what it always was) and,
 * when the page was full, a {@code Link: <…&after=…>; rel="next"} header to the next page: the same request
 * with the page's cursor instead of an offset (R-ADMIN-2 keyset paging).
 */
public final class PageAnswer {

    private PageAnswer() {
    }

    public static Response of(KeycloakSession session, AdministratorPage page) {
        Response.ResponseBuilder answer = Response.ok(page.administrators(), MediaType.APPLICATION_JSON_TYPE);
        page.next().ifPresent(next -> answer.link(session.getContext().getUri().getRequestUriBuilder()
                .replaceQueryParam("first")
                .replaceQueryParam("after", next.encode())
                .build(), "next"));
        return answer.build();
    }
}

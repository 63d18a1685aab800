package io.backoffice.keycloak.admin.organization;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.keycloak.models.KeycloakSession;

import io.backoffice.keycloak.core.model.CatalogueView;
import io.backoffice.keycloak.core.service.catalogue.PermissionCatalogue;

/** {@code .../catalogue}: the permissions a group can hold, for every active administrator of the organization. */
public class CatalogueResource {

    private final KeycloakSession session;

    public CatalogueResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CatalogueView catalogue() {
        return PermissionCatalogue.of(session.getContext().getRealm()).view();
    }
}

package io.backoffice.keycloak.admin.organization;

import java.io.InputStream;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import io.backoffice.keycloak.admin.page.AdminPageResource;
import io.backoffice.keycloak.core.model.ActingPersonLapse;
import io.backoffice.keycloak.core.model.ApiClients;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.service.access.AdministratorAccess;
import io.backoffice.keycloak.core.service.integrations.Integrations;

/**
 * {@code /realms/{realm}/backoffice/organizations/{organizationId}}: who is calling is settled here, once,
 * before any sub-resource runs: a bearer access token of the realm (401 otherwise) issued to an allowed
 * client (R-AUTHZ-1, 403 {@code client_not_allowed}; an integration's own client for its own service account,
 * R-API-1) of a user with administrator access to that
 * organization (R-AUTHZ-5, 403 otherwise, also for organizations that do not exist, so ids of other
 * organizations reveal nothing); a shared account only while a staff PIN names the person acting
 * (R-AUTHZ-6, 403 {@code pin_required}); an integration while active and only in its own organization
 * (R-API-2/3, 403 {@code integration_inactive} or {@code not_an_administrator}).
 */
public class OrganizationApiRoot {

    /** The OpenAPI 3 document of this API and of the realm-admin extension, shipped in this JAR. */
    public static final String OPENAPI_DOCUMENT = "/openapi/organization-api.yaml";

    private final KeycloakSession session;

    public OrganizationApiRoot(KeycloakSession session) {
        this.session = session;
    }

    /** {@code GET /realms/{realm}/backoffice/openapi.yaml}: public, like the realm's OpenID discovery document. */
    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public InputStream openApiDocument() {
        return OrganizationApiRoot.class.getResourceAsStream(OPENAPI_DOCUMENT);
    }

    /** {@code GET /realms/{realm}/backoffice/app/...}: the organization admin page; it logs in by itself. */
    @Path("app")
    public AdminPageResource adminPage() {
        return new AdminPageResource(session);
    }

    @Path("organizations/{organizationId}")
    public Object organization(@PathParam("organizationId") String organizationId) {
        if (HttpMethod.OPTIONS.equals(session.getContext().getHttpRequest().getHttpMethod())) {
            return new OrganizationApiCors.Preflight();
        }
        Caller caller = authenticate(organizationId);
        return new OrganizationApiResource(session, caller);
    }

    private Caller authenticate(String organizationId) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null) {
            throw new ProblemException(401, "unauthorized", "A valid bearer access token of this realm is required.");
        }
        OrganizationApiCors.allowOriginsOf(auth.token());
        RealmModel realm = session.getContext().getRealm();
        UserModel user = auth.user();
        Integrations integrations = new Integrations(session, realm);
        if (!ApiClients.of(realm).contains(auth.token().getIssuedFor()) && !integrations.isOwnClient(auth.client(), user)) {
            throw ProblemException.forbidden("client_not_allowed",
                    "Access tokens issued to this client are not accepted by the organization API.");
        }
        OrganizationModel organization = organizationId == null ? null
                : session.getProvider(OrganizationProvider.class).getById(organizationId);
        return new AdministratorAccess(session, realm)
                .caller(organization, user, auth.session(), ActingPersonLapse.idleSeconds(auth.client()));
    }
}

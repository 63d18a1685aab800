package io.backoffice.keycloak.admin.organization;

import java.io.InputStream;
import java.util.Optional;

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
import io.backoffice.keycloak.core.AdministratorService;
import io.backoffice.keycloak.core.Caller;
import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.access.AccessRefusal;
import io.backoffice.keycloak.core.access.AdministratorAccess;
import io.backoffice.keycloak.core.access.ApiClients;
import io.backoffice.keycloak.core.acting.ActingPersonLapse;
import io.backoffice.keycloak.core.integrations.Integrations;
import io.backoffice.keycloak.core.rules.AdministratorFacts;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.IntegrationEntity;

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
        AdministratorAccess.ActingDecision decision = new AdministratorAccess(session, realm)
                .decideActing(organization, user, auth.session(), ActingPersonLapse.idleSeconds(auth.client()));
        if (!decision.granted()) {
            AccessRefusal refusal = decision.refusal().get();
            throw ProblemException.forbidden(refusal.error(), refusal.message());
        }
        IntegrationEntity integration = decision.access().integration();
        if (integration != null) {
            return new Caller(user, organization, null, integrations.facts(organization, user, integration), Optional.empty(), integration);
        }
        AdministratorEntity record = decision.access().record();
        AdministratorService administrators = new AdministratorService(session, realm);
        AdministratorFacts facts = administrators.facts(organization, user, record, administrators.ownerId(organization).orElse(null));
        return new Caller(user, organization, record, facts, decision.actingPerson(), null);
    }
}

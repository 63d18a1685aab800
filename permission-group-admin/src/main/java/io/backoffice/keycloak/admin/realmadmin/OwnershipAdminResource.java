package io.backoffice.keycloak.admin.realmadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import io.backoffice.keycloak.admin.http.JsonBody;
import io.backoffice.keycloak.admin.http.PageAnswer;
import io.backoffice.keycloak.core.model.AdministratorQuery;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.BackofficeExport;
import io.backoffice.keycloak.core.model.NewAdministrator;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.management.OrganizationSupportSettings;
import io.backoffice.keycloak.core.service.presets.OrganizationTemplate;
import io.backoffice.keycloak.core.service.transfer.RealmTransfer;

/**
 * Identity admins' support tools, under {@code /admin/realms/{realm}/backoffice}: bootstrap an
 * organization's owner (R-OWNER-1), transfer ownership (R-OWNER-4), read its administrators.
 * Reading needs {@code view-users} or {@code view-organizations}; PIN settings and status
 * {@code manage-users} or {@code manage-organizations}; a transfer and every write that may create a
 * user (bootstrap, add administrator) {@code manage-users} (R-OWNER-4: {@code manage-organizations}
 * alone is refused).
 */
public class OwnershipAdminResource {

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final AdministratorService administrators;

    public OwnershipAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.ORGANIZATION);
        this.administrators = new AdministratorService(session, realm);
    }

    /**
     * The realm's organizations, for the admin page's support mode (R-CONSOLE-1): Keycloak's own list
     * needs manage-realm, which a support person with manage-users lacks.
     */
    @GET
    @Path("organizations")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> organizations(@QueryParam("search") String search, @QueryParam("first") Integer first,
                                                   @QueryParam("max") Integer max) {
        requireView();
        int from = first == null ? 0 : first;
        int size = max == null ? 50 : max;
        if (from < 0 || size < 1 || size > 200) {
            throw ProblemException.badRequest("invalid_paging", "'first' must be 0 or more and 'max' from 1 to 200.");
        }
        return session.getProvider(OrganizationProvider.class).getAllStream(search, false, from, size)
                .map(organization -> {
                    Map<String, Object> summary = new LinkedHashMap<>();
                    summary.put("id", organization.getId());
                    summary.put("alias", organization.getAlias());
                    summary.put("name", organization.getName());
                    summary.put("enabled", organization.isEnabled());
                    return summary;
                })
                .toList();
    }

    @GET
    @Path("organizations/{organizationId}/administrators")
    @Produces(MediaType.APPLICATION_JSON)
    public Response administrators(@PathParam("organizationId") String organizationId, @QueryParam("first") String first,
                                   @QueryParam("max") String max, @QueryParam("after") String after) {
        requireView();
        AdministratorQuery page = AdministratorQuery.parse(null, null, null, first, max, after);
        return PageAnswer.of(session, administrators.list(administrators.requireOrganization(organizationId), page));
    }

    /**
     * Support path: add an administrator as an identity admin. Body: {@code {"userId"}} or
     * {@code {"email", "firstName", "lastName"}}, and {@code "permissionGroups": [names]}.
     */
    @POST
    @Path("organizations/{organizationId}/administrators")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response addAdministrator(@PathParam("organizationId") String organizationId, String body) {
        requireManageUsers();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        SupportAdministrator request = JsonBody.read(body, SupportAdministrator.class);
        AdministratorView added = administrators.addAdministrator(organization,
                new NewAdministrator(request.userId(), request.email(), request.firstName(), request.lastName()),
                request.permissionGroups());
        event(OperationType.CREATE, added)
                .detail("administrator_user_id", added.userId())
                .detail("administrator_username", added.username())
                .success();
        return Response.status(Response.Status.CREATED).entity(added).build();
    }

    /**
     * Support path: PIN settings of an administrator. Body {@code {"pinMode": "NONE"|"SHARED"|"PIN"}};
     * with PIN the answer carries the new PIN, once (R-PIN-4).
     */
    @PUT
    @Path("organizations/{organizationId}/administrators/{userId}/pin-settings")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> changePinSettings(@PathParam("organizationId") String organizationId,
                                                 @PathParam("userId") String userId, String body) {
        requireManage();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        PinSettings settings = JsonBody.read(body, PinSettings.class);
        Optional<String> pin = administrators.changePinMode(organization, userId, settings.pinMode());
        event(OperationType.UPDATE, Map.of("pinMode", settings.pinMode().name()))
                .detail("administrator_user_id", userId)
                .success();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("pinMode", settings.pinMode());
        pin.ifPresent(p -> answer.put("pin", p));
        return answer;
    }

    public record PinSettings(PinMode pinMode) {
    }

    /**
     * Support path: activate or deactivate an administrator (R-ADMIN-4). Body {@code {"status": "ACTIVE"|"INACTIVE"}}.
     * The owner's status never changes (R-OWNER-3: {@code 403 owner_protected}, as in the organization API).
     */
    @PUT
    @Path("organizations/{organizationId}/administrators/{userId}/status")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> changeStatus(@PathParam("organizationId") String organizationId,
                                            @PathParam("userId") String userId, String body) {
        requireManage();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        StatusChange change = JsonBody.read(body, StatusChange.class);
        if (change.status() == null) {
            throw ProblemException.badRequest("missing_status", "'status' is required: ACTIVE or INACTIVE.");
        }
        administrators.changeStatus(organization, userId, change.status());
        adminEvent.operation(OperationType.UPDATE)
                .resourcePath(session.getContext().getUri())
                .representation(Map.of("status", change.status().name()))
                .detail("administrator_user_id", userId)
                .success();
        return Map.of("status", change.status());
    }

    public record StatusChange(AdministratorStatus status) {
    }

    public record SupportAdministrator(String userId, String email, String firstName, String lastName,
                                       List<String> permissionGroups) {
    }

    /**
     * Which organizations a user administers, read from our records alone (so records left behind by a
     * removed organization or user would show here).
     */
    @GET
    @Path("users/{userId}/administrator-records")
    @Produces(MediaType.APPLICATION_JSON)
    public List<Map<String, Object>> administratorRecords(@PathParam("userId") String userId) {
        requireView();
        return administrators.recordsOf(userId);
    }

    @GET
    @Path("organizations/{organizationId}/owner")
    @Produces(MediaType.APPLICATION_JSON)
    public AdministratorView owner(@PathParam("organizationId") String organizationId) {
        requireView();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        // The owner's own record, not a scan of every administrator.
        return administrators.ownerId(organization)
                .flatMap(ownerId -> administrators.view(organization, ownerId))
                .orElseThrow(() -> ProblemException.notFound("no_owner", "The organization has no owner yet."));
    }

    /** Body: {@code {"userId"}} of an existing user, or {@code {"email", "firstName", "lastName"}}. */
    @POST
    @Path("organizations/{organizationId}/owner")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response bootstrapOwner(@PathParam("organizationId") String organizationId, String body) {
        requireManageUsers();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        NewAdministrator who = JsonBody.read(body, NewAdministrator.class);
        AdministratorView owner = administrators.bootstrapOwner(organization, who);
        // R-LEVEL-2: the new organization starts with the realm's starter groups and presets.
        new OrganizationTemplate(session, session.getContext().getRealm()).copyInto(organization, owner.userId());
        event(OperationType.CREATE, owner)
                .detail("owner_user_id", owner.userId())
                .detail("owner_username", owner.username())
                .success();
        return Response.status(Response.Status.CREATED).entity(owner).build();
    }

    /**
     * Body: {@code {"userId", "previousOwnerPermissionGroups": [names]}}: the new owner, and the permission
     * groups the previous owner holds from now on (R-OWNER-4, R-ADMIN-6).
     */
    @PUT
    @Path("organizations/{organizationId}/owner")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public AdministratorView transferOwnership(@PathParam("organizationId") String organizationId, String body) {
        requireManageUsers();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        OwnerTransfer transfer = JsonBody.read(body, OwnerTransfer.class);
        if (transfer.userId() == null || transfer.userId().isBlank()) {
            throw ProblemException.badRequest("missing_userId", "'userId' of the new owner is required.");
        }
        if (transfer.previousOwnerPermissionGroups() == null || transfer.previousOwnerPermissionGroups().isEmpty()) {
            throw ProblemException.badRequest("missing_previousOwnerPermissionGroups",
                    "'previousOwnerPermissionGroups' is required: the permission groups the previous owner holds after the transfer.");
        }
        String previousOwner = administrators.ownerId(organization).orElse(null);
        AdministratorView owner = administrators.transferOwnership(organization, transfer.userId(), transfer.previousOwnerPermissionGroups());
        event(OperationType.UPDATE, owner)
                .detail("previous_owner_user_id", previousOwner)
                .detail("previous_owner_permission_groups", String.join(", ", transfer.previousOwnerPermissionGroups()))
                .detail("owner_user_id", owner.userId())
                .detail("owner_username", owner.username())
                .success();
        return owner;
    }

    public record OwnerTransfer(String userId, List<String> previousOwnerPermissionGroups) {
    }

    /** R-PIN-7, R-ADMIN-10: what the organization has been granted, and what it uses of it. */
    @GET
    @Path("organizations/{organizationId}/support")
    @Produces(MediaType.APPLICATION_JSON)
    public OrganizationSupportSettings.View support(@PathParam("organizationId") String organizationId) {
        requireView();
        return new OrganizationSupportSettings(session).view(administrators.requireOrganization(organizationId));
    }

    /**
     * Body: {@code {"sharedAccountsUnlocked": true|false, "administratorSeats": n|null}}, each optional.
     * An identity admin's decision: needs {@code manage-users}.
     */
    @PUT
    @Path("organizations/{organizationId}/support")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public OrganizationSupportSettings.View changeSupport(@PathParam("organizationId") String organizationId, String body) {
        requireManageUsers();
        OrganizationModel organization = administrators.requireOrganization(organizationId);
        SupportChange change = JsonBody.read(body, SupportChange.class);
        OrganizationSupportSettings.View changed = new OrganizationSupportSettings(session).change(organization,
                new OrganizationSupportSettings.Change(change.sharedAccountsUnlocked, change.seatsGiven, change.administratorSeats));
        event(OperationType.UPDATE, changed).success();
        return changed;
    }

    /** {@code administratorSeats} present and null removes the limit; absent leaves it. */
    public static final class SupportChange {
        public Boolean sharedAccountsUnlocked;
        private boolean seatsGiven;
        private Integer administratorSeats;

        @com.fasterxml.jackson.annotation.JsonSetter("administratorSeats")
        public void setAdministratorSeats(Integer seats) {
            this.seatsGiven = true;
            this.administratorSeats = seats;
        }
    }

    /**
     * R-DATA-3: the realm's back-office data, organizations by alias and people by username. With
     * {@code pins=true} it also carries the realm's PIN key and the PIN digests: as sensitive as the
     * database itself, so only on request, never cached.
     */
    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    public Response export(@jakarta.ws.rs.QueryParam("pins") String pins) {
        requireManageUsers();
        if (pins != null && !pins.equals("true") && !pins.equals("false")) {
            throw ProblemException.badRequest("invalid_query", "'pins' is true or false.");
        }
        boolean withPins = "true".equals(pins);
        BackofficeExport exported = new RealmTransfer(session, session.getContext().getRealm()).export(withPins);
        event(OperationType.ACTION, Map.of("export", true, "pins", withPins)).success();
        return Response.ok(exported).header("Cache-Control", "no-store").build();
    }

    /** R-DATA-3: imports an export into this realm: checked whole first, all or nothing, idempotent. */
    @POST
    @Path("import")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public BackofficeExport.ImportResult importData(String body) {
        requireManageUsers();
        BackofficeExport file = JsonBody.read(body, BackofficeExport.class);
        BackofficeExport.ImportResult result = new RealmTransfer(session, session.getContext().getRealm()).importAll(file);
        event(OperationType.ACTION, result).success();
        return result;
    }

    /** An admin event of this request; never given a PIN (R-PIN-4). */
    private AdminEventBuilder event(OperationType operation, Object representation) {
        return adminEvent.operation(operation).resourcePath(session.getContext().getUri()).representation(representation);
    }

    private void requireView() {
        if (!auth.users().canView() && !auth.orgs().canView()) {
            throw ProblemException.forbidden("forbidden", "Needs view-users or view-organizations.");
        }
    }

    /** R-OWNER-4: ownership and the creation of users belong to identity admins who manage users. */
    private void requireManageUsers() {
        if (!auth.users().canManage()) {
            throw ProblemException.forbidden("forbidden", "Needs manage-users (manage-organizations alone is not enough).");
        }
    }

    private void requireManage() {
        if (!auth.users().canManage() && !auth.orgs().canManage()) {
            throw ProblemException.forbidden("forbidden", "Needs manage-users or manage-organizations.");
        }
    }
}

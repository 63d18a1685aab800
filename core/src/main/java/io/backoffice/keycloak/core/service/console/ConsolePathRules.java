package io.backoffice.keycloak.core.service.console;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.services.ErrorResponseException;

import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.OwnerRules;
import io.backoffice.keycloak.core.service.groups.PermissionGroupService;
import io.backoffice.keycloak.core.store.AdministratorStore;

/**
 * R-CONSOLE-2: the rules of the organization API also hold on the Keycloak admin console's own paths.
 * Keycloak publishes these events inside the request's transaction before it writes, so throwing here
 * refuses the request and rolls it back. The body is our error shape ({@code error}, {@code message}) plus
 * the same sentence as {@code error_description}, the field Keycloak's console shows.
 * <ul>
 *   <li>R-GROUP-3: deleting a permission group that administrators hold ({@code GroupRemovedEvent} is
 *       published before Keycloak removes the memberships).</li>
 *   <li>R-OWNER-5: removing the owner from the organization's members ({@code OrganizationMemberLeaveEvent}).</li>
 *   <li>R-DATA-2: removing a user who owns an organization ({@code UserPreRemovedEvent}).</li>
 * </ul>
 * The PIN length is not here: Keycloak 26.7 publishes no event when an organization's attributes change,
 * so it lives in our own table (see {@link io.backoffice.keycloak.core.store.OrganizationSupportEntity}).
 */
public class ConsolePathRules implements ProviderEventListener {

    /** Keycloak's own removals of a whole organization or realm, which remove the owner's membership too. */
    private static final Set<String> WHOLE_ORGANIZATION_REMOVALS = Set.of("remove", "removeAll");

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof GroupModel.GroupRemovedEvent removed) {
            refuse(removed.getKeycloakSession(), () -> refuseRemovingAHeldGroup(removed));
        } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent leaving) {
            refuse(leaving.getSession(), () -> refuseRemovingTheOwner(leaving));
        } else if (event instanceof UserModel.UserPreRemovedEvent removing) {
            refuse(removing.getKeycloakSession(), () -> refuseRemovingAnOwner(removing));
        }
    }

    private static void refuse(KeycloakSession session, Runnable check) {
        try {
            check.run();
        } catch (ProblemException refused) {
            throw consoleReadable(session, refused);
        }
    }

    private static void refuseRemovingAHeldGroup(GroupModel.GroupRemovedEvent removed) {
        GroupModel group = removed.getGroup();
        if (group.getType() != GroupModel.Type.ORGANIZATION) {
            return;
        }
        OrganizationModel organization = group.getOrganization();
        if (organization == null) {
            return;
        }
        PermissionGroupService groups = new PermissionGroupService(removed.getKeycloakSession(), removed.getRealm());
        if (groups.isPermissionGroup(organization, group)) {
            groups.requireUnused(organization, group);
        }
    }

    private static void refuseRemovingTheOwner(OrganizationModel.OrganizationMemberLeaveEvent leaving) {
        OrganizationModel organization = leaving.getOrganization();
        boolean owner = new AdministratorStore(leaving.getSession()).findOwner(organization.getId())
                .map(o -> o.getUserId().equals(leaving.getUser().getId()))
                .orElse(false);
        if (owner && !removingWholeOrganization()) {
            throw OwnerRules.transferOwnershipFirst("'" + organization.getName() + "'");
        }
    }

    /** R-DATA-2: an owner cannot disappear, or R-OWNER-1 would break; refused in our error shape (409). */
    private static void refuseRemovingAnOwner(UserModel.UserPreRemovedEvent removing) {
        var session = removing.getKeycloakSession();
        var owned = new AdministratorStore(session).ownershipsOf(removing.getRealm().getId(), removing.getUser().getId());
        if (owned.isEmpty()) {
            return;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        String names = owned.stream()
                .map(o -> organizations.getById(o.getOrganizationId()))
                .filter(o -> o != null)
                .map(o -> "'" + o.getName() + "'")
                .collect(Collectors.joining(", "));
        if (names.isEmpty()) {
            return;
        }
        throw OwnerRules.transferOwnershipFirst(names);
    }

    /**
     * Removing an organization (or its realm) makes every member leave first, the owner included, and
     * publishes nothing before: the call itself is the only sign. R-DATA-1 then removes our records.
     */
    private static boolean removingWholeOrganization() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames.anyMatch(frame ->
                OrganizationProvider.class.isAssignableFrom(frame.getDeclaringClass())
                        && WHOLE_ORGANIZATION_REMOVALS.contains(frame.getMethodName())));
    }

    /**
     * A refusal inside one of Keycloak's own admin requests: our {@code {"error", "message"}}, plus
     * {@code error_description} (the same sentence), which Keycloak's console shows under its alert.
     */
    private static ErrorResponseException consoleReadable(KeycloakSession session, ProblemException problem) {
        // Keycloak has already written part of the change (a member leaves its groups before the event).
        session.getTransactionManager().setRollbackOnly();
        return new ErrorResponseException(Response.status(problem.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", problem.code(), "message", problem.getMessage(), "error_description", problem.getMessage()))
                .build());
    }
}

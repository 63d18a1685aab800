package io.backoffice.keycloak.core.store;

import java.util.Set;

import jakarta.ws.rs.core.Response;

import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;
import org.keycloak.services.ErrorResponseException;

import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.groups.PermissionGroupService;
import io.backoffice.keycloak.core.rules.OwnerRules;

/**
 * R-CONSOLE-2: the rules of the organization API also hold on the Keycloak admin console's own paths.
 * Keycloak publishes these events inside the request's transaction before it writes, so throwing here
 * refuses the request and rolls it back; the console shows the body's {@code error_description}, which
 * carries the same sentence as our API's {@code message}.
 * <ul>
 *   <li>R-GROUP-3: deleting a permission group that administrators hold ({@code GroupRemovedEvent} is
 *       published before Keycloak removes the memberships).</li>
 *   <li>R-OWNER-5: removing the owner from the organization's members ({@code OrganizationMemberLeaveEvent}).</li>
 * </ul>
 * The PIN length is not here: Keycloak 26.7 publishes no event when an organization's attributes change,
 * so it lives in our own table (see {@link OrganizationSupportEntity}).
 */
public class ConsolePathRules implements ProviderEventListener {

    /** Keycloak's own removals of a whole organization or realm, which remove the owner's membership too. */
    private static final Set<String> WHOLE_ORGANIZATION_REMOVALS = Set.of("remove", "removeAll");

    @Override
    public void onEvent(ProviderEvent event) {
        try {
            if (event instanceof GroupModel.GroupRemovedEvent removed) {
                refuseRemovingAHeldGroup(removed);
            } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent leaving) {
                refuseRemovingTheOwner(leaving);
            }
        } catch (ProblemException refused) {
            throw asKeycloakError(refused);
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
            throw OwnerRules.ownerCannotLeave("'" + organization.getName() + "'");
        }
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

    /** Keycloak's own error shape, which its console reads, with our code and sentence. */
    static ErrorResponseException asKeycloakError(ProblemException problem) {
        return new ErrorResponseException(problem.code(), problem.getMessage(), Response.Status.fromStatusCode(problem.status()));
    }
}

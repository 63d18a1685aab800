package io.backoffice.keycloak.core.management;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import io.backoffice.keycloak.core.AdministratorService;
import io.backoffice.keycloak.core.AdministratorView;
import io.backoffice.keycloak.core.Caller;
import io.backoffice.keycloak.core.NewAdministrator;
import io.backoffice.keycloak.core.ProblemException;
import io.backoffice.keycloak.core.presets.OrganizationPresets;
import io.backoffice.keycloak.core.rules.AdministratorFacts;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.InputRules;
import io.backoffice.keycloak.core.rules.Permissions;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStatus;
import io.backoffice.keycloak.core.store.PinMode;

/**
 * What one administrator (the caller) does to the administrators of their organization through the
 * organization API, with every rule checked before anything is written (R-ADMIN-*, R-AUTHZ-2..4, R-OWNER-3).
 */
public class AdministratorManagement {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdministratorService administrators;
    private final Caller caller;
    private final OrganizationModel organization;

    public AdministratorManagement(KeycloakSession session, Caller caller) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.administrators = new AdministratorService(session, realm);
        this.caller = caller;
        this.organization = caller.organization();
    }

    /** R-ADMIN-2: confirmed administrators only, in creation order, filtered, one page. */
    public List<AdministratorView> list(AdministratorQuery query) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        String groupId = query.group() == null ? null
                : administrators.requireGroups(organization, List.of(query.group())).get(0).getId();
        String ownerId = administrators.ownerId(organization).orElse(null);
        // Filtered and paged by the database, so a page costs the same whatever the organization's size.
        return administrators.store().confirmedPage(realm.getId(), organization.getId(), query.status(), query.search(),
                        groupId, query.first(), query.max()).stream()
                .map(record -> administrators.view(organization, record, ownerId))
                .flatMap(java.util.Optional::stream)
                .toList();
    }

    /** One administrator: oneself, or anyone for a holder of {@code org-settings:administrators}. */
    public AdministratorView read(String userId) {
        if (!caller.user().getId().equals(userId)) {
            EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        }
        return view(administrators.requireRecord(organization, userId));
    }

    /**
     * R-ADMIN-1: makes the person with this email an administrator, reusing the realm's user with that
     * email. R-ADMIN-2: for a record that exists but whose email is still unconfirmed, creating it
     * again is the way to retry: its groups, status and PIN settings become the requested ones and the
     * confirmation goes out again. A confirmed administrator cannot be created twice.
     */
    public AdministratorOutcome create(AdministratorRequest request) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        String email = InputRules.requireEmail("email", request.email());
        String firstName = InputRules.requireText("firstName", request.firstName(), InputRules.MAX_NAME);
        String lastName = InputRules.requireText("lastName", request.lastName(), InputRules.MAX_NAME);
        List<GroupModel> groups = administrators.groupsToAssign(organization,
                new OrganizationPresets(session, realm).groupNames(organization, request.preset(), request.permissionGroups()));
        EscalationRules.requireCanGrant(caller.facts(), administrators.permissionsOf(groups));
        AdministratorStatus status = request.status() == null ? AdministratorStatus.ACTIVE : request.status();
        PinMode pinMode = request.pinMode() == null ? PinMode.NONE : request.pinMode();

        UserModel existing = session.users().getUserByEmail(realm, email);
        if (existing == null) {
            existing = session.users().getUserByUsername(realm, email);
        }
        AdministratorEntity record = existing == null ? null : administrators.store().find(organization.getId(), existing.getId()).orElse(null);
        boolean created = record == null;
        UserModel user;
        if (created) {
            user = administrators.findOrCreateUser(new NewAdministrator(null, email, firstName, lastName));
            administrators.addAdministrator(organization, new NewAdministrator(user.getId(), null, null, null),
                    groups.stream().map(GroupModel::getName).toList());
            record = administrators.requireRecord(organization, user.getId());
        } else {
            user = existing;
            if (user.isEmailVerified()) {
                throw ProblemException.conflict("administrator_exists",
                        "This person is already an administrator of the organization; edit their record instead.");
            }
            AdministratorFacts target = standing(record, user);
            EscalationRules.requireCanManage(caller.facts(), target);
            EscalationRules.requireNotOwner(target, "permission groups");
            administrators.replacePermissionGroups(organization, user, groups);
        }
        record.setStatus(status);
        Optional<String> pin = pinMode == record.getPinMode() && pinMode != PinMode.PIN ? Optional.empty()
                : administrators.changePinMode(organization, record, pinMode);
        administrators.store().update(record);
        if (!user.isEmailVerified()) {
            user.addRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
        }
        return new AdministratorOutcome(view(record), user, pin, created, !user.isEmailVerified());
    }

    /**
     * Edits a record. Oneself: name and PIN settings only (R-AUTHZ-3). Others: needs
     * {@code org-settings:administrators} and holding everything the record grants (R-AUTHZ-2/4).
     * The owner's status and groups never change (R-OWNER-3); the username never does (R-ADMIN-3).
     */
    public AdministratorOutcome edit(String userId, AdministratorChanges changes) {
        AdministratorEntity record = administrators.requireRecord(organization, userId);
        UserModel user = requireUser(record);
        AdministratorFacts target = standing(record, user);
        requireMayEdit(target);
        requireSameIdentity("username", changes.username(), user.getUsername());
        requireSameIdentity("email", changes.email(), user.getEmail());
        String firstName = changes.firstName() == null ? null : InputRules.requireText("firstName", changes.firstName(), InputRules.MAX_NAME);
        String lastName = changes.lastName() == null ? null : InputRules.requireText("lastName", changes.lastName(), InputRules.MAX_NAME);

        boolean statusChanges = changes.status() != null && changes.status() != record.getStatus();
        if (statusChanges) {
            EscalationRules.requireNotOwner(target, "status");
            EscalationRules.requireNotSelf(caller.facts(), userId, "status");
        }
        List<GroupModel> groups = changes.permissionGroups() == null ? null
                : administrators.groupsToAssign(organization, changes.permissionGroups());
        boolean groupsChange = groups != null && !ids(groups).equals(ids(administrators.permissionGroups(organization, user)));
        if (groupsChange) {
            EscalationRules.requireNotOwner(target, "permission groups");
            EscalationRules.requireNotSelf(caller.facts(), userId, "permission groups");
            EscalationRules.requireCanGrant(caller.facts(), administrators.permissionsOf(groups));
        }

        if (firstName != null) {
            user.setFirstName(firstName);
        }
        if (lastName != null) {
            user.setLastName(lastName);
        }
        if (statusChanges) {
            record.setStatus(changes.status());
        }
        if (groupsChange) {
            administrators.replacePermissionGroups(organization, user, groups);
        }
        Optional<String> pin = changes.pinMode() == null || changes.pinMode() == record.getPinMode() ? Optional.empty()
                : administrators.changePinMode(organization, record, changes.pinMode());
        administrators.store().update(record);
        return new AdministratorOutcome(view(record), user, pin, false, false);
    }

    /** R-PIN-4: a fresh PIN for a PIN holder, shown once; the old one stops working. */
    public AdministratorOutcome regeneratePin(String userId) {
        AdministratorEntity record = administrators.requireRecord(organization, userId);
        UserModel user = requireUser(record);
        requireMayEdit(standing(record, user));
        if (record.getPinMode() != PinMode.PIN) {
            throw ProblemException.conflict("not_a_pin_holder",
                    "This administrator does not hold a PIN; set their PIN settings to PIN to issue one.");
        }
        Optional<String> pin = administrators.changePinMode(organization, record, PinMode.PIN);
        return new AdministratorOutcome(view(record), user, pin, false, false);
    }

    private void requireMayEdit(AdministratorFacts target) {
        if (!caller.user().getId().equals(target.userId())) {
            EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
            EscalationRules.requireCanManage(caller.facts(), target);
        }
    }

    /** R-ADMIN-3: the login cannot move to another address; a changed value is refused, the same one is fine. */
    private static void requireSameIdentity(String field, String requested, String present) {
        if (requested != null && !requested.strip().equalsIgnoreCase(present == null ? "" : present)) {
            throw ProblemException.badRequest(field + "_not_editable",
                    "The " + field + " of an administrator cannot be changed. Deactivate this administrator "
                            + "(status INACTIVE) and create a new one with the new email address.");
        }
    }

    private AdministratorFacts standing(AdministratorEntity record, UserModel user) {
        return administrators.standingFacts(organization, user, record, administrators.ownerId(organization).orElse(null));
    }

    private UserModel requireUser(AdministratorEntity record) {
        UserModel user = session.users().getUserById(realm, record.getUserId());
        if (user == null) {
            throw ProblemException.notFound("administrator_not_found", "No administrator with that id in this organization.");
        }
        return user;
    }

    private AdministratorView view(AdministratorEntity record) {
        return administrators.view(organization, record, administrators.ownerId(organization).orElse(null)).orElseThrow(() ->
                ProblemException.notFound("administrator_not_found", "No administrator with that id in this organization."));
    }

    private static Set<String> ids(List<GroupModel> groups) {
        return groups.stream().map(GroupModel::getId).collect(Collectors.toSet());
    }
}

package io.backoffice.keycloak.core.service.management;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorChanges;
import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorOutcome;
import io.backoffice.keycloak.core.model.AdministratorPage;
import io.backoffice.keycloak.core.model.AdministratorQuery;
import io.backoffice.keycloak.core.model.AdministratorRequest;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.Caller;
import io.backoffice.keycloak.core.model.Enrolment;
import io.backoffice.keycloak.core.model.PageCursor;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.EnrolmentRules;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.InputRules;
import io.backoffice.keycloak.core.rules.Permissions;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.onboarding.AccountMails;
import io.backoffice.keycloak.core.service.presets.OrganizationPresets;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.InvitationEntity;
import io.backoffice.keycloak.core.store.ListedRecord;

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
    public AdministratorPage list(AdministratorQuery query) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        String groupId = query.group() == null ? null
                : administrators.requireGroups(organization, List.of(query.group())).get(0).getId();
        PageCursor after = query.after();
        // Filtered and paged by the database, views built for the page only with a constant number of queries,
        // so a page costs the same whatever the organization's size (and, reached by its cursor, however deep).
        List<ListedRecord> rows = administrators.store().confirmedPage(realm.getId(), organization.getId(),
                query.status(), query.search(), groupId, after == null ? null : after.createdAt(), after == null ? null : after.userId(),
                query.first(), query.max());
        return administrators.page(organization, rows, query.max());
    }

    /** One administrator: oneself, or anyone for a holder of {@code org-settings:administrators}. */
    public AdministratorView read(String userId) {
        if (!caller.user().getId().equals(userId)) {
            EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        }
        return view(administrators.requireRecord(organization, userId));
    }

    /**
     * R-ADMIN-1: brings the person with this email in, matched by email only (never by username).
     * Nobody has it: a new user, an administrator record at once (powerless until the email is verified,
     * R-ADMIN-2) and the onboarding mail (R-ADMIN-8). Someone has it: an invitation; they become an
     * administrator only when they accept (see {@link AdministratorService#acceptInvitation}). The answer
     * is the same in both cases: the request as understood, nothing about the person. Creating it again
     * sends a fresh link (the "resend"); a confirmed administrator cannot be created twice.
     */
    public Enrolment create(AdministratorRequest request) {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        String email = InputRules.requireEmail("email", request.email());
        String firstName = InputRules.requireText("firstName", request.firstName(), InputRules.MAX_NAME);
        String lastName = InputRules.requireText("lastName", request.lastName(), InputRules.MAX_NAME);
        List<GroupModel> groups = administrators.groupsToAssign(organization,
                new OrganizationPresets(session, realm).groupNames(organization, request.preset(), request.permissionGroups()));
        EscalationRules.requireCanGrant(caller.facts(), administrators.permissionsOf(groups));
        AdministratorStatus status = request.status() == null ? AdministratorStatus.ACTIVE : request.status();
        PinMode pinMode = request.pinMode() == null ? PinMode.NONE : request.pinMode();
        Enrolment enrolment = new Enrolment(email, firstName, lastName, groups.stream().map(GroupModel::getName).sorted().toList(),
                status, pinMode);

        UserModel existing = session.users().getUserByEmail(realm, email);
        AdministratorEntity record = existing == null ? null
                : administrators.store().find(organization.getId(), existing.getId()).orElse(null);
        EnrolmentRules.Path path = EnrolmentRules.decide(existing != null,
                existing == null && session.users().getUserByUsername(realm, email) != null,
                record != null, existing != null && existing.isEmailVerified());
        switch (path) {
            case NOTHING -> {
                return enrolment;
            }
            case CREATE_PERSON -> {
                UserModel user = administrators.createPerson(email, firstName, lastName, organization);
                AdministratorEntity created = administrators.enrol(organization, user, groups);
                created.setStatus(status);
                // Writes the record with its status and PIN settings (R-ADMIN-10: an active newcomer takes a seat).
                administrators.applyPinMode(organization, created, pinMode);
                return enrolment.about(user, true);
            }
            case INVITE -> {
                invite(existing, enrolment, groups);
                return enrolment.about(existing, false);
            }
            case ALREADY_ADMINISTRATOR -> throw ProblemException.conflict("administrator_exists",
                    "This person is already an administrator of the organization; edit their record instead.");
            default -> {
                // RESEND_ONBOARDING: the new settings, and a fresh link.
                AdministratorFacts target = standing(record, existing);
                EscalationRules.requireCanManage(caller.facts(), target);
                EscalationRules.requireNotOwner(target, "permission groups");
                administrators.replacePermissionGroups(organization, existing, groups);
                record.setStatus(status);
                administrators.applyPinMode(organization, record, pinMode);
                new AccountMails(session, realm).sendOnboarding(existing, organization);
                return enrolment.about(existing, false);
            }
        }
    }

    /** R-ADMIN-1: the invitation (new, or replaced by this one) and Keycloak's invitation mail. */
    private void invite(UserModel person, Enrolment enrolment, List<GroupModel> groups) {
        InvitationEntity invitation = administrators.store().findInvitation(organization.getId(), person.getId()).orElseGet(() -> {
            InvitationEntity fresh = new InvitationEntity();
            fresh.setOrganizationId(organization.getId());
            fresh.setUserId(person.getId());
            fresh.setRealmId(realm.getId());
            return fresh;
        });
        invitation.setEmail(enrolment.email());
        invitation.setFirstName(enrolment.firstName());
        invitation.setLastName(enrolment.lastName());
        invitation.setPermissionGroups(groups.stream().map(GroupModel::getId).collect(Collectors.joining(",")));
        invitation.setStatus(enrolment.status());
        invitation.setPinMode(enrolment.pinMode());
        invitation.setInvitedBy(caller.user().getId());
        // Keycloak's invitation mail goes to the person's own address, whatever case was typed.
        invitation.setKeycloakInvitationId(new AccountMails(session, realm).sendInvitation(person, organization,
                person.getEmail(), enrolment.firstName(), enrolment.lastName()));
        administrators.store().saveInvitation(invitation);
    }

    /**
     * People brought in who are not administrators yet, oldest first: invitations waiting for acceptance
     * and new people who have not confirmed their email. One shape for both (R-ADMIN-1: no hint of who
     * had an account).
     */
    public List<Enrolment> pending() {
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        List<java.util.Map.Entry<Long, Enrolment>> rows = new java.util.ArrayList<>();
        for (InvitationEntity invitation : administrators.store().invitations(organization.getId())) {
            List<String> groupNames = java.util.Arrays.stream(invitation.getPermissionGroups().split(","))
                    .map(id -> session.groups().getGroupById(realm, id)).filter(java.util.Objects::nonNull)
                    .map(GroupModel::getName).sorted().toList();
            rows.add(java.util.Map.entry(invitation.getCreatedAt(), new Enrolment(invitation.getEmail(), invitation.getFirstName(),
                    invitation.getLastName(), groupNames, invitation.getStatus(), invitation.getPinMode())));
        }
        for (AdministratorEntity record : administrators.store().unconfirmed(realm.getId(), organization.getId())) {
            UserModel user = session.users().getUserById(realm, record.getUserId());
            if (user != null) {
                rows.add(java.util.Map.entry(record.getUpdatedAt(), new Enrolment(user.getEmail(), user.getFirstName(), user.getLastName(),
                        administrators.permissionGroups(organization, user).stream().map(GroupModel::getName).sorted().toList(),
                        record.getStatus(), record.getPinMode())));
            }
        }
        rows.sort(java.util.Map.Entry.comparingByKey());
        return rows.stream().map(java.util.Map.Entry::getValue).toList();
    }

    /**
     * R-ADMIN-9: Keycloak's own "update your password" mail to an administrator of the organization, by
     * someone who may edit them (the same escalation rules); the caller never sets or sees a password.
     */
    public void sendPasswordReset(String userId) {
        AdministratorEntity record = administrators.requireRecord(organization, userId);
        UserModel user = requireUser(record);
        AdministratorFacts target = standing(record, user);
        EscalationRules.requirePermission(caller.facts(), Permissions.MANAGE_ADMINISTRATORS);
        EscalationRules.requireCanManage(caller.facts(), target);
        new AccountMails(session, realm).sendPasswordReset(user);
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
        boolean statusChanges = changes.status() != null && changes.status() != record.getStatus();
        List<GroupModel> groups = changes.permissionGroups() == null ? null
                : administrators.groupsToAssign(organization, changes.permissionGroups());
        boolean groupsChange = groups != null && !ids(groups).equals(ids(administrators.permissionGroups(organization, user)));
        // R-OWNER-3 before escalation: nobody else holds the owner's owner-only permissions (R-LEVEL-3), and the
        // reason to give is that the owner's status and groups never change, whoever asks.
        if (statusChanges) {
            EscalationRules.requireNotOwner(target, "status");
        }
        if (groupsChange) {
            EscalationRules.requireNotOwner(target, "permission groups");
        }
        requireMayEdit(target);
        requireSameIdentity("username", changes.username(), user.getUsername());
        requireSameIdentity("email", changes.email(), user.getEmail());
        String firstName = changes.firstName() == null ? null : InputRules.requireText("firstName", changes.firstName(), InputRules.MAX_NAME);
        String lastName = changes.lastName() == null ? null : InputRules.requireText("lastName", changes.lastName(), InputRules.MAX_NAME);
        if (statusChanges) {
            EscalationRules.requireNotSelf(caller.facts(), userId, "status");
        }
        if (groupsChange) {
            EscalationRules.requireNotSelf(caller.facts(), userId, "permission groups");
            EscalationRules.requireCanGrant(caller.facts(), administrators.permissionsOf(groups));
        }

        if (namesChange(user, firstName, lastName)) {
            requireOnlyThisOrganization(user);
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
        return new AdministratorOutcome(view(record), user, pin);
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
        return new AdministratorOutcome(view(record), user, pin);
    }

    private static boolean namesChange(UserModel user, String firstName, String lastName) {
        return firstName != null && !firstName.equals(user.getFirstName()) || lastName != null && !lastName.equals(user.getLastName());
    }

    /**
     * R-ADMIN-7: a person's names belong to the person; an organization may edit them only when it is the
     * person's only organization, so nothing it does changes what another organization sees.
     */
    private void requireOnlyThisOrganization(UserModel user) {
        boolean elsewhere = session.getProvider(OrganizationProvider.class).getByMember(user)
                .anyMatch(other -> !other.getId().equals(organization.getId()))
                || administrators.store().listByUser(realm.getId(), user.getId()).stream()
                .anyMatch(other -> !other.getOrganizationId().equals(organization.getId()));
        if (elsewhere) {
            throw ProblemException.conflict("names_belong_to_the_person",
                    "This person also belongs to another organization, so their names cannot be changed here; "
                            + "they can change them themselves in their account console.");
        }
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

package io.backoffice.keycloak.core.service;

import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.NewAdministrator;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.model.AdministratorPage;
import io.backoffice.keycloak.core.model.AdministratorQuery;
import io.backoffice.keycloak.core.model.PageCursor;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.InputRules;
import io.backoffice.keycloak.core.rules.IntegrationRules;
import io.backoffice.keycloak.core.rules.OwnerRules;
import io.backoffice.keycloak.core.rules.PermissionSources;
import io.backoffice.keycloak.core.service.access.AdministratorAccess;
import io.backoffice.keycloak.core.service.catalogue.PermissionCatalogue;
import io.backoffice.keycloak.core.service.onboarding.AccountMails;
import io.backoffice.keycloak.core.service.pin.PinService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.InvitationEntity;
import io.backoffice.keycloak.core.store.ListedRecord;
import io.backoffice.keycloak.core.store.ListedRecord.Person;
import io.backoffice.keycloak.core.store.OrganizationOwnerEntity;
import io.backoffice.keycloak.core.store.OrganizationSupportStore;
import io.backoffice.keycloak.core.store.PersonalGrantStore;

/**
 * Administrator records of one realm: reading them with their effective permissions, and the owner's
 * lifecycle (bootstrap, transfer). Per request; every write happens in the request's transaction.
 */
public class AdministratorService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final AdministratorStore store;
    private final PermissionCatalogue catalogue;
    private final PersonalGrantStore personalGrants;

    public AdministratorService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.store = new AdministratorStore(session);
        this.catalogue = PermissionCatalogue.of(realm);
        this.personalGrants = new PersonalGrantStore(session);
    }

    public AdministratorStore store() {
        return store;
    }

    public OrganizationModel requireOrganization(String organizationId) {
        OrganizationModel organization = organizationId == null ? null : organizations.getById(organizationId);
        if (organization == null) {
            throw ProblemException.notFound("organization_not_found", "No organization with that id in this realm.");
        }
        return organization;
    }

    public Optional<String> ownerId(OrganizationModel organization) {
        return store.findOwner(organization.getId()).map(OrganizationOwnerEntity::getUserId);
    }

    /** One page of the organization's records, confirmed or not, oldest first, paged by the database (R-ADMIN-2's paging). */
    public AdministratorPage list(OrganizationModel organization, AdministratorQuery page) {
        var after = page.after();
        List<ListedRecord> rows = store.pageByOrganization(organization.getId(), after == null ? null : after.createdAt(),
                after == null ? null : after.userId(), page.first(), page.max());
        return page(organization, rows, page.max());
    }

    /** The views of {@code rows}, the page the database answered for a size of {@code max}, and where the next starts. */
    public AdministratorPage page(OrganizationModel organization, List<ListedRecord> rows, int max) {
        List<AdministratorView> views = views(organization, rows, ownerId(organization).orElse(null));
        if (rows.size() < max) {
            return new AdministratorPage(views, Optional.empty());
        }
        AdministratorEntity last = rows.get(rows.size() - 1).record();
        return new AdministratorPage(views, Optional.of(new PageCursor(last.getCreatedAt(), last.getUserId())));
    }

    /**
     * The views of one page, with a constant number of queries whatever the page's or the organization's size:
     * the persons came with the page's query, their permission groups and personal grants are one query each,
     * groups and roles come from Keycloak's caches. Records whose user is gone are left out.
     */
    public List<AdministratorView> views(OrganizationModel organization, List<ListedRecord> rows, String ownerId) {
        List<String> userIds = rows.stream().map(row -> row.record().getUserId()).toList();
        java.util.Map<String, List<GroupModel>> groups = permissionGroupsOf(organization, userIds);
        java.util.Map<String, List<String>> grants = personalGrants.roleNamesOf(organization.getId(), userIds);
        return rows.stream().map(row -> {
            // a federated user Keycloak's table does not hold: its provider knows the person
            Person person = row.person() != null ? row.person()
                    : Optional.ofNullable(session.users().getUserById(realm, row.record().getUserId())).map(Person::of).orElse(null);
            boolean owner = row.record().getUserId().equals(ownerId);
            return person == null ? null : view(row.record(), person, owner, groups.getOrDefault(person.userId(), List.of()),
                    owner ? List.of() : grants.getOrDefault(person.userId(), List.of()));
        }).filter(java.util.Objects::nonNull).toList();
    }

    /** R-ADMIN-6: the organization's permission groups each of these users is in (one query); users in none are absent. */
    private java.util.Map<String, List<GroupModel>> permissionGroupsOf(OrganizationModel organization, List<String> userIds) {
        java.util.Map<String, GroupModel> byId = new java.util.HashMap<>();
        java.util.Map<String, List<GroupModel>> byUser = new java.util.HashMap<>();
        store.organizationGroupIdsOf(realm.getId(), organization.getId(), organizations.getOrganizationGroup(organization).getId(), userIds)
                .forEach((userId, groupIds) -> byUser.put(userId, groupIds.stream()
                        .map(id -> byId.computeIfAbsent(id, g -> session.groups().getGroupById(realm, g)))
                        .filter(java.util.Objects::nonNull)
                        .toList()));
        return byUser;
    }

    /** The administrator as the APIs show it; empty when there is no such record (or user). */
    public Optional<AdministratorView> view(OrganizationModel organization, String userId) {
        String ownerId = ownerId(organization).orElse(null);
        return store.find(organization.getId(), userId).flatMap(record -> view(organization, record, ownerId));
    }

    /** The record as the APIs show it; empty when its Keycloak user no longer exists. */
    public Optional<AdministratorView> view(OrganizationModel organization, AdministratorEntity record, String ownerId) {
        UserModel user = session.users().getUserById(realm, record.getUserId());
        if (user == null) {
            return Optional.empty();
        }
        boolean owner = record.getUserId().equals(ownerId);
        return Optional.of(view(record, Person.of(user), owner, permissionGroups(organization, user),
                owner ? List.of() : personalGrants.roleNames(organization.getId(), user.getId())));
    }

    /**
     * The record as the APIs and tokens show it, from facts read beforehand: the person, their permission groups in
     * the organization and personal grants there (R-ADMIN-6, R-LEVEL-4; an owner has none, R-OWNER-2).
     */
    public AdministratorView view(AdministratorEntity record, Person person, boolean owner, List<GroupModel> groups, List<String> personal) {
        Set<String> personalHeld = permissionsOfGrants(personal);
        // Each group's permissions are worked out once: their union is what the groups give, and they name the sources.
        java.util.Map<String, Set<String>> byGroup = new java.util.HashMap<>();
        Set<String> permissions = effectivePermissions(person.emailVerified(), record, owner, () -> {
            Set<String> granted = new java.util.TreeSet<>(personalHeld);
            groups.forEach(group -> {
                Set<String> ofGroup = permissionsOf(List.of(group));
                granted.addAll(ofGroup);
                byGroup.putIfAbsent(group.getName(), ofGroup);
            });
            return granted;
        });
        return view(record, person, owner, groups, personal, permissions, PermissionSources.of(permissions, owner, byGroup, personalHeld));
    }

    /**
     * {@link #view} as a token shows it (R-CLAIM-1): the same permissions, worked out as one union of the groups'
     * roles, without each permission's sources, which no claim carries (a token is made at every refresh).
     */
    public AdministratorView tokenView(AdministratorEntity record, Person person, boolean owner, List<GroupModel> groups, List<String> personal) {
        Set<String> permissions = effectivePermissions(person.emailVerified(), record, owner,
                () -> union(permissionsOf(groups), permissionsOfGrants(personal)));
        return view(record, person, owner, groups, personal, permissions, java.util.Map.of());
    }

    private static AdministratorView view(AdministratorEntity record, Person person, boolean owner, List<GroupModel> groups,
                                          List<String> personal, Set<String> permissions, java.util.Map<String, List<String>> sources) {
        return new AdministratorView(person.userId(), person.username(), person.email(),
                person.firstName(), person.lastName(), person.emailVerified(), record.getStatus(),
                record.getPinMode(), owner, groups.stream().map(GroupModel::getName).sorted().toList(),
                List.copyOf(permissions), personal, sources);
    }

    /**
     * The organizations where the user has an active record, lazily (a caller that needs only a few stops
     * the reads there); whether they have access there is the access decision's answer, not this.
     */
    public Stream<OrganizationModel> organizationsWithActiveRecord(String userId) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        return store.recordsOfUser(realm.getId(), userId).stream()
                .map(AdministratorStore.UserRecord::record)
                .filter(AdministratorEntity::isActive)
                .map(record -> organizations.getById(record.getOrganizationId()))
                .filter(Objects::nonNull);
    }

    /** A user's records in every organization of the realm: organization id and alias, status, PIN mode, owner. */
    public List<java.util.Map<String, Object>> recordsOf(String userId) {
        return store.listByUser(realm.getId(), userId).stream().map(record -> {
            OrganizationModel organization = organizations.getById(record.getOrganizationId());
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("organizationId", record.getOrganizationId());
            row.put("organizationAlias", organization == null ? null : organization.getAlias());
            row.put("status", record.getStatus());
            row.put("pinMode", record.getPinMode());
            row.put("owner", store.findOwner(record.getOrganizationId()).map(o -> o.getUserId().equals(userId)).orElse(false));
            return row;
        }).toList();
    }

    public List<GroupModel> permissionGroups(OrganizationModel organization, UserModel user) {
        return organizations.getOrganizationGroupsByMember(organization, user).toList();
    }

    /**
     * R-OWNER-2: the owner holds the whole catalogue. R-ADMIN-6: others hold the union of their groups'
     * permissions. R-ADMIN-2/4: an inactive or unconfirmed administrator holds nothing.
     */
    public Set<String> effectivePermissions(OrganizationModel organization, UserModel user, AdministratorEntity record, boolean owner) {
        return effectivePermissions(user.isEmailVerified(), record, owner, () -> grantedPermissions(organization, user.getId(), permissionGroups(organization, user)));
    }

    /** The groups are read only when they matter (not for the owner, nor for those who hold nothing). */
    private Set<String> effectivePermissions(boolean emailVerified, AdministratorEntity record, boolean owner,
                                             java.util.function.Supplier<Set<String>> granted) {
        if (!record.isActive() || !emailVerified) {
            return Set.of();
        }
        return owner ? catalogue.allPermissions() : granted.get();
    }

    /** R-ADMIN-6, R-LEVEL-4: the union of the groups' permissions and the personal grants in this organization. */
    private Set<String> grantedPermissions(OrganizationModel organization, String userId, List<GroupModel> groups) {
        return union(permissionsOf(groups), personalPermissions(organization, userId));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * R-LEVEL-4: what the personal grants of this user in this organization (and no other) amount to,
     * composites expanded; never an owner-only permission (R-LEVEL-3).
     */
    public Set<String> personalPermissions(OrganizationModel organization, String userId) {
        return permissionsOfGrants(personalGrants.roleNames(organization.getId(), userId));
    }

    private Set<String> permissionsOfGrants(List<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return catalogue.grantablePermissionsOf(names.stream().map(catalogue::role).filter(java.util.Objects::nonNull).toList());
    }

    public AdministratorFacts facts(OrganizationModel organization, UserModel user, AdministratorEntity record, String ownerId) {
        boolean owner = record.getUserId().equals(ownerId);
        return new AdministratorFacts(record.getUserId(), record.getStatus(), user.isEmailVerified(), owner,
                effectivePermissions(organization, user, record, owner));
    }

    /**
     * R-OWNER-1: the first administrator of an organization, set up by an identity admin, is its owner.
     * A second bootstrap, even a concurrent one on another node, meets the owner row's primary key.
     */
    public AdministratorView bootstrapOwner(OrganizationModel organization, NewAdministrator who) {
        if (store.findOwner(organization.getId()).isPresent()) {
            throw ProblemException.conflict("owner_exists",
                    "The organization already has an owner; transfer ownership instead.");
        }
        UserModel user = findOrCreateUser(who, organization);
        dropInvitation(organization, user);
        if (!organizations.isMember(organization, user)) {
            organizations.addMember(organization, user);
        }
        AdministratorEntity record = store.find(organization.getId(), user.getId()).orElse(null);
        if (record == null) {
            record = newRecord(organization, user);
            store.insert(record);
        } else if (!record.isActive()) {
            throw ProblemException.badRequest("administrator_inactive",
                    "This administrator is inactive; the owner must be an active administrator.");
        }
        store.insertOwner(realm.getId(), organization.getId(), user.getId());
        return view(organization, record, user.getId()).orElseThrow();
    }

    /**
     * R-OWNER-4: one update of the locked owner row; the previous owner stays an administrator holding the
     * named permission groups (R-ADMIN-6), which must exist in the organization.
     */
    public AdministratorView transferOwnership(OrganizationModel organization, String newOwnerUserId, List<String> previousOwnerGroups) {
        OrganizationOwnerEntity owner = store.lockOwner(organization.getId()).orElseThrow(() ->
                ProblemException.conflict("no_owner", "The organization has no owner yet; bootstrap one first."));
        AdministratorEntity record = newOwnerUserId == null ? null
                : store.find(organization.getId(), newOwnerUserId).orElse(null);
        UserModel user = record == null ? null : session.users().getUserById(realm, newOwnerUserId);
        OwnerRules.requireTransferTarget(user == null ? null : facts(organization, user, record, owner.getUserId()),
                user == null ? Optional.empty() : new AdministratorAccess(session, realm).decide(organization, user).refusal());
        List<GroupModel> groups = groupsToAssign(organization, previousOwnerGroups);
        UserModel previous = session.users().getUserById(realm, owner.getUserId());
        store.changeOwner(owner, user.getId());
        if (previous != null) {
            replacePermissionGroups(organization, previous, groups);
        }
        return view(organization, record, user.getId()).orElseThrow();
    }

    /**
     * R-ADMIN-1: makes a person an administrator holding the named permission groups, active, without PIN.
     * The caller's rights are checked before this is called.
     */
    public AdministratorView addAdministrator(OrganizationModel organization, NewAdministrator who, List<String> groupNames) {
        List<GroupModel> groups = groupsToAssign(organization, groupNames);
        UserModel user = findOrCreateUser(who, organization);
        AdministratorEntity record = enrol(organization, user, groups);
        return view(organization, record, ownerId(organization).orElse(null)).orElseThrow();
    }

    /**
     * R-ADMIN-1: the user's new record in the organization (active, without PIN), membership and the permission
     * groups (from {@link #groupsToAssign}); the caller's rights are checked before this is called.
     */
    public AdministratorEntity enrol(OrganizationModel organization, UserModel user, List<GroupModel> groups) {
        if (store.find(organization.getId(), user.getId()).isPresent()) {
            throw ProblemException.conflict("administrator_exists", "This user is already an administrator of the organization.");
        }
        dropInvitation(organization, user);
        if (!organizations.isMember(organization, user)) {
            organizations.addMember(organization, user);
        }
        AdministratorEntity record = newRecord(organization, user);
        store.insert(record);
        groups.stream().filter(g -> !user.isMemberOf(g)).forEach(user::joinGroup);
        return record;
    }

    /**
     * R-ADMIN-6, R-GROUP-3: the permission groups about to be given to someone, found while the
     * organization's owner row is locked for the rest of the transaction, as a group deletion locks it
     * before counting holders: a deletion and an assignment take turns, so an administrator is never given
     * a group that is gone, and a group is never deleted under a new holder. (Before an owner is
     * bootstrapped there is no row to lock.)
     */
    public List<GroupModel> groupsToAssign(OrganizationModel organization, List<String> names) {
        store.lockOwner(organization.getId());
        List<GroupModel> groups = requireGroups(organization, names);
        Set<String> existing = store.existingGroupIds(groups.stream().map(GroupModel::getId).toList());
        groups.stream().filter(group -> !existing.contains(group.getId())).findFirst().ifPresent(gone -> {
            throw ProblemException.badRequest("unknown_permission_group", "No permission group named '" + gone.getName() + "' in this organization.");
        });
        return groups;
    }

    /** R-ADMIN-6, R-GROUP-1: permission groups by name (case-insensitive) within the organization. */
    public List<GroupModel> requireGroups(OrganizationModel organization, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ProblemException.badRequest("missing_permissionGroups", "At least one permission group is required.");
        }
        List<GroupModel> all = organizations.getTopLevelGroups(organization, null, null).toList();
        return names.stream().distinct().map(name -> all.stream()
                        .filter(g -> g.getName().equalsIgnoreCase(name))
                        .findFirst()
                        .orElseThrow(() -> ProblemException.badRequest("unknown_permission_group",
                                "No permission group named '" + name + "' in this organization.")))
                .toList();
    }

    /**
     * R-PIN-1: changes an administrator's PIN settings. Returns the new PIN when the administrator becomes
     * (or stays) a PIN holder: a fresh one is issued each time PIN is set, and shown only in this answer.
     */
    public Optional<String> changePinMode(OrganizationModel organization, String userId, PinMode mode) {
        return changePinMode(organization, requireRecord(organization, userId), mode);
    }

    /** {@link #changePinMode(OrganizationModel, String, PinMode)} of a record already read. */
    public Optional<String> changePinMode(OrganizationModel organization, AdministratorEntity record, PinMode mode) {
        if (mode == null) {
            throw ProblemException.badRequest("missing_pinMode", "'pinMode' is required: NONE, SHARED or PIN.");
        }
        if (mode == PinMode.SHARED && store.listByUser(realm.getId(), record.getUserId()).stream()
                .anyMatch(other -> !other.getOrganizationId().equals(organization.getId()))) {
            throw ProblemException.conflict("shared_account_in_several_organizations",
                    "A shared account belongs to exactly one organization; this user administers others too.");
        }
        if (mode == PinMode.SHARED && record.getPinMode() != PinMode.SHARED) {
            new OrganizationSupportStore(session).requireSharedAccountsUnlocked(organization.getId());
        }
        if (mode == PinMode.PIN) {
            return Optional.of(new PinService(session, realm).issuePin(organization, record));
        }
        record.setPinMode(mode);
        record.setPinDigest(null);
        store.update(record);
        return Optional.empty();
    }

    /**
     * R-ADMIN-4: an identity admin activates or deactivates an administrator. The owner's status never
     * changes (R-OWNER-3, the organization API's rule and error); the seat limit holds (R-ADMIN-10, in the store).
     */
    public void changeStatus(OrganizationModel organization, String userId, AdministratorStatus status) {
        AdministratorEntity record = requireRecord(organization, userId);
        if (status != record.getStatus()) {
            EscalationRules.requireNotOwner(ownerId(organization).filter(record.getUserId()::equals).isPresent(), "status");
        }
        record.setStatus(status);
        store.update(record);
    }

    public AdministratorEntity requireRecord(OrganizationModel organization, String userId) {
        return store.find(organization.getId(), userId == null ? "" : userId).orElseThrow(() ->
                ProblemException.notFound("administrator_not_found", "No administrator with that id in this organization."));
    }

    /**
     * R-ADMIN-1: the user by id, or the person with this email (never matched by username); when nobody
     * has that email, a new user whose username is the email, who gets the onboarding mail naming the
     * organization (R-ADMIN-8). Only for callers allowed to bring people in directly (identity admins);
     * the organization API invites existing people instead.
     */
    public UserModel findOrCreateUser(NewAdministrator who, OrganizationModel organization) {
        if (who.userId() != null) {
            UserModel user = session.users().getUserById(realm, who.userId());
            if (user == null) {
                throw ProblemException.notFound("user_not_found", "No user with that id in this realm.");
            }
            IntegrationRules.requirePerson(user.getServiceAccountClientLink() != null);
            return user;
        }
        String email = InputRules.requireEmail("email", who.email());
        String firstName = InputRules.requireText("firstName", who.firstName(), InputRules.MAX_NAME);
        String lastName = InputRules.requireText("lastName", who.lastName(), InputRules.MAX_NAME);
        UserModel user = session.users().getUserByEmail(realm, email);
        if (user != null) {
            IntegrationRules.requirePerson(user.getServiceAccountClientLink() != null);
        }
        return user != null ? user : createPerson(email, firstName, lastName, organization);
    }

    /**
     * R-ADMIN-8: a new user (username = email) who must verify the address and set a password, and the one
     * mail that lets them. Two concurrent creations of one email meet the username's unique key: the
     * loser is refused with our own 409, never Keycloak's.
     */
    public UserModel createPerson(String email, String firstName, String lastName, OrganizationModel organization) {
        UserModel user;
        try {
            user = session.users().addUser(realm, email);
            user.setEnabled(true);
            user.setEmail(email);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.addRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
            user.addRequiredAction(UserModel.RequiredAction.UPDATE_PASSWORD);
            store.flush();
        } catch (org.keycloak.models.ModelDuplicateException e) {
            throw ProblemException.conflict("administrator_being_created",
                    "Another request was adding a person with this email at the same time; try again.");
        }
        new AccountMails(session, realm).sendOnboarding(user, organization);
        return user;
    }

    /**
     * R-ADMIN-1: the invited person accepted (joined the organization): the invitation becomes their
     * administrator record, with the groups, status and PIN settings it named. R-PIN-1: a shared account
     * of another organization cannot join, and nobody who belongs elsewhere becomes SHARED.
     */
    public void acceptInvitation(OrganizationModel organization, UserModel user, InvitationEntity invitation) {
        if (store.find(organization.getId(), user.getId()).isPresent()) {
            store.removeInvitation(invitation);
            return;
        }
        boolean sharedElsewhere = store.listByUser(realm.getId(), user.getId()).stream()
                .anyMatch(other -> !other.getOrganizationId().equals(organization.getId()) && other.getPinMode() == PinMode.SHARED);
        if (sharedElsewhere) {
            // Whatever page the login flow shows for this, the membership Keycloak just added must not commit.
            session.getTransactionManager().setRollbackOnly();
            throw ProblemException.conflict("shared_account_of_another_organization",
                    "This is a shared account of another organization; it cannot administer a second one.");
        }
        AdministratorEntity record = newRecord(organization, user);
        record.setStatus(invitation.getStatus());
        store.insert(record);
        java.util.Arrays.stream(invitation.getPermissionGroups().split(","))
                .filter(id -> !id.isBlank())
                .map(id -> session.groups().getGroupById(realm, id))
                .filter(group -> group != null && organizations.getOrganizationGroupsByMember(organization, user)
                        .noneMatch(g -> g.getId().equals(group.getId())))
                .forEach(user::joinGroup);
        applyPinMode(organization, record, invitation.getPinMode());
        if (!user.isEmailVerified()) {
            // Accepting does not prove the account's address (R-ADMIN-2): the next login asks for it.
            user.addRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
        }
        store.removeInvitation(invitation);
    }

    /** A person made an administrator directly (by an identity admin) no longer has an invitation pending. */
    private void dropInvitation(OrganizationModel organization, UserModel user) {
        store.findInvitation(organization.getId(), user.getId()).ifPresent(store::removeInvitation);
    }

    /**
     * PIN settings requested when a person is brought in. A PIN is never chosen nor shown at creation
     * (the answer must not differ between new and existing people, R-ADMIN-1): a PIN holder gets theirs
     * from regenerate-pin once they are in (R-PIN-4).
     */
    public void applyPinMode(OrganizationModel organization, AdministratorEntity record, PinMode mode) {
        if (mode == PinMode.PIN) {
            record.setPinMode(PinMode.PIN);
            record.setPinDigest(null);
            store.update(record);
        } else {
            changePinMode(organization, record, mode);
        }
    }

    private AdministratorEntity newRecord(OrganizationModel organization, UserModel user) {
        AdministratorEntity record = new AdministratorEntity();
        record.setOrganizationId(organization.getId());
        record.setUserId(user.getId());
        record.setRealmId(realm.getId());
        record.setStatus(AdministratorStatus.ACTIVE);
        record.setPinMode(PinMode.NONE);
        acceptIdentity(record, user);
        return record;
    }

    /**
     * R-AUTHZ-4: what an administrator's record grants, whatever its status or confirmation: what is at
     * stake when someone else manages it (reactivating an inactive administrator hands these back).
     */
    public AdministratorFacts standingFacts(OrganizationModel organization, UserModel user, AdministratorEntity record, String ownerId) {
        boolean owner = record.getUserId().equals(ownerId);
        Set<String> granted = owner ? catalogue.allPermissions() : grantedPermissions(organization, user.getId(), permissionGroups(organization, user));
        return new AdministratorFacts(record.getUserId(), record.getStatus(), user.isEmailVerified(), owner, granted);
    }

    /**
     * The permissions a set of permission groups grants, sections and levels expanded. R-LEVEL-3: never an
     * owner-only permission, even one an identity admin mapped to a group in the console.
     */
    public Set<String> permissionsOf(List<GroupModel> groups) {
        return catalogue.grantablePermissionsOf(groups.stream().flatMap(GroupModel::getRoleMappingsStream).toList());
    }

    /** R-ADMIN-6: the user holds exactly these permission groups of the organization. */
    public void replacePermissionGroups(OrganizationModel organization, UserModel user, List<GroupModel> groups) {
        Set<String> wanted = groups.stream().map(GroupModel::getId).collect(java.util.stream.Collectors.toSet());
        permissionGroups(organization, user).stream().filter(g -> !wanted.contains(g.getId())).forEach(user::leaveGroup);
        groups.stream().filter(g -> !user.isMemberOf(g)).forEach(user::joinGroup);
    }

    /** R-ADMIN-5: the record takes the user's present username and email as the ones it knows. */
    public static void acceptIdentity(AdministratorEntity record, UserModel user) {
        record.setKnownUsername(user.getUsername());
        record.setKnownEmail(user.getEmail());
    }

    /** One record of a user whose username or email changed (R-ADMIN-5), as it was before. */
    public record IdentityChange(AdministratorEntity record, boolean owner, String previousUsername, String previousEmail) {
    }

    /**
     * R-ADMIN-5: every record of the user that knew another username or email becomes inactive, the
     * owner's excepted (R-OWNER-3), and knows the new ones from now on. Returns what changed.
     */
    public List<IdentityChange> deactivateOnIdentityChange(UserModel user) {
        List<IdentityChange> changes = new java.util.ArrayList<>();
        // the request's records of the user (a login's PIN step or token mapper has read them already)
        for (AdministratorStore.UserRecord known : store.recordsOfUser(realm.getId(), user.getId())) {
            AdministratorEntity record = known.record();
            if (knowsIdentityOf(record, user)) {
                continue;
            }
            boolean owner = store.findOwner(record.getOrganizationId())
                    .map(o -> o.getUserId().equals(user.getId())).orElse(false);
            changes.add(new IdentityChange(record, owner, record.getKnownUsername(), record.getKnownEmail()));
            if (!owner) {
                record.setStatus(AdministratorStatus.INACTIVE);
            }
            acceptIdentity(record, user);
            store.update(record);
        }
        return changes;
    }

    /** R-ADMIN-5: the record still knows the user's present username and email. */
    public static boolean knowsIdentityOf(AdministratorEntity record, UserModel user) {
        return sameText(record.getKnownUsername(), user.getUsername()) && sameText(record.getKnownEmail(), user.getEmail());
    }

    private static boolean sameText(String known, String present) {
        return known == null ? present == null : known.equalsIgnoreCase(present == null ? "" : present);
    }
}

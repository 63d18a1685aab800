package io.backoffice.keycloak.core.service.transfer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.BackofficeExport;
import io.backoffice.keycloak.core.model.PinMode;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.IntegrationRules;
import io.backoffice.keycloak.core.rules.PinPolicy;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.pin.PinService;
import io.backoffice.keycloak.core.rules.SupportRules;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.pin.PinService;
import io.backoffice.keycloak.core.store.AdministratorEntity;
import io.backoffice.keycloak.core.store.AdministratorStore;
import io.backoffice.keycloak.core.store.OrganizationSupportEntity;
import io.backoffice.keycloak.core.store.OrganizationSupportStore;

/**
 * R-DATA-3: exports a realm's back-office data (owner, administrators with status, PIN mode and permission
 * groups, organization settings) and imports it into a realm that has the same organizations and users
 * (typically the same realm JSON imported on another server). The import checks the whole file before it
 * writes anything, writes in the request's one transaction (all or nothing), and sets rather than adds, so
 * importing the same file twice changes nothing the second time. Administrators of the realm that the file
 * does not name are left as they are.
 */
public class RealmTransfer {

    private static final int MAX_NAME = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final AdministratorService administrators;
    private final AdministratorStore store;
    private final OrganizationSupportStore settings;
    private final PinService pins;

    public RealmTransfer(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.administrators = new AdministratorService(session, realm);
        this.store = administrators.store();
        this.settings = new OrganizationSupportStore(session);
        this.pins = new PinService(session, realm);
    }

    /** Every organization with back-office data; PIN digests and the realm's PIN key only when {@code withPins}. */
    public BackofficeExport export(boolean withPins) {
        List<BackofficeExport.Organization> exported = new ArrayList<>();
        organizations.getAllStream().sorted(java.util.Comparator.comparing(OrganizationModel::getAlias)).forEach(organization -> {
            List<AdministratorEntity> records = store.listByOrganization(organization.getId());
            Optional<OrganizationSupportEntity> row = settings.find(organization.getId());
            if (records.isEmpty() && row.isEmpty()) {
                return;
            }
            String ownerId = administrators.ownerId(organization).orElse(null);
            List<BackofficeExport.Administrator> people = new ArrayList<>();
            for (AdministratorEntity record : records) {
                UserModel user = session.users().getUserById(realm, record.getUserId());
                if (user == null) {
                    continue;
                }
                people.add(new BackofficeExport.Administrator(user.getUsername(), record.getUserId().equals(ownerId) ? Boolean.TRUE : null,
                        record.getStatus(), record.getPinMode(),
                        administrators.permissionGroups(organization, user).stream().map(GroupModel::getName).sorted().toList(),
                        record.getCreatedAt(), withPins ? record.getPinDigest() : null));
            }
            exported.add(new BackofficeExport.Organization(organization.getAlias(),
                    row.map(OrganizationSupportEntity::getPinLength).orElse(null),
                    row.map(OrganizationSupportEntity::isSharedAccountsUnlocked).orElse(false),
                    row.map(OrganizationSupportEntity::getAdministratorSeats).orElse(null),
                    withPins ? pins.digestScope(organization) : null, people));
        });
        return new BackofficeExport(BackofficeExport.VERSION, withPins ? pins.existingKey().orElse(null) : null, exported);
    }

    /** One organization of the file, checked and resolved to this realm's models before any write. */
    private record Planned(OrganizationModel organization, BackofficeExport.Organization data, List<PlannedAdministrator> people) {
    }

    private record PlannedAdministrator(UserModel user, BackofficeExport.Administrator data, List<GroupModel> groups) {
    }

    public BackofficeExport.ImportResult importAll(BackofficeExport file) {
        List<Planned> plan = check(file);
        boolean withKey = file.pinKey() != null;
        if (withKey) {
            pins.adoptKey(file.pinKey());
        }
        List<String> needNewPin = new ArrayList<>();
        int people = 0;
        for (Planned planned : plan) {
            OrganizationModel organization = planned.organization();
            OrganizationSupportEntity row = settings.lockOrCreate(realm.getId(), organization.getId());
            row.setPinLength(planned.data().pinLength());
            row.setSharedAccountsUnlocked(Boolean.TRUE.equals(planned.data().sharedAccountsUnlocked()));
            // Seats last: the records written below are counted against the limit as they are written.
            row.setAdministratorSeats(null);
            if (withKey) {
                row.setPinDigestScope(planned.data().pinDigestScope() == null || planned.data().pinDigestScope().equals(organization.getId())
                        ? null : planned.data().pinDigestScope());
            }
            settings.flush();
            String ownerId = null;
            for (PlannedAdministrator person : planned.people()) {
                UserModel user = person.user();
                if (!organizations.isMember(organization, user)) {
                    organizations.addMember(organization, user);
                }
                Optional<AdministratorEntity> existing = store.find(organization.getId(), user.getId());
                AdministratorEntity record = existing.orElseGet(() -> newRecord(organization, user));
                record.setStatus(person.data().status());
                record.setPinMode(person.data().pinMode());
                String digest = person.data().pinMode() == PinMode.PIN && withKey ? person.data().pinDigest() : null;
                record.setPinDigest(digest);
                if (person.data().pinMode() == PinMode.PIN && digest == null) {
                    needNewPin.add(organization.getAlias() + "/" + user.getUsername());
                }
                AdministratorService.acceptIdentity(record, user);
                if (existing.isEmpty()) {
                    store.insert(record);
                }
                if (person.data().createdAt() != null) {
                    record.setCreatedAt(person.data().createdAt());
                }
                store.update(record);
                administrators.replacePermissionGroups(organization, user, person.groups());
                if (Boolean.TRUE.equals(person.data().owner())) {
                    ownerId = user.getId();
                }
                people++;
            }
            if (ownerId != null) {
                String newOwner = ownerId;
                store.lockOwner(organization.getId()).ifPresentOrElse(
                        owner -> {
                            if (!owner.getUserId().equals(newOwner)) {
                                store.changeOwner(owner, newOwner);
                            }
                        },
                        () -> store.insertOwner(realm.getId(), organization.getId(), newOwner));
            }
            row = settings.lockOrCreate(realm.getId(), organization.getId());
            row.setAdministratorSeats(planned.data().administratorSeats() == null ? null
                    : SupportRules.requireSeats(planned.data().administratorSeats(), settings.countActive(organization.getId())));
            settings.flush();
        }
        return new BackofficeExport.ImportResult(plan.size(), people, withKey, needNewPin);
    }

    private AdministratorEntity newRecord(OrganizationModel organization, UserModel user) {
        AdministratorEntity record = new AdministratorEntity();
        record.setOrganizationId(organization.getId());
        record.setUserId(user.getId());
        record.setRealmId(realm.getId());
        return record;
    }

    /** Everything the import will need, or the first thing wrong with the file; nothing is written here. */
    private List<Planned> check(BackofficeExport file) {
        if (file.version() == null || file.version() != BackofficeExport.VERSION) {
            throw ProblemException.badRequest("invalid_version", "'version' must be " + BackofficeExport.VERSION + ".");
        }
        if (file.organizations() == null) {
            throw ProblemException.badRequest("missing_organizations", "'organizations' is required.");
        }
        Set<String> aliases = new HashSet<>();
        List<Planned> plan = new ArrayList<>();
        for (BackofficeExport.Organization data : file.organizations()) {
            if (data == null || data.alias() == null || data.alias().isBlank()) {
                throw ProblemException.badRequest("missing_alias", "Every organization needs its 'alias'.");
            }
            String where = "Organization '" + data.alias() + "'";
            if (!aliases.add(data.alias())) {
                throw ProblemException.badRequest("duplicate_organization", where + " appears twice.");
            }
            OrganizationModel organization = organizations.getByAlias(data.alias());
            if (organization == null) {
                throw ProblemException.badRequest("unknown_organization", where + " does not exist in this realm; import the realm first.");
            }
            if (data.pinLength() != null) {
                PinPolicy.requireLength(data.pinLength());
            }
            if (data.pinDigestScope() != null && data.pinDigestScope().length() > 36) {
                throw ProblemException.badRequest("invalid_pinDigestScope", where + ": 'pinDigestScope' is an organization id.");
            }
            plan.add(new Planned(organization, data, checkPeople(file, data, organization, where)));
        }
        return plan;
    }

    private List<PlannedAdministrator> checkPeople(BackofficeExport file, BackofficeExport.Organization data,
                                                   OrganizationModel organization, String where) {
        if (data.administrators() == null) {
            throw ProblemException.badRequest("missing_administrators", where + " needs 'administrators' (may be empty).");
        }
        Set<String> usernames = new HashSet<>();
        List<PlannedAdministrator> people = new ArrayList<>();
        int owners = 0;
        long active = 0;
        long pinHolders = 0;
        String currentOwner = administrators.ownerId(organization).orElse(null);
        String currentOwnerMadeInactive = null;
        String currentOwnerWithoutGroups = null;
        for (BackofficeExport.Administrator person : data.administrators()) {
            if (person == null || person.username() == null || person.username().isBlank() || person.username().length() > MAX_NAME) {
                throw ProblemException.badRequest("missing_username", where + ": every administrator needs a 'username'.");
            }
            String who = where + ", administrator '" + person.username() + "'";
            if (!usernames.add(person.username().toLowerCase(Locale.ROOT))) {
                throw ProblemException.badRequest("duplicate_administrator", who + " appears twice.");
            }
            if (person.createdAt() != null && person.createdAt() < 0) {
                throw ProblemException.badRequest("invalid_createdAt", who + ": 'createdAt' is epoch milliseconds.");
            }
            if (person.status() == null || person.pinMode() == null) {
                throw ProblemException.badRequest("missing_status", who + " needs 'status' and 'pinMode'.");
            }
            UserModel user = session.users().getUserByUsername(realm, person.username());
            if (user == null) {
                throw ProblemException.badRequest("unknown_user", who + " is not a user of this realm; import the realm first.");
            }
            IntegrationRules.requirePerson(user.getServiceAccountClientLink() != null);
            boolean owner = Boolean.TRUE.equals(person.owner());
            if (owner) {
                owners++;
                if (person.status() != AdministratorStatus.ACTIVE) {
                    throw ProblemException.badRequest("owner_inactive", who + " is the owner and must be ACTIVE.");
                }
            }
            if (person.status() == AdministratorStatus.ACTIVE) {
                active++;
            } else if (user.getId().equals(currentOwner)) {
                currentOwnerMadeInactive = who;
            }
            if (person.pinDigest() != null) {
                if (file.pinKey() == null) {
                    throw ProblemException.badRequest("pin_digest_without_key", who + " has a PIN digest but the file has no 'pinKey'.");
                }
                if (person.pinMode() != PinMode.PIN || !person.pinDigest().matches("[0-9a-f]{64}")) {
                    throw ProblemException.badRequest("invalid_pinDigest", who + ": a PIN digest belongs to a PIN holder and is 64 hexadecimal characters.");
                }
            }
            if (person.pinMode() == PinMode.PIN) {
                pinHolders++;
            }
            if (person.pinMode() == PinMode.SHARED && !Boolean.TRUE.equals(data.sharedAccountsUnlocked())) {
                SupportRules.requireSharedAccountsUnlocked(false);
            }
            boolean withoutGroups = person.permissionGroups() == null || person.permissionGroups().isEmpty();
            // The owner needs no group (R-OWNER-2); so does the current owner of a file that names none, who stays
            // owner (checked below once the file's owners are counted).
            if (withoutGroups && !owner && user.getId().equals(currentOwner)) {
                currentOwnerWithoutGroups = who;
            }
            List<GroupModel> groups = withoutGroups && (owner || user.getId().equals(currentOwner))
                    ? List.of() : administrators.requireGroups(organization, person.permissionGroups());
            people.add(new PlannedAdministrator(user, person, groups));
        }
        if (owners > 1) {
            throw ProblemException.badRequest("duplicate_owner", where + " names " + owners + " owners; an organization has exactly one.");
        }
        if (owners == 0 && !people.isEmpty() && currentOwner == null) {
            throw ProblemException.badRequest("missing_owner", where + " has administrators but no owner.");
        }
        if (owners == 0 && currentOwnerMadeInactive != null) {
            // R-OWNER-3: a file that names no owner keeps the current one, who stays active.
            throw ProblemException.badRequest("owner_inactive", currentOwnerMadeInactive + " is the owner and must be ACTIVE.");
        }
        if (owners > 0 && currentOwnerWithoutGroups != null) {
            // R-ADMIN-6: the current owner stops being owner here, so they need a permission group like anyone else.
            throw ProblemException.badRequest("missing_permissionGroups",
                    currentOwnerWithoutGroups + " stops being the owner in this file and needs at least one permission group.");
        }
        if (data.administratorSeats() != null) {
            SupportRules.requireSeats(data.administratorSeats(), active);
        }
        PinPolicy.requireRoomForAnotherHolder(Math.max(0, pinHolders - 1),
                data.pinLength() == null ? PinPolicy.DEFAULT_LENGTH : data.pinLength());
        return people;
    }
}

package io.backoffice.keycloak.core.service.groups;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AreaScale;
import io.backoffice.keycloak.core.model.PermissionComparison;
import io.backoffice.keycloak.core.model.PermissionGroupInput;
import io.backoffice.keycloak.core.model.PermissionGroupView;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.EscalationRules;
import io.backoffice.keycloak.core.rules.LevelRules;
import io.backoffice.keycloak.core.rules.PermissionGroupRules;
import io.backoffice.keycloak.core.rules.Permissions;
import io.backoffice.keycloak.core.service.catalogue.PermissionCatalogue;
import io.backoffice.keycloak.core.store.IntegrationStore;
import io.backoffice.keycloak.core.store.AdministratorStore;

/**
 * Permission groups of one realm's organizations: top-level organization groups whose client-role
 * mappings on the catalogue client are their permissions, so the console shows and edits the same
 * thing. Tokens read the mappings through Keycloak's caches, so a change applies from the next token
 * on (R-GROUP-2). Writes check the actor's rights here (R-AUTHZ-2, R-AUTHZ-4), before writing anything.
 */
public class PermissionGroupService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final AdministratorStore store;
    private final PermissionCatalogue catalogue;

    public PermissionGroupService(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.store = new AdministratorStore(session);
        this.catalogue = PermissionCatalogue.of(realm);
    }

    public List<PermissionGroupView> list(OrganizationModel organization) {
        return groups(organization).map(group -> view(organization, group)).toList();
    }

    public PermissionGroupView view(OrganizationModel organization, GroupModel group) {
        SortedSet<String> permissions = permissionsOf(group);
        return new PermissionGroupView(group.getId(), group.getName(), group.getDescription(),
                List.copyOf(permissions),
                catalogueGrants(group).map(RoleModel::getName).sorted().toList(),
                administratorCount(organization, group),
                LevelRules.levelsHeld(permissions, catalogue.areas()));
    }

    /** A top-level group of this organization; 404 for any other id, other organizations' included. */
    public GroupModel require(OrganizationModel organization, String groupId) {
        GroupModel group = groupId == null ? null : session.groups().getGroupById(realm, groupId);
        if (group == null || !isPermissionGroup(organization, group)) {
            throw ProblemException.notFound("permission_group_not_found", "No permission group with that id in this organization.");
        }
        return group;
    }

    /** R-AUTHZ-2: managing permission groups needs org-settings:manage-permissions (the owner may). */
    public void requireManager(AdministratorFacts actor) {
        EscalationRules.requirePermission(actor, Permissions.MANAGE_PERMISSION_GROUPS);
    }

    /** R-GROUP-1, R-AUTHZ-2, R-AUTHZ-4. */
    public GroupModel create(OrganizationModel organization, AdministratorFacts actor, PermissionGroupInput input) {
        requireManager(actor);
        String name = PermissionGroupRules.requireName(input.name());
        String description = PermissionGroupRules.optionalDescription(input.description());
        List<RoleModel> grants = requireGrantable(actor, input);
        lockNames(organization);
        PermissionGroupRules.requireUniqueName(name, groups(organization).map(GroupModel::getName).toList());
        GroupModel group;
        try {
            group = organizations.createGroup(organization, name, null);
        } catch (ModelDuplicateException e) {
            throw PermissionGroupRules.nameTaken(name);
        }
        group.setDescription(description);
        grants.forEach(group::grantRole);
        return group;
    }

    /**
     * R-GROUP-1, R-AUTHZ-4: replaces name, description and catalogue permissions. Role mappings outside
     * the catalogue (given in the console) are left alone.
     */
    public void replace(OrganizationModel organization, AdministratorFacts actor, GroupModel group, PermissionGroupInput input) {
        requireManager(actor);
        EscalationRules.requireCanChangeGroup(actor, permissionsOf(group));
        String name = PermissionGroupRules.requireName(input.name());
        String description = PermissionGroupRules.optionalDescription(input.description());
        List<RoleModel> grants = requireGrantable(actor, input);
        lockNames(organization);
        PermissionGroupRules.requireUniqueName(name, groups(organization)
                .filter(other -> !other.getId().equals(group.getId())).map(GroupModel::getName).toList());
        if (!name.equals(group.getName())) {
            rename(group, name);
        }
        if (!Objects.equals(description, group.getDescription())) {
            group.setDescription(description);
        }
        List<RoleModel> mapped = catalogueGrants(group).toList();
        mapped.stream().filter(role -> !grants.contains(role)).forEach(group::deleteRoleMapping);
        grants.stream().filter(role -> !mapped.contains(role)).forEach(group::grantRole);
    }

    /**
     * R-GROUP-3, R-AUTHZ-4: only a group that no administrator holds, counted while the organization's
     * owner row is locked, the lock every assignment takes too ({@code AdministratorService.groupsToAssign}).
     */
    public void delete(OrganizationModel organization, AdministratorFacts actor, GroupModel group) {
        requireManager(actor);
        EscalationRules.requireCanChangeGroup(actor, permissionsOf(group));
        lockNames(organization);
        requireUnused(organization, group);
        session.groups().removeGroup(realm, group);
    }

    /** R-GROUP-3: the one check of a group's removal, through our API or the Keycloak console (R-CONSOLE-2). */
    public void requireUnused(OrganizationModel organization, GroupModel group) {
        PermissionGroupRules.requireUnused(group.getName(), administratorCount(organization, group),
                new IntegrationStore(session).countGroupHolders(organization.getId(), group.getId()));
    }

    /** A top-level group of the organization, which is what a permission group is. */
    public boolean isPermissionGroup(OrganizationModel organization, GroupModel group) {
        GroupModel internal = organizations.getOrganizationGroup(organization);
        return group.getType() == GroupModel.Type.ORGANIZATION && internal != null && Objects.equals(group.getParentId(), internal.getId());
    }

    /**
     * R-GROUP-4: for each compared permission, the groups that grant it; {@code filter} holds permission
     * or section names (a section compares each of its permissions); empty compares the whole catalogue.
     */
    public PermissionComparison compare(OrganizationModel organization, List<String> filter) {
        SortedSet<String> compared = filter == null || filter.isEmpty() ? catalogue.allPermissions()
                : catalogue.permissionsOf(requireCatalogueRoles(filter));
        Map<GroupModel, SortedSet<String>> granted = new LinkedHashMap<>();
        groups(organization).forEach(group -> {
            SortedSet<String> permissions = new TreeSet<>(permissionsOf(group));
            permissions.retainAll(compared);
            granted.put(group, permissions);
        });
        Map<String, List<String>> sections = sectionsByPermission();
        List<PermissionComparison.PermissionRow> rows = compared.stream()
                .map(permission -> new PermissionComparison.PermissionRow(permission, catalogue.role(permission).getDescription(),
                        sections.getOrDefault(permission, List.of()),
                        granted.entrySet().stream().filter(e -> e.getValue().contains(permission))
                                .map(e -> new PermissionComparison.GroupRef(e.getKey().getId(), e.getKey().getName())).toList()))
                .toList();
        List<PermissionComparison.GroupColumn> columns = granted.entrySet().stream()
                .filter(e -> !e.getValue().isEmpty())
                .map(e -> new PermissionComparison.GroupColumn(e.getKey().getId(), e.getKey().getName(), List.copyOf(e.getValue())))
                .toList();
        return new PermissionComparison(filter == null ? List.of() : List.copyOf(filter), rows, columns);
    }

    /** What the group amounts to: every role mapped to it, composites expanded, as catalogue permissions. */
    public SortedSet<String> permissionsOf(GroupModel group) {
        return catalogue.permissionsOf(group.getRoleMappingsStream().toList());
    }

    /** The organization's permission groups, by name (case-insensitive). */
    private Stream<GroupModel> groups(OrganizationModel organization) {
        return organizations.getTopLevelGroups(organization, null, null)
                .sorted(Comparator.comparing((GroupModel g) -> PermissionGroupRules.nameKey(g.getName())).thenComparing(GroupModel::getId));
    }

    private Stream<RoleModel> catalogueGrants(GroupModel group) {
        return catalogue.exists() ? group.getClientRoleMappingsStream(catalogue.client()) : Stream.empty();
    }

    /**
     * R-GROUP-3: administrators of the organization, active or not, who are members of the group, counted by
     * the database (one query, whatever the number of holders).
     */
    private long administratorCount(OrganizationModel organization, GroupModel group) {
        return store.countGroupHolders(organization.getId(), group.getId());
    }

    /**
     * R-GROUP-1, R-LEVEL-1, R-LEVEL-3 and R-AUTHZ-4: catalogue roles only (levels as their level roles), never
     * an owner-only permission, and only what the actor holds: holding {@code finance:view} does not hold
     * {@code finance:manage}, which the level's expansion includes.
     */
    public List<RoleModel> requireGrantable(AdministratorFacts actor, PermissionGroupInput input) {
        List<String> permissions = input.permissions() == null && input.levels() != null ? List.of() : input.permissions();
        Map<String, AreaScale> areas = catalogue.areas();
        LevelRules.requireNoConflict(input.levels(), PermissionGroupRules.requirePermissionNames(permissions), areas);
        List<String> requested = new ArrayList<>(permissions);
        requested.addAll(LevelRules.rolesFor(input.levels(), areas));
        List<RoleModel> roles = requireCatalogueRoles(requested);
        SortedSet<String> granted = catalogue.permissionsOf(roles);
        LevelRules.requireNoOwnerOnly(granted, catalogue.ownerOnly());
        EscalationRules.requireCanGrant(actor, granted);
        return roles;
    }

    private List<RoleModel> requireCatalogueRoles(Collection<String> requested) {
        Set<String> names = PermissionGroupRules.requirePermissionNames(requested);
        PermissionGroupRules.requireKnown(names, catalogue.roles().map(RoleModel::getName).collect(Collectors.toSet()));
        return names.stream().map(catalogue::role).toList();
    }

    private Map<String, List<String>> sectionsByPermission() {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        catalogue.sections().stream().sorted(Comparator.comparing(RoleModel::getName)).forEach(section ->
                catalogue.permissionsOf(Set.of(section)).forEach(permission ->
                        sections.computeIfAbsent(permission, p -> new ArrayList<>()).add(section.getName())));
        return sections;
    }

    /**
     * Serialises name checks and deletions of one organization across requests and nodes: the organization's owner row
     * is locked for the rest of the transaction. (Before an owner is bootstrapped there is no row to lock;
     * Keycloak's own sibling-name constraint still refuses exact duplicates then.)
     */
    private void lockNames(OrganizationModel organization) {
        store.lockOwner(organization.getId());
    }

    /** As Keycloak's own group update does: listeners that follow group paths hear of the rename. */
    private void rename(GroupModel group, String name) {
        String previousPath = KeycloakModelUtils.buildGroupPath(group);
        try {
            group.setName(name);
        } catch (ModelDuplicateException e) {
            throw PermissionGroupRules.nameTaken(name);
        }
        GroupModel.GroupPathChangeEvent.fire(group, KeycloakModelUtils.buildGroupPath(group), previousPath, session);
    }

}

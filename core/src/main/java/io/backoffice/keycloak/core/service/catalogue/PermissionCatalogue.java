package io.backoffice.keycloak.core.service.catalogue;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.RoleUtils;

import io.backoffice.keycloak.core.model.AreaScale;
import io.backoffice.keycloak.core.model.CatalogueView;
import io.backoffice.keycloak.core.rules.LevelRules;

/**
 * The permissions of the back-office: the client roles of one catalogue client. A section is a
 * composite role marked with the role attribute {@value #SECTION_ATTRIBUTE}{@code =true}; granting it
 * grants everything it holds, and it is not itself a permission.
 */
public class PermissionCatalogue {

    /** Realm attribute naming the catalogue client; default {@value #DEFAULT_CLIENT_ID}. */
    public static final String CLIENT_ATTRIBUTE = "backoffice.catalogueClientId";
    public static final String DEFAULT_CLIENT_ID = "back-office";
    public static final String SECTION_ATTRIBUTE = "section";

    private final ClientModel client;

    private PermissionCatalogue(ClientModel client) {
        this.client = client;
    }

    public static PermissionCatalogue of(RealmModel realm) {
        String clientId = realm.getAttribute(CLIENT_ATTRIBUTE);
        ClientModel client = realm.getClientByClientId(clientId == null || clientId.isBlank() ? DEFAULT_CLIENT_ID : clientId);
        return new PermissionCatalogue(client);
    }

    public boolean exists() {
        return client != null;
    }

    public ClientModel client() {
        return client;
    }

    /** Every permission (sections excluded), sorted: what the owner holds (R-OWNER-2). */
    public SortedSet<String> allPermissions() {
        return roles().filter(r -> !isSection(r)).map(RoleModel::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    public List<RoleModel> sections() {
        return roles().filter(PermissionCatalogue::isSection).toList();
    }

    public Stream<RoleModel> roles() {
        return client == null ? Stream.empty() : client.getRolesStream();
    }

    public RoleModel role(String name) {
        return client == null ? null : client.getRole(name);
    }

    /** The permissions that a set of granted roles amounts to: composites expanded, sections dropped. */
    public SortedSet<String> permissionsOf(Collection<RoleModel> granted) {
        return permissionsOf(granted, false);
    }

    /**
     * R-LEVEL-3: {@link #permissionsOf} less the owner-only permissions, what anyone but the owner can hold.
     * Each expanded role's own attribute says it, so a token does not walk the whole catalogue for it.
     */
    public SortedSet<String> grantablePermissionsOf(Collection<RoleModel> granted) {
        return permissionsOf(granted, true);
    }

    private SortedSet<String> permissionsOf(Collection<RoleModel> granted, boolean withoutOwnerOnly) {
        if (client == null) {
            return new TreeSet<>();
        }
        return RoleUtils.expandCompositeRoles(Set.copyOf(granted)).stream()
                .filter(r -> RoleUtils.isClientRole(r, client))
                .filter(r -> !isSection(r))
                .filter(r -> !withoutOwnerOnly || !isOwnerOnly(r))
                .map(RoleModel::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** R-LEVEL-1: the areas granted by level, from the {@code scale} attribute of their level roles. */
    public Map<String, AreaScale> areas() {
        Map<String, String> scales = new HashMap<>();
        roles().forEach(r -> {
            String scale = r.getFirstAttribute(LevelRules.SCALE_ATTRIBUTE);
            if (scale != null && !scale.isBlank()) {
                scales.put(r.getName(), scale);
            }
        });
        return LevelRules.areas(scales, roles().map(RoleModel::getName).collect(Collectors.toSet()));
    }

    /** R-LEVEL-3: the permissions marked {@code owner-only=true}. */
    public SortedSet<String> ownerOnly() {
        return roles().filter(PermissionCatalogue::isOwnerOnly).map(RoleModel::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    public static boolean isSection(RoleModel role) {
        return "true".equalsIgnoreCase(role.getFirstAttribute(SECTION_ATTRIBUTE));
    }

    private static boolean isOwnerOnly(RoleModel role) {
        return "true".equalsIgnoreCase(role.getFirstAttribute(LevelRules.OWNER_ONLY_ATTRIBUTE));
    }

    /** The catalogue as organization administrators read it (sections, permissions, areas, owner-only). */
    public CatalogueView view() {
        List<RoleModel> sections = sections().stream().sorted(Comparator.comparing(RoleModel::getName)).toList();
        List<CatalogueView.Section> sectionViews = sections.stream()
                .map(s -> new CatalogueView.Section(s.getName(),
                        s.getDescription() == null || s.getDescription().isBlank() ? s.getName() : s.getDescription(),
                        s.getFirstAttribute(CatalogueView.DESCRIPTION_ATTRIBUTE), List.copyOf(permissionsOf(Set.of(s)))))
                .toList();
        List<CatalogueView.Permission> permissions = roles()
                .filter(r -> !isSection(r))
                .sorted(Comparator.comparing(RoleModel::getName))
                .map(r -> new CatalogueView.Permission(r.getName(), r.getDescription(), sectionViews.stream()
                        .filter(s -> s.permissions().contains(r.getName())).map(CatalogueView.Section::name).toList()))
                .toList();
        List<CatalogueView.Area> areas = areas().values().stream().sorted(Comparator.comparing(AreaScale::area))
                .map(scale -> new CatalogueView.Area(scale.area(), scale.levels().stream().map(level -> {
                    RoleModel role = scale.roleOf(level) == null ? null : role(scale.roleOf(level));
                    return new CatalogueView.Level(level, role == null ? null : role.getName(), role == null ? null : role.getDescription(),
                            role == null ? List.of() : List.copyOf(permissionsOf(Set.of(role))));
                }).toList()))
                .toList();
        return new CatalogueView(sectionViews, permissions, areas, List.copyOf(ownerOnly()));
    }
}

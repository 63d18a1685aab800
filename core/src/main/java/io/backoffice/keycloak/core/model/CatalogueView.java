package io.backoffice.keycloak.core.model;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.keycloak.models.RoleModel;

import io.backoffice.keycloak.core.service.catalogue.PermissionCatalogue;

/**
 * The permission catalogue as organization administrators read it. A section's {@code label} is its
 * role description (its name when there is none) and its {@code description} the role attribute
 * {@value #DESCRIPTION_ATTRIBUTE}; a permission's {@code description} is its role description.
 */
public record CatalogueView(List<Section> sections, List<Permission> permissions, List<Area> areas, List<String> ownerOnly) {

    public static final String DESCRIPTION_ATTRIBUTE = "description";

    public record Section(String name, String label, String description, List<String> permissions) {
    }

    public record Permission(String name, String description, List<String> sections) {
    }

    /** R-LEVEL-1: an area granted at one level of its scale; each level with its role and what it amounts to. */
    public record Area(String name, List<Level> levels) {
    }

    /** {@code role} is null for a roleless lowest level; {@code permissions} are the level's, the levels below included. */
    public record Level(String name, String role, String description, List<String> permissions) {
    }

    public static CatalogueView of(PermissionCatalogue catalogue) {
        List<RoleModel> sections = catalogue.sections().stream().sorted(Comparator.comparing(RoleModel::getName)).toList();
        List<Section> sectionViews = sections.stream()
                .map(s -> new Section(s.getName(), s.getDescription() == null || s.getDescription().isBlank() ? s.getName() : s.getDescription(),
                        s.getFirstAttribute(DESCRIPTION_ATTRIBUTE), List.copyOf(catalogue.permissionsOf(Set.of(s)))))
                .toList();
        List<Permission> permissions = catalogue.roles()
                .filter(r -> !PermissionCatalogue.isSection(r))
                .sorted(Comparator.comparing(RoleModel::getName))
                .map(r -> new Permission(r.getName(), r.getDescription(), sectionViews.stream()
                        .filter(s -> s.permissions().contains(r.getName())).map(Section::name).toList()))
                .toList();
        List<Area> areas = catalogue.areas().values().stream().sorted(Comparator.comparing(AreaScale::area))
                .map(scale -> new Area(scale.area(), scale.levels().stream().map(level -> {
                    RoleModel role = scale.roleOf(level) == null ? null : catalogue.role(scale.roleOf(level));
                    return new Level(level, role == null ? null : role.getName(), role == null ? null : role.getDescription(),
                            role == null ? List.of() : List.copyOf(catalogue.permissionsOf(Set.of(role))));
                }).toList()))
                .toList();
        return new CatalogueView(sectionViews, permissions, areas, List.copyOf(catalogue.ownerOnly()));
    }
}

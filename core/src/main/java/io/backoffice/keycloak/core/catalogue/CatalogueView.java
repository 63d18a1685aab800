package io.backoffice.keycloak.core.catalogue;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.keycloak.models.RoleModel;

/**
 * The permission catalogue as organization administrators read it. A section's {@code label} is its
 * role description (its name when there is none) and its {@code description} the role attribute
 * {@value #DESCRIPTION_ATTRIBUTE}; a permission's {@code description} is its role description.
 */
public record CatalogueView(List<Section> sections, List<Permission> permissions) {

    public static final String DESCRIPTION_ATTRIBUTE = "description";

    public record Section(String name, String label, String description, List<String> permissions) {
    }

    public record Permission(String name, String description, List<String> sections) {
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
        return new CatalogueView(sectionViews, permissions);
    }
}

package io.backoffice.keycloak.core.model;

import java.util.List;

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
}

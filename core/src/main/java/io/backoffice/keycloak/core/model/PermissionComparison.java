package io.backoffice.keycloak.core.model;

import java.util.List;

/**
 * R-GROUP-4: groups by permissions, both ways. {@code permissions}: the compared permissions, each with
 * the groups that grant it. {@code groups}: the groups that grant at least one compared permission, each
 * with those it grants.
 */
public record PermissionComparison(List<String> filter, List<PermissionRow> permissions, List<GroupColumn> groups) {

    public record GroupRef(String id, String name) {
    }

    public record PermissionRow(String name, String description, List<String> sections, List<GroupRef> groups) {
    }

    public record GroupColumn(String id, String name, List<String> permissions) {
    }
}

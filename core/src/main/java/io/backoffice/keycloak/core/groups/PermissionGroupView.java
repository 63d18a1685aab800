package io.backoffice.keycloak.core.groups;

import java.util.List;

/**
 * A permission group as the API shows it. {@code permissions}: what it amounts to, sections expanded,
 * sorted. {@code grants}: what is mapped to it, sections as sections. {@code administratorCount}:
 * administrators (active or not) who hold it.
 */
public record PermissionGroupView(String id,
                                  String name,
                                  String description,
                                  List<String> permissions,
                                  List<String> grants,
                                  long administratorCount) {
}

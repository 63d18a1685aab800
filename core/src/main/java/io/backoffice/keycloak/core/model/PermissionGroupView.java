package io.backoffice.keycloak.core.model;

import java.util.List;
import java.util.Map;

/**
 * A permission group as the API shows it. {@code permissions}: what it amounts to, sections expanded,
 * sorted. {@code grants}: what is mapped to it, sections as sections. {@code administratorCount}:
 * administrators (active or not) who hold it. {@code levels}: each area's level within {@code permissions} (R-LEVEL-1).
 */
public record PermissionGroupView(String id,
                                  String name,
                                  String description,
                                  List<String> permissions,
                                  List<String> grants,
                                  long administratorCount,
                                  Map<String, String> levels) {
}

package io.backoffice.keycloak.core.service.presets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.PresetView;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.PresetRules;
import io.backoffice.keycloak.core.service.AdministratorService;
import io.backoffice.keycloak.core.service.groups.PermissionGroupService;

/**
 * R-LEVEL-2: an organization's presets. A preset is a named set of the organization's permission groups,
 * kept on the groups themselves as the group attribute {@value #GROUP_ATTRIBUTE} (one value per preset
 * the group belongs to): a group's rename carries into its presets, a deleted group leaves them, no
 * other organization's groups can be named, and the identity admin sees them on the group in the console.
 */
public class OrganizationPresets {

    public static final String GROUP_ATTRIBUTE = "backoffice.preset";

    private final OrganizationProvider organizations;
    private final AdministratorService administrators;
    private final PermissionGroupService groups;

    public OrganizationPresets(KeycloakSession session, RealmModel realm) {
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.administrators = new AdministratorService(session, realm);
        this.groups = new PermissionGroupService(session, realm);
    }

    /** Preset name → its permission groups' names, both sorted (names case-insensitively). */
    public Map<String, List<String>> presets(OrganizationModel organization) {
        Map<String, List<String>> presets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        organizations.getTopLevelGroups(organization, null, null).sorted(Comparator.comparing(GroupModel::getName, String.CASE_INSENSITIVE_ORDER))
                .forEach(group -> group.getAttributeStream(GROUP_ATTRIBUTE).forEach(preset ->
                        presets.computeIfAbsent(preset, p -> new ArrayList<>()).add(group.getName())));
        return presets;
    }

    public List<PresetView> list(OrganizationModel organization) {
        return presets(organization).entrySet().stream().map(e -> new PresetView(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** R-LEVEL-2: the groups an administrator is created with: those of the named preset, or those named. */
    public List<String> groupNames(OrganizationModel organization, String preset, List<String> permissionGroups) {
        return preset == null ? permissionGroups : PresetRules.groupNames(preset, permissionGroups, presets(organization));
    }

    /**
     * R-LEVEL-2, R-AUTHZ-2: the preset named {@code name} gives exactly these groups from now on (created
     * when new). Needs {@code org-settings:manage-permissions}; unknown groups are refused before anything changes.
     */
    public PresetView put(OrganizationModel organization, AdministratorFacts actor, String name, List<String> groupNames) {
        groups.requireManager(actor);
        String preset = PresetRules.requireName(name);
        List<GroupModel> wanted = administrators.requireGroups(organization, groupNames);
        String stored = presets(organization).keySet().stream().filter(preset::equalsIgnoreCase).findFirst().orElse(preset);
        organizations.getTopLevelGroups(organization, null, null).forEach(group -> {
            boolean member = wanted.stream().anyMatch(w -> w.getId().equals(group.getId()));
            List<String> values = new ArrayList<>(group.getAttributeStream(GROUP_ATTRIBUTE).filter(v -> !v.equalsIgnoreCase(stored)).toList());
            if (member) {
                values.add(stored);
            }
            if (values.isEmpty()) {
                group.removeAttribute(GROUP_ATTRIBUTE);
            } else if (!values.equals(group.getAttributeStream(GROUP_ATTRIBUTE).toList())) {
                group.setAttribute(GROUP_ATTRIBUTE, values);
            }
        });
        return new PresetView(stored, wanted.stream().map(GroupModel::getName).sorted(String.CASE_INSENSITIVE_ORDER).toList());
    }

    /** R-LEVEL-2: the preset is gone; its groups stay. */
    public void delete(OrganizationModel organization, AdministratorFacts actor, String name) {
        groups.requireManager(actor);
        if (!presets(organization).containsKey(name)) {
            throw ProblemException.notFound("preset_not_found", "No preset named '" + name + "' in this organization.");
        }
        organizations.getTopLevelGroups(organization, null, null).forEach(group -> {
            List<String> values = group.getAttributeStream(GROUP_ATTRIBUTE).filter(v -> !v.equalsIgnoreCase(name)).toList();
            if (values.isEmpty()) {
                group.removeAttribute(GROUP_ATTRIBUTE);
            } else if (values.size() != group.getAttributeStream(GROUP_ATTRIBUTE).count()) {
                group.setAttribute(GROUP_ATTRIBUTE, values);
            }
        });
    }
}

package io.backoffice.keycloak.core.service.presets;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.util.JsonSerialization;

import io.backoffice.keycloak.core.model.AdministratorFacts;
import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.PermissionGroupInput;
import io.backoffice.keycloak.core.model.PresetView;
import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.PermissionGroupRules;
import io.backoffice.keycloak.core.service.groups.PermissionGroupService;

/**
 * R-LEVEL-2: the starter permission groups and presets every new organization gets, set by the identity
 * admin as the realm attribute {@value #REALM_ATTRIBUTE} (JSON, see docs/permission-groups-api.md). A realm
 * attribute because it is realm-wide configuration that travels with realm export/import and is set with
 * the admin REST API ({@code kcadm.sh update realms/<realm> -s 'attributes."backoffice.template"=…'});
 * organizations get copies, so editing theirs never touches the template or another organization.
 */
public class OrganizationTemplate {

    public static final String REALM_ATTRIBUTE = "backoffice.template";

    /** The template's content: groups as the organization API takes them, and presets naming those groups. */
    public record Content(List<PermissionGroupInput> groups, List<PresetView> presets) {
    }

    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final PermissionGroupService groups;
    private final OrganizationPresets presets;

    public OrganizationTemplate(KeycloakSession session, RealmModel realm) {
        this.realm = realm;
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.groups = new PermissionGroupService(session, realm);
        this.presets = new OrganizationPresets(session, realm);
    }

    /**
     * Copies the template into the organization whose owner was just bootstrapped: each template group the
     * organization has no group of that name for, then each preset it has not got yet. Checked as the
     * organization's API checks its owner (catalogue names, levels, never an owner-only permission); a
     * template that fails refuses the bootstrap, naming what is wrong, so nothing half-copied stays.
     */
    public void copyInto(OrganizationModel organization, String ownerUserId) {
        String json = realm.getAttribute(REALM_ATTRIBUTE);
        if (json == null || json.isBlank()) {
            return;
        }
        AdministratorFacts owner = new AdministratorFacts(ownerUserId, AdministratorStatus.ACTIVE, true, true, Set.of());
        try {
            Content content = JsonSerialization.readValue(json, Content.class);
            Set<String> taken = names(organization);
            for (PermissionGroupInput group : content.groups() == null ? List.<PermissionGroupInput>of() : content.groups()) {
                if (!taken.contains(PermissionGroupRules.nameKey(PermissionGroupRules.requireName(group.name())))) {
                    groups.create(organization, owner, group);
                }
            }
            Set<String> existingPresets = presets.presets(organization).keySet();
            for (PresetView preset : content.presets() == null ? List.<PresetView>of() : content.presets()) {
                if (existingPresets.stream().noneMatch(p -> p.equalsIgnoreCase(preset.name()))) {
                    presets.put(organization, owner, preset.name(), preset.permissionGroups());
                }
            }
        } catch (IOException e) {
            throw invalid("it is not the expected JSON (" + e.getClass().getSimpleName() + ")");
        } catch (ProblemException e) {
            throw invalid(e.getMessage());
        }
    }

    private Set<String> names(OrganizationModel organization) {
        return organizations.getTopLevelGroups(organization, null, null).map(GroupModel::getName)
                .map(PermissionGroupRules::nameKey).collect(Collectors.toSet());
    }

    private static ProblemException invalid(String why) {
        return ProblemException.badRequest("invalid_template",
                "The realm's organization template (realm attribute " + REALM_ATTRIBUTE + ") cannot be copied: " + why);
    }
}

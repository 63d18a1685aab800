package io.backoffice.keycloak.mapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.OrganizationModel;

import io.backoffice.keycloak.core.model.AdministratorStatus;
import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.IntegrationView;
import io.backoffice.keycloak.core.model.PinMode;

/**
 * The standing of a user with administrator access to one organization, as the token shows it (R-CLAIM-1,
 * R-AUTHZ-5); for an integration's service account, the integration's (R-API-2: the same claims, marked
 * {@code "integration": true}, never an owner).
 */
public record AdministratorStanding(OrganizationModel organization, boolean owner, AdministratorStatus status, boolean sharedAccount,
                                    boolean integration, List<String> permissionGroups, List<String> permissions) {

    public static AdministratorStanding of(OrganizationModel organization, AdministratorView administrator) {
        return new AdministratorStanding(organization, administrator.owner(), administrator.status(),
                administrator.pinMode() == PinMode.SHARED, false, administrator.permissionGroups(), administrator.permissions());
    }

    public static AdministratorStanding of(OrganizationModel organization, IntegrationView integration) {
        return new AdministratorStanding(organization, false, integration.status(), false, true,
                integration.permissionGroups(), integration.permissions());
    }

    /**
     * The claim; {@code withPermissions} false leaves the permission groups and permissions empty, as for a
     * shared account nobody is acting on (R-AUTHZ-6).
     */
    public Map<String, Object> toClaim(boolean withPermissions) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", organization.getId());
        org.put("alias", organization.getAlias());
        org.put("name", organization.getName());
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("organization", org);
        claim.put("owner", owner);
        if (integration) {
            claim.put("integration", true);
        }
        claim.put("status", status.name());
        claim.put("permission_groups", withPermissions ? permissionGroups : List.of());
        claim.put("permissions", withPermissions ? permissions : List.of());
        return claim;
    }
}

package io.backoffice.keycloak.mapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.OrganizationModel;

import io.backoffice.keycloak.core.model.AdministratorView;
import io.backoffice.keycloak.core.model.PinMode;

/** The standing of a user with administrator access to one organization, as the token shows it (R-CLAIM-1, R-AUTHZ-5). */
public record AdministratorStanding(OrganizationModel organization, AdministratorView administrator) {

    public boolean sharedAccount() {
        return administrator.pinMode() == PinMode.SHARED;
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
        claim.put("owner", administrator.owner());
        claim.put("status", administrator.status().name());
        claim.put("permission_groups", withPermissions ? administrator.permissionGroups() : List.of());
        claim.put("permissions", withPermissions ? administrator.permissions() : List.of());
        return claim;
    }
}

package io.backoffice.keycloak.mapper;

import java.util.LinkedHashMap;
import java.util.Map;

import org.keycloak.models.OrganizationModel;

import io.backoffice.keycloak.core.AdministratorView;
import io.backoffice.keycloak.core.store.PinMode;

/** An active, confirmed administrator's standing in one organization, as the token shows it (R-CLAIM-1). */
public record AdministratorStanding(OrganizationModel organization, AdministratorView administrator) {

    public boolean sharedAccount() {
        return administrator.pinMode() == PinMode.SHARED;
    }

    public Map<String, Object> toClaim() {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("id", organization.getId());
        org.put("alias", organization.getAlias());
        org.put("name", organization.getName());
        Map<String, Object> claim = new LinkedHashMap<>();
        claim.put("organization", org);
        claim.put("owner", administrator.owner());
        claim.put("status", administrator.status().name());
        claim.put("permission_groups", administrator.permissionGroups());
        claim.put("permissions", administrator.permissions());
        return claim;
    }
}

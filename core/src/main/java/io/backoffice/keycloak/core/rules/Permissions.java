package io.backoffice.keycloak.core.rules;

/** Permissions of the catalogue that the product's own rules refer to (R-AUTHZ-2). */
public final class Permissions {

    public static final String MANAGE_ADMINISTRATORS = "org-settings:administrators";
    public static final String MANAGE_PERMISSION_GROUPS = "org-settings:manage-permissions";
    /** R-API-1: managing the organization's integrations (API users). */
    public static final String MANAGE_INTEGRATIONS = "org-settings:integrations";

    private Permissions() {
    }
}

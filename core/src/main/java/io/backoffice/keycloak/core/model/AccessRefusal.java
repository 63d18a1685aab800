package io.backoffice.keycloak.core.model;

/**
 * Why a user has no administrator access to an organization (R-AUTHZ-5, R-AUTHZ-6), with the error code
 * the organization API answers 403 with. Unknown and disabled organizations answer like "no record", so
 * an id of another organization reveals nothing.
 */
public enum AccessRefusal {
    NO_RECORD("not_an_administrator", "You are not an administrator of this organization."),
    ORGANIZATION_DISABLED("not_an_administrator", "You are not an administrator of this organization."),
    NOT_A_MEMBER("not_a_member", "You are no longer a member of this organization."),
    USER_DISABLED("administrator_access_denied", "Your account is disabled."),
    INACTIVE("administrator_access_denied", "Your administrator access to this organization is inactive."),
    INTEGRATION_INACTIVE("integration_inactive", "This integration is deactivated."),
    EMAIL_NOT_CONFIRMED("administrator_access_denied", "Your email address is not confirmed."),
    PIN_REQUIRED("pin_required", "A shared account acts only after a staff PIN names the person at the keyboard.");

    private final String error;
    private final String message;

    AccessRefusal(String error, String message) {
        this.error = error;
        this.message = message;
    }

    public String error() {
        return error;
    }

    public String message() {
        return message;
    }
}

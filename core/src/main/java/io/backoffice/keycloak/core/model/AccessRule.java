package io.backoffice.keycloak.core.model;

import java.util.Optional;

/**
 * The one definition of "has administrator access" (R-AUTHZ-5), over facts read beforehand, so it is
 * plain Java: a record exists, the organization is enabled, the user is enabled and a member of it, the
 * record is ACTIVE (R-ADMIN-4) and the email confirmed (R-ADMIN-2). {@link io.backoffice.keycloak.core.service.access.AdministratorAccess} reads the
 * facts; every module asks it, none re-derives this.
 */
public final class AccessRule {

    /**
     * What the rule needs to know about one user and one organization; {@code integration} when the record is
     * an integration row of this organization whose service account the user is (R-API-1).
     */
    public record Facts(boolean organizationEnabled, boolean recordExists, boolean userEnabled, boolean member,
                        AdministratorStatus status, boolean emailVerified, boolean integration) {
    }

    private AccessRule() {
    }

    /** R-AUTHZ-5: empty when the user has administrator access, else the first reason they have not. */
    public static Optional<AccessRefusal> refusal(Facts facts) {
        if (!facts.organizationEnabled()) {
            return Optional.of(AccessRefusal.ORGANIZATION_DISABLED);
        }
        if (!facts.recordExists()) {
            return Optional.of(AccessRefusal.NO_RECORD);
        }
        if (!facts.userEnabled()) {
            return Optional.of(AccessRefusal.USER_DISABLED);
        }
        if (!facts.member()) {
            return Optional.of(AccessRefusal.NOT_A_MEMBER);
        }
        if (facts.status() != AdministratorStatus.ACTIVE) {
            return Optional.of(facts.integration() ? AccessRefusal.INTEGRATION_INACTIVE : AccessRefusal.INACTIVE);
        }
        if (!facts.integration() && !facts.emailVerified()) {
            return Optional.of(AccessRefusal.EMAIL_NOT_CONFIRMED);
        }
        return Optional.empty();
    }

    /**
     * R-AUTHZ-6: a shared account (PIN mode SHARED) acts only while a current acting person is named;
     * anybody else needs nothing more than access.
     */
    public static Optional<AccessRefusal> actingRefusal(PinMode pinMode, boolean actingPersonNamed) {
        return pinMode == PinMode.SHARED && !actingPersonNamed ? Optional.of(AccessRefusal.PIN_REQUIRED) : Optional.empty();
    }
}

package io.backoffice.keycloak.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AccessRuleTest {

    private static final AccessRule.Facts GRANTED = new AccessRule.Facts(true, true, true, true, AdministratorStatus.ACTIVE, true, false);

    private static Optional<AccessRefusal> refusal(boolean orgEnabled, boolean record, boolean userEnabled, boolean member,
                                                   AdministratorStatus status, boolean verified) {
        return AccessRule.refusal(new AccessRule.Facts(orgEnabled, record, userEnabled, member, status, verified, false));
    }

    @Test
    @DisplayName("R-AUTHZ-5: access needs an enabled organization, a record, an enabled member, ACTIVE status and a confirmed email; each missing fact refuses")
    void accessNeedsEveryFact() {
        assertEquals(Optional.empty(), AccessRule.refusal(GRANTED));
        assertEquals(Optional.of(AccessRefusal.ORGANIZATION_DISABLED), refusal(false, true, true, true, AdministratorStatus.ACTIVE, true));
        assertEquals(Optional.of(AccessRefusal.NO_RECORD), refusal(true, false, true, false, null, true));
        assertEquals(Optional.of(AccessRefusal.USER_DISABLED), refusal(true, true, false, true, AdministratorStatus.ACTIVE, true));
        assertEquals(Optional.of(AccessRefusal.NOT_A_MEMBER), refusal(true, true, true, false, AdministratorStatus.ACTIVE, true));
        assertEquals(Optional.of(AccessRefusal.INACTIVE), refusal(true, true, true, true, AdministratorStatus.INACTIVE, true));
        assertEquals(Optional.of(AccessRefusal.EMAIL_NOT_CONFIRMED), refusal(true, true, true, true, AdministratorStatus.ACTIVE, false));
    }

    @Test
    @DisplayName("R-API-1, R-API-2: an integration's service account answers to the same rule with its integration row; it has no email to confirm, and a deactivated one is refused as such")
    void integrationAnswersToTheSameRule() {
        assertEquals(Optional.empty(), AccessRule.refusal(new AccessRule.Facts(true, true, true, true, AdministratorStatus.ACTIVE, false, true)));
        Optional<AccessRefusal> inactive = AccessRule.refusal(new AccessRule.Facts(true, true, true, true, AdministratorStatus.INACTIVE, false, true));
        assertEquals(Optional.of(AccessRefusal.INTEGRATION_INACTIVE), inactive);
        assertEquals("integration_inactive", inactive.orElseThrow().error());
        assertEquals(Optional.of(AccessRefusal.NO_RECORD), AccessRule.refusal(new AccessRule.Facts(true, false, true, true, null, false, false)));
        assertEquals(Optional.of(AccessRefusal.NOT_A_MEMBER), AccessRule.refusal(new AccessRule.Facts(true, true, true, false, AdministratorStatus.ACTIVE, false, true)));
        assertEquals(Optional.of(AccessRefusal.ORGANIZATION_DISABLED), AccessRule.refusal(new AccessRule.Facts(false, true, true, true, AdministratorStatus.ACTIVE, false, true)));
    }

    @Test
    @DisplayName("R-AUTHZ-5: a removed member is refused whatever their record says, with a code of their own")
    void removedMember() {
        Optional<AccessRefusal> refusal = refusal(true, true, true, false, AdministratorStatus.ACTIVE, true);
        assertEquals("not_a_member", refusal.orElseThrow().error());
    }

    @Test
    @DisplayName("R-AUTHZ-1: an unknown or disabled organization answers like one the caller has no record in")
    void organizationsRevealNothing() {
        assertEquals(AccessRefusal.NO_RECORD.error(), AccessRefusal.ORGANIZATION_DISABLED.error());
    }

    @Test
    @DisplayName("R-AUTHZ-6: a shared account acts only while an acting person is named (pin_required); others need nothing more")
    void sharedAccountNeedsActingPerson() {
        assertEquals(Optional.of(AccessRefusal.PIN_REQUIRED), AccessRule.actingRefusal(PinMode.SHARED, false));
        assertEquals("pin_required", AccessRefusal.PIN_REQUIRED.error());
        assertEquals(Optional.empty(), AccessRule.actingRefusal(PinMode.SHARED, true));
        assertEquals(Optional.empty(), AccessRule.actingRefusal(PinMode.NONE, false));
        assertEquals(Optional.empty(), AccessRule.actingRefusal(PinMode.PIN, false));
    }
}

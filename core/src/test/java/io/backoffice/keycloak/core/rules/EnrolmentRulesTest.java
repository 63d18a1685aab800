package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.rules.EnrolmentRules.Path;

class EnrolmentRulesTest {

    @Test
    @DisplayName("R-ADMIN-1, R-ADMIN-8: an email nobody has makes a new person with the onboarding mail")
    void newPerson() {
        assertEquals(Path.CREATE_PERSON, EnrolmentRules.decide(false, false, false, false));
    }

    @Test
    @DisplayName("R-ADMIN-1: a person is matched by email only; an address that is only someone else's username brings nobody in")
    void neverByUsername() {
        assertEquals(Path.NOTHING, EnrolmentRules.decide(false, true, false, false));
    }

    @Test
    @DisplayName("R-ADMIN-1: an existing person, verified or not, is invited, never annexed")
    void existingPersonIsInvited() {
        assertEquals(Path.INVITE, EnrolmentRules.decide(true, false, false, true));
        assertEquals(Path.INVITE, EnrolmentRules.decide(true, false, false, false));
    }

    @Test
    @DisplayName("R-ADMIN-2: creating an unconfirmed administrator again resends the link; a confirmed one is refused")
    void again() {
        assertEquals(Path.RESEND_ONBOARDING, EnrolmentRules.decide(true, false, true, false));
        assertEquals(Path.ALREADY_ADMINISTRATOR, EnrolmentRules.decide(true, false, true, true));
    }
}

package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.ProblemException;

class SupportRulesTest {

    @Test
    @DisplayName("R-ADMIN-10: a seat is free while the other active administrators are fewer than the seats; the refusal says how many are used")
    void freeSeat() {
        assertDoesNotThrow(() -> SupportRules.requireFreeSeat(4, 5));
        ProblemException full = assertThrows(ProblemException.class, () -> SupportRules.requireFreeSeat(5, 5));
        assertEquals("no_free_seat", full.code());
        assertTrue(full.getMessage().contains("All 5 administrator seats") && full.getMessage().contains("5 active"), full.getMessage());
    }

    @Test
    @DisplayName("R-ADMIN-10: a limit is 1 or more, and never below the active administrators")
    void seatLimit() {
        assertEquals(3, SupportRules.requireSeats(3, 3));
        assertEquals("seats_below_active", assertThrows(ProblemException.class, () -> SupportRules.requireSeats(2, 3)).code());
        assertEquals("invalid_administratorSeats", assertThrows(ProblemException.class, () -> SupportRules.requireSeats(0, 0)).code());
        assertEquals("invalid_administratorSeats",
                assertThrows(ProblemException.class, () -> SupportRules.requireSeats(SupportRules.MAX_SEATS + 1, 0)).code());
    }

    @Test
    @DisplayName("R-PIN-7: SHARED needs shared accounts unlocked; locking needs no shared account left")
    void sharedAccounts() {
        assertDoesNotThrow(() -> SupportRules.requireSharedAccountsUnlocked(true));
        assertEquals("shared_accounts_locked", assertThrows(ProblemException.class, () -> SupportRules.requireSharedAccountsUnlocked(false)).code());
        assertDoesNotThrow(() -> SupportRules.requireNoSharedAccounts(0));
        assertEquals("shared_accounts_in_use", assertThrows(ProblemException.class, () -> SupportRules.requireNoSharedAccounts(2)).code());
    }
}

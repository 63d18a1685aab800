package io.backoffice.keycloak.core.rules;

import io.backoffice.keycloak.core.model.ProblemException;

/** What an identity admin grants an organization: shared accounts (R-PIN-7) and administrator seats (R-ADMIN-10). */
public final class SupportRules {

    /** A seat count an identity admin may set; more would be no limit worth the name. */
    public static final int MAX_SEATS = 1_000_000;

    private SupportRules() {
    }

    /** R-ADMIN-10: {@code othersActive} counts the active administrators besides the one taking a seat. */
    public static void requireFreeSeat(long othersActive, int seats) {
        if (othersActive + 1 > seats) {
            throw ProblemException.conflict("no_free_seat", "All " + seats + " administrator seats of the organization are used ("
                    + othersActive + " active administrators); deactivate an administrator or ask your identity admin for more seats.");
        }
    }

    /** R-ADMIN-10: a limit below the active administrators would leave some without a seat. */
    public static int requireSeats(int seats, long active) {
        if (seats < 1 || seats > MAX_SEATS) {
            throw ProblemException.badRequest("invalid_administratorSeats",
                    "'administratorSeats' must be from 1 to " + MAX_SEATS + ", or null for no limit.");
        }
        if (active > seats) {
            throw ProblemException.conflict("seats_below_active", "The organization has " + active
                    + " active administrators, more than " + seats + " seats; deactivate administrators first.");
        }
        return seats;
    }

    /** R-PIN-7. */
    public static void requireSharedAccountsUnlocked(boolean unlocked) {
        if (!unlocked) {
            throw ProblemException.conflict("shared_accounts_locked", "Shared accounts are not unlocked for this organization; "
                    + "an identity admin must unlock them before an administrator can be set to SHARED.");
        }
    }

    /** R-PIN-7: locking again would leave shared accounts the organization may not have. */
    public static void requireNoSharedAccounts(long sharedAccounts) {
        if (sharedAccounts > 0) {
            throw ProblemException.conflict("shared_accounts_in_use", "The organization has " + sharedAccounts
                    + (sharedAccounts == 1 ? " shared account" : " shared accounts")
                    + "; change their PIN settings before locking shared accounts.");
        }
    }
}

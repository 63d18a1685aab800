package io.backoffice.keycloak.core.rules;

/**
 * R-ADMIN-1, R-ADMIN-2, R-ADMIN-8: what bringing an email into an organization does, from facts about the
 * realm's users. A person is matched by email only; whatever happens, the organization's answer is the same.
 */
public final class EnrolmentRules {

    public enum Path {
        /** Nobody has the email: a new user, their record, and the onboarding mail. */
        CREATE_PERSON,
        /** Someone has it and is not an administrator here: an invitation they accept or not. */
        INVITE,
        /** An administrator here who never confirmed their email: a fresh onboarding link (the resend). */
        RESEND_ONBOARDING,
        /** A confirmed administrator here: refused (the organization already sees them in its list). */
        ALREADY_ADMINISTRATOR,
        /**
         * Nobody has the email, but it is another user's username: nobody is matched by username and no
         * account can be made for the address, so nothing happens (and the answer does not say so).
         */
        NOTHING
    }

    private EnrolmentRules() {
    }

    public static Path decide(boolean emailHasUser, boolean emailIsAnotherUsername, boolean recordHere, boolean emailVerified) {
        if (!emailHasUser) {
            return emailIsAnotherUsername ? Path.NOTHING : Path.CREATE_PERSON;
        }
        if (!recordHere) {
            return Path.INVITE;
        }
        return emailVerified ? Path.ALREADY_ADMINISTRATOR : Path.RESEND_ONBOARDING;
    }
}

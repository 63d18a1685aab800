package io.backoffice.keycloak.core.model;

/**
 * User-session notes written by the PIN step and read by the token mapper (R-STEP-2, R-CLAIM-3,
 * R-STEP-6a): who is acting on a shared account, and when they last typed their PIN.
 */
public final class ActingPersonNotes {

    public static final String USER_ID = "backoffice.act.sub";
    public static final String USERNAME = "backoffice.act.preferred_username";
    public static final String EMAIL = "backoffice.act.email";
    public static final String NAME = "backoffice.act.name";
    /** Epoch seconds of the last correct PIN entry. */
    public static final String ENTERED_AT = "backoffice.act.entered_at";
    /** The organization whose PIN holder is acting. */
    public static final String ORGANIZATION_ID = "backoffice.act.organization";

    private ActingPersonNotes() {
    }
}

package io.backoffice.keycloak.core.model;

/** R-PIN-1: how an administrator relates to PINs. */
public enum PinMode {
    /** Logs in with their own password only. */
    NONE,
    /** A front-desk login shared by staff; the PIN step names who is acting. */
    SHARED,
    /** A staff member who holds a PIN and acts on shared accounts. */
    PIN
}

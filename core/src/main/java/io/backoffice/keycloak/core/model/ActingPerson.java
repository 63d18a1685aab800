package io.backoffice.keycloak.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who is acting on a shared account, as the PIN step left it in the user session's notes
 * ({@link ActingPersonNotes}), and the rule of when that stops being true (R-CLAIM-3, R-STEP-6a).
 */
public record ActingPerson(String userId, String username, String email, String name, String organizationId, long enteredAt) {

    /** A PIN entry stamped this far in the future (clock skew between nodes) still counts; further is refused. */
    static final long MAX_CLOCK_SKEW_SECONDS = 60;

    /** The acting person the notes name, if they name one completely. */
    public static Optional<ActingPerson> fromNotes(Function<String, String> note) {
        String userId = note.apply(ActingPersonNotes.USER_ID);
        String organizationId = note.apply(ActingPersonNotes.ORGANIZATION_ID);
        String enteredAt = note.apply(ActingPersonNotes.ENTERED_AT);
        if (isBlank(userId) || isBlank(organizationId) || isBlank(enteredAt)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ActingPerson(userId, note.apply(ActingPersonNotes.USERNAME),
                    note.apply(ActingPersonNotes.EMAIL), note.apply(ActingPersonNotes.NAME), organizationId,
                    Long.parseLong(enteredAt.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** R-STEP-6a: the PIN was typed less than {@code idleSeconds} ago. */
    public boolean isCurrent(long nowSeconds, long idleSeconds) {
        long age = nowSeconds - enteredAt;
        return age >= -MAX_CLOCK_SKEW_SECONDS && age < idleSeconds;
    }

    /** Inside {@code act}: when the acting person typed their PIN, as OIDC's {@code auth_time} says it of the subject. */
    public static final String PIN_TIME_CLAIM = "auth_time";

    /**
     * RFC 8693 {@code act}: the actor's subject, with the profile claims a relying app shows, and the epoch seconds
     * of the PIN entry (a refresh keeps {@code acr}, so only this says how fresh the PIN is).
     */
    public Map<String, Object> toClaim() {
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", userId);
        putIfPresent(act, "preferred_username", username);
        putIfPresent(act, "email", email);
        putIfPresent(act, "name", name);
        act.put(PIN_TIME_CLAIM, enteredAt);
        return act;
    }

    private static void putIfPresent(Map<String, Object> claim, String name, String value) {
        if (!isBlank(value)) {
            claim.put(name, value);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

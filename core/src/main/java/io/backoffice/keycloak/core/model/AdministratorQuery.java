package io.backoffice.keycloak.core.model;

import java.util.Locale;

import io.backoffice.keycloak.core.rules.InputRules;

/**
 * A page of the administrators list, checked: where it starts (the {@code after} cursor of the previous page's
 * {@code next} link, or an offset), bounded size, text search, status and group filters.
 */
public record AdministratorQuery(String search, AdministratorStatus status, String group, int first, int max, PageCursor after) {

    public static final int DEFAULT_MAX = 50;
    public static final int MAX_MAX = 200;

    /** From query parameters as typed (any may be absent); wrong values are a 400. */
    public static AdministratorQuery parse(String search, String status, String group, String first, String max, String after) {
        PageCursor cursor = PageCursor.parse(after);
        int offset = number("first", first, 0, 0, Integer.MAX_VALUE);
        if (cursor != null && offset != 0) {
            throw ProblemException.badRequest("invalid_first", "'first' and 'after' cannot be combined: 'after' already says where the page starts.");
        }
        return new AdministratorQuery(
                blankToNull(InputRules.optionalText("search", search, InputRules.MAX_NAME)),
                status == null || status.isBlank() ? null : status(status),
                blankToNull(InputRules.optionalText("group", group, InputRules.MAX_NAME)),
                offset,
                number("max", max, DEFAULT_MAX, 1, MAX_MAX),
                cursor);
    }

    private static AdministratorStatus status(String value) {
        try {
            return AdministratorStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_status", "'status' must be ACTIVE or INACTIVE.");
        }
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest("invalid_" + name, "'" + name + "' must be a whole number from " + min + " to " + max + ".");
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}

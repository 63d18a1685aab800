package io.backoffice.keycloak.core.rules;

import java.util.regex.Pattern;

import io.backoffice.keycloak.core.model.ProblemException;

/** Shape checks for what people type: bounded, no markup, no control characters. */
public final class InputRules {

    public static final int MAX_NAME = 255;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"'(),;:\\\\\\[\\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");
    /**
     * Markup, control characters, invisible and direction-changing characters (zero-width, bidi embeddings,
     * overrides and isolates, which can make a name display as something else), and lone UTF-16 surrogates
     * (not text at all; databases and JSON writers mangle or refuse them).
     */
    private static final Pattern FORBIDDEN = Pattern.compile("[<>\\p{Cntrl}\\p{Cs}\\u061C\\u2028\\u2029\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069\\uFEFF]");

    private InputRules() {
    }

    /** A required, normalised (trimmed, lower-case) email address. */
    public static String requireEmail(String field, String value) {
        String email = requireText(field, value, 254);
        if (!EMAIL.matcher(email).matches()) {
            throw ProblemException.badRequest("invalid_" + field, "'" + field + "' must be an email address.");
        }
        return email.toLowerCase(java.util.Locale.ROOT);
    }

    /** A required, trimmed text of at most {@code max} characters, free of markup and control characters. */
    public static String requireText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("missing_" + field, "'" + field + "' is required.");
        }
        return optionalText(field, value, max);
    }

    /** Like {@link #requireText} but may be absent (null). */
    public static String optionalText(String field, String value, int max) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > max) {
            throw ProblemException.badRequest("invalid_" + field, "'" + field + "' must be at most " + max + " characters.");
        }
        if (FORBIDDEN.matcher(trimmed).find()) {
            throw ProblemException.badRequest("invalid_" + field,
                    "'" + field + "' must not contain markup (< >) or control characters.");
        }
        return trimmed;
    }
}

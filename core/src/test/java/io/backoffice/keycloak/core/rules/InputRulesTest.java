package io.backoffice.keycloak.core.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.backoffice.keycloak.core.model.ProblemException;

class InputRulesTest {

    @Test
    @DisplayName("Emails are trimmed and lower-cased")
    void emailsAreNormalised() {
        assertEquals("ann@example.com", InputRules.requireEmail("email", "  Ann@Example.COM "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ann", "ann@", "@example.com", "ann@example", "a b@example.com", "<a>@example.com", "ann@exa_mple.com"})
    @DisplayName("Bad input: malformed emails are refused with 400")
    void malformedEmails(String email) {
        assertEquals(400, assertThrows(ProblemException.class, () -> InputRules.requireEmail("email", email)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<b>Ann</b>", "Ann\u0000", "Ann\nLee", "Ann\u202Eeel", "\u200BAnn"})
    @DisplayName("Bad input: markup and control characters are refused")
    void markupAndControlCharacters(String name) {
        assertEquals("invalid_firstName", assertThrows(ProblemException.class,
                () -> InputRules.requireText("firstName", name, 255)).code());
    }

    @Test
    @DisplayName("Bad input: overlong and missing texts are refused; optional ones may be absent")
    void lengths() {
        assertEquals("invalid_lastName", assertThrows(ProblemException.class,
                () -> InputRules.requireText("lastName", "x".repeat(256), 255)).code());
        assertEquals("x".repeat(255), InputRules.requireText("lastName", "x".repeat(255), 255));
        assertEquals("missing_lastName", assertThrows(ProblemException.class,
                () -> InputRules.requireText("lastName", null, 255)).code());
        assertNull(InputRules.optionalText("description", null, 10));
        assertEquals("Zoë Ñandú 日本", InputRules.requireText("name", " Zoë Ñandú 日本 ", 255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ann\uD800", "\uDC00Ann", "An\uDBFFn", "\u2067Ann\u2069", "Ann\u061C", "Ann\u2066"})
    @DisplayName("Bad input: lone surrogates and bidi isolates are refused")
    void loneSurrogatesAndIsolates(String name) {
        assertEquals("invalid_firstName", assertThrows(ProblemException.class,
                () -> InputRules.requireText("firstName", name, 255)).code());
    }

    @Test
    @DisplayName("Bad input: characters outside the BMP (paired surrogates) are text, not refused")
    void supplementaryCharacters() {
        assertEquals("Ann \uD83D\uDE00 \uD842\uDFB7", InputRules.requireText("firstName", "Ann \uD83D\uDE00 \uD842\uDFB7", 255));
    }
}

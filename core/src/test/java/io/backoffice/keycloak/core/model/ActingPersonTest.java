package io.backoffice.keycloak.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ActingPersonTest {

    private static Map<String, String> notes(String enteredAt) {
        Map<String, String> notes = new HashMap<>();
        notes.put(ActingPersonNotes.USER_ID, "u-1");
        notes.put(ActingPersonNotes.USERNAME, "alice@example.com");
        notes.put(ActingPersonNotes.EMAIL, "alice@example.com");
        notes.put(ActingPersonNotes.NAME, "Alice Archer");
        notes.put(ActingPersonNotes.ORGANIZATION_ID, "org-1");
        notes.put(ActingPersonNotes.ENTERED_AT, enteredAt);
        return notes;
    }

    @Test
    @DisplayName("R-CLAIM-3: the act claim names the acting person with sub, preferred_username, email, name and when the PIN was typed")
    void actClaimFromNotes() {
        ActingPerson acting = ActingPerson.fromNotes(notes("1000")::get).orElseThrow();
        assertEquals(Map.of("sub", "u-1", "preferred_username", "alice@example.com", "email", "alice@example.com",
                "name", "Alice Archer", "auth_time", 1000L), acting.toClaim());
        assertEquals("org-1", acting.organizationId());
        assertEquals(1000, acting.enteredAt());
    }

    @Test
    @DisplayName("R-CLAIM-3: incomplete or malformed notes name nobody")
    void incompleteNotes() {
        for (String required : new String[] {ActingPersonNotes.USER_ID, ActingPersonNotes.ORGANIZATION_ID, ActingPersonNotes.ENTERED_AT}) {
            Map<String, String> notes = notes("1000");
            notes.remove(required);
            assertTrue(ActingPerson.fromNotes(notes::get).isEmpty(), required);
        }
        assertTrue(ActingPerson.fromNotes(notes("yesterday")::get).isEmpty());
        Map<String, String> noName = notes("1000");
        noName.remove(ActingPersonNotes.NAME);
        assertFalse(ActingPerson.fromNotes(noName::get).orElseThrow().toClaim().containsKey("name"));
    }

    @Test
    @DisplayName("R-STEP-6a: the acting person lapses once the idle time since the last PIN entry has passed")
    void lapse() {
        ActingPerson acting = ActingPerson.fromNotes(notes("10000")::get).orElseThrow();
        long idle = 15 * 60;
        assertTrue(acting.isCurrent(10000, idle));
        assertTrue(acting.isCurrent(10000 + idle - 1, idle));
        assertFalse(acting.isCurrent(10000 + idle, idle));
        assertFalse(acting.isCurrent(10000 + idle + 3600, idle));
        // A PIN entry stamped in the future: tolerated within the clock skew, refused beyond it.
        assertTrue(acting.isCurrent(10000 - ActingPerson.MAX_CLOCK_SKEW_SECONDS, idle));
        assertFalse(acting.isCurrent(10000 - ActingPerson.MAX_CLOCK_SKEW_SECONDS - 1, idle));
    }
}

package io.backoffice.keycloak.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttemptCounterTest {

    @Test
    @DisplayName("R-STEP-4, R-POS-2: wrong PINs are counted in one note, for the PIN page and the grant alike; zero removes it, an unreadable note counts as none")
    void countsInOneNote() {
        Map<String, String> notes = new HashMap<>();
        StaffPinCheck.AttemptCounter counter = StaffPinCheck.AttemptCounter.inNote("failures", notes::get, notes::put, notes::remove);
        assertEquals(0, counter.current());
        counter.set(2);
        assertEquals("2", notes.get("failures"));
        assertEquals(2, counter.current());
        counter.set(0);
        assertFalse(notes.containsKey("failures"));
        notes.put("failures", "two");
        assertEquals(0, counter.current());
    }
}

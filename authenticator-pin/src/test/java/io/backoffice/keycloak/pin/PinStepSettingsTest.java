package io.backoffice.keycloak.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PinStepSettingsTest {

    @Test
    @DisplayName("R-STEP-6: the step's settings come from the authenticator config")
    void readsConfiguredValues() {
        PinStepSettings settings = PinStepSettings.from(Map.of(
                PinStepSettings.ATTEMPTS_PER_LOGIN, "3", PinStepSettings.FAILURES_PER_WINDOW, "7",
                PinStepSettings.WINDOW_SECONDS, "60", PinStepSettings.LOCK_SECONDS, " 5 "));
        assertEquals(new PinStepSettings(3, 7, Duration.ofSeconds(60), Duration.ofSeconds(5)), settings);
    }

    @Test
    @DisplayName("R-STEP-4, R-STEP-6: missing, zero, negative or unreadable values keep the defaults (5, 20 in 15 min, 15 min)")
    void unusableValuesKeepTheDefaults() {
        assertEquals(PinStepSettings.DEFAULTS, PinStepSettings.from(null));
        assertEquals(PinStepSettings.DEFAULTS, PinStepSettings.from(Map.of(
                PinStepSettings.ATTEMPTS_PER_LOGIN, "0", PinStepSettings.FAILURES_PER_WINDOW, "-2",
                PinStepSettings.WINDOW_SECONDS, "soon", PinStepSettings.LOCK_SECONDS, "")));
        assertEquals(new PinStepSettings(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(15)), PinStepSettings.DEFAULTS);
    }
}

package io.backoffice.keycloak.pin;

import java.time.Duration;
import java.util.Map;

/**
 * The Staff PIN step's settings (R-STEP-4, R-STEP-6), read from the authenticator's configuration in
 * the console. A missing or unreadable value falls back to its default, so a half-filled form never
 * turns the limits off.
 */
public record PinStepSettings(int attemptsPerLogin, int failuresPerWindow, Duration window, Duration lockTime) {

    public static final String ATTEMPTS_PER_LOGIN = "attemptsPerLogin";
    public static final String FAILURES_PER_WINDOW = "failuresPerWindow";
    public static final String WINDOW_SECONDS = "windowSeconds";
    public static final String LOCK_SECONDS = "lockSeconds";

    public static final int DEFAULT_ATTEMPTS_PER_LOGIN = 5;
    public static final int DEFAULT_FAILURES_PER_WINDOW = 20;
    public static final int DEFAULT_WINDOW_SECONDS = 15 * 60;
    public static final int DEFAULT_LOCK_SECONDS = 15 * 60;

    public static final PinStepSettings DEFAULTS = new PinStepSettings(DEFAULT_ATTEMPTS_PER_LOGIN,
            DEFAULT_FAILURES_PER_WINDOW, Duration.ofSeconds(DEFAULT_WINDOW_SECONDS), Duration.ofSeconds(DEFAULT_LOCK_SECONDS));

    public static PinStepSettings from(Map<String, String> config) {
        if (config == null) {
            return DEFAULTS;
        }
        return new PinStepSettings(
                positive(config.get(ATTEMPTS_PER_LOGIN), DEFAULT_ATTEMPTS_PER_LOGIN),
                positive(config.get(FAILURES_PER_WINDOW), DEFAULT_FAILURES_PER_WINDOW),
                Duration.ofSeconds(positive(config.get(WINDOW_SECONDS), DEFAULT_WINDOW_SECONDS)),
                Duration.ofSeconds(positive(config.get(LOCK_SECONDS), DEFAULT_LOCK_SECONDS)));
    }

    private static int positive(String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed > 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

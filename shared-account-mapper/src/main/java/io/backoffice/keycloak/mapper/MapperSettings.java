package io.backoffice.keycloak.mapper;

import java.util.List;
import java.util.Map;

import io.backoffice.keycloak.core.model.ActingPersonLapse;

/**
 * The options an identity admin sets on the mapper in the console, read with their defaults, and the
 * rule of R-CLAIM-2 for users who administer several organizations.
 */
public record MapperSettings(SeveralOrganizations severalOrganizations, int maxOrganizations, int actingPersonIdleMinutes) {

    public static final String SEVERAL_ORGANIZATIONS = "severalOrganizations";
    public static final String MAX_ORGANIZATIONS = "maxOrganizations";
    public static final String ACTING_PERSON_IDLE_MINUTES = ActingPersonLapse.IDLE_MINUTES;

    public static final int DEFAULT_MAX_ORGANIZATIONS = 5;
    public static final int DEFAULT_ACTING_PERSON_IDLE_MINUTES = ActingPersonLapse.DEFAULT_IDLE_MINUTES;
    /** Above this, one claim would make tokens too large for HTTP headers whatever the settings. */
    public static final int MAX_ORGANIZATIONS_LIMIT = 50;
    public static final int MAX_IDLE_MINUTES_LIMIT = ActingPersonLapse.MAX_IDLE_MINUTES;

    /** What a user who administers several organizations gets when the client asked for none. */
    public enum SeveralOrganizations {
        /** A map by organization alias, at most {@link #maxOrganizations} entries, else nothing. */
        map,
        /** Nothing: the client must ask for one organization with the {@code organization} scope. */
        none
    }

    public static MapperSettings of(Map<String, String> config) {
        return new MapperSettings(
                several(config.getOrDefault(SEVERAL_ORGANIZATIONS, SeveralOrganizations.map.name())),
                integer(config, MAX_ORGANIZATIONS, DEFAULT_MAX_ORGANIZATIONS, 1, MAX_ORGANIZATIONS_LIMIT),
                integer(config, ACTING_PERSON_IDLE_MINUTES, DEFAULT_ACTING_PERSON_IDLE_MINUTES, 1, MAX_IDLE_MINUTES_LIMIT));
    }

    public long actingPersonIdleSeconds() {
        return actingPersonIdleMinutes * 60L;
    }

    /**
     * R-CLAIM-2: how many of a user's organizations {@link #bounded} needs to see to decide: one past what
     * it would emit. Reading further would only compute standings it then drops.
     */
    public int enough() {
        return (severalOrganizations == SeveralOrganizations.none ? 1 : maxOrganizations) + 1;
    }

    /**
     * R-CLAIM-2: one organization is always emitted; several only as a map, only when configured, and
     * only up to the limit. Past the limit nothing is emitted rather than an arbitrary part, so a relying
     * app never takes a partial list for the whole.
     */
    public <T> List<T> bounded(List<T> organizations) {
        if (organizations.size() <= 1) {
            return organizations;
        }
        if (severalOrganizations == SeveralOrganizations.none || organizations.size() > maxOrganizations) {
            return List.of();
        }
        return organizations;
    }

    private static SeveralOrganizations several(String value) {
        try {
            return SeveralOrganizations.valueOf(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SEVERAL_ORGANIZATIONS + " must be map or none, not " + value + ".");
        }
    }

    private static int integer(Map<String, String> config, String name, int defaultValue, int min, int max) {
        String value = config.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + value + ".");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ".");
        }
        return parsed;
    }
}

package io.backoffice.keycloak.core.model;

import java.util.Optional;
import java.util.stream.Stream;

import org.keycloak.models.ClientModel;
import org.keycloak.models.ProtocolMapperModel;

/**
 * R-STEP-6a: how long after the last PIN entry the acting person still counts. It is a setting of the
 * token mapper ("Acting person idle minutes"); the organization API reads the same setting from the
 * mapper that issues the calling client's tokens, so a token and the API never disagree.
 */
public final class ActingPersonLapse {

    /** The token mapper's provider id and its idle setting (validated when the mapper is saved). */
    public static final String MAPPER_PROVIDER_ID = "backoffice-administrator-mapper";
    public static final String IDLE_MINUTES = "actingPersonIdleMinutes";
    public static final int DEFAULT_IDLE_MINUTES = 15;
    public static final int MAX_IDLE_MINUTES = 24 * 60;

    private ActingPersonLapse() {
    }

    /** The idle time of the client's own mapper, else of one in its default client scopes, else the default. */
    public static long idleSeconds(ClientModel client) {
        if (client == null) {
            return DEFAULT_IDLE_MINUTES * 60L;
        }
        Stream<ProtocolMapperModel> mappers = Stream.concat(client.getProtocolMappersStream(),
                client.getClientScopes(true).values().stream().flatMap(scope -> scope.getProtocolMappersStream()));
        return mappers.filter(mapper -> MAPPER_PROVIDER_ID.equals(mapper.getProtocolMapper()))
                .findFirst()
                .flatMap(mapper -> minutes(mapper.getConfig() == null ? null : mapper.getConfig().get(IDLE_MINUTES)))
                .orElse(DEFAULT_IDLE_MINUTES) * 60L;
    }

    private static Optional<Integer> minutes(String value) {
        try {
            int minutes = Integer.parseInt(value == null ? "" : value.trim());
            return minutes >= 1 && minutes <= MAX_IDLE_MINUTES ? Optional.of(minutes) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}

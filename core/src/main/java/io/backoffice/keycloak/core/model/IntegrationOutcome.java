package io.backoffice.keycloak.core.model;

import java.util.Optional;

/** An integration after a change, with its new client secret when this change issued one (R-API-2: shown once). */
public record IntegrationOutcome(IntegrationView integration, Optional<String> secret) {
}

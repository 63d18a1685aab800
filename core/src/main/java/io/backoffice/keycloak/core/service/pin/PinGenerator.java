package io.backoffice.keycloak.core.service.pin;

import java.security.SecureRandom;
import io.backoffice.keycloak.core.rules.PinPolicy;

/** R-PIN-2: PINs come from a cryptographically secure source, digits only; nobody picks them. */
public final class PinGenerator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PinGenerator() {
    }

    public static String generate(int length) {
        PinPolicy.requireLength(length);
        StringBuilder pin = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            pin.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return pin.toString();
    }
}

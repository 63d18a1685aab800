package io.backoffice.keycloak.core.rules;

import java.math.BigInteger;

import io.backoffice.keycloak.core.model.ProblemException;

/** R-PIN-2, R-PIN-5: how long PINs are and how many holders an organization may have. */
public final class PinPolicy {

    public static final int DEFAULT_LENGTH = 6;
    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 12;

    private PinPolicy() {
    }

    public static int requireLength(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw ProblemException.badRequest("invalid_pinLength",
                    "'pinLength' must be from " + MIN_LENGTH + " to " + MAX_LENGTH + ".");
        }
        return length;
    }

    /** 1% of the PIN space: one random guess matches a holder with at most 1% probability. */
    public static long maxHolders(int length) {
        return BigInteger.TEN.pow(length).divide(BigInteger.valueOf(100)).longValueExact();
    }

    /** R-PIN-5: refuse a new holder beyond the bound; {@code holders} counts the others only. */
    public static void requireRoomForAnotherHolder(long holders, int length) {
        if (holders + 1 > maxHolders(length)) {
            throw ProblemException.conflict("pin_space_exhausted",
                    "The organization has " + holders + " PIN holders, the most that " + length
                            + "-digit PINs allow safely; lengthen the organization's PINs to issue more.");
        }
    }
}

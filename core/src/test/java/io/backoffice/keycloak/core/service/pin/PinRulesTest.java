package io.backoffice.keycloak.core.service.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.backoffice.keycloak.core.model.ProblemException;
import io.backoffice.keycloak.core.rules.PinPolicy;

class PinRulesTest {

    @Test
    @DisplayName("R-PIN-2: generated PINs are digits of the organization's length, 4 to 12")
    void generatedPinsAreDigitsOfTheLength() {
        for (int length = PinPolicy.MIN_LENGTH; length <= PinPolicy.MAX_LENGTH; length++) {
            String pin = PinGenerator.generate(length);
            assertEquals(length, pin.length());
            assertTrue(pin.chars().allMatch(Character::isDigit), pin);
        }
        assertEquals(400, assertThrows(ProblemException.class, () -> PinGenerator.generate(3)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> PinGenerator.generate(13)).status());
    }

    @Test
    @DisplayName("R-PIN-2: PINs are not predictable (1,000 six-digit PINs are nearly all different)")
    void generatedPinsSpreadOverTheSpace() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(PinGenerator.generate(6));
        }
        // Birthday bound: about 0.5 expected collisions among 1,000 draws from 10^6.
        assertTrue(seen.size() >= 990, "distinct: " + seen.size());
    }

    @Test
    @DisplayName("R-PIN-5: holders are capped at 1% of the PIN space, and the error says to lengthen PINs")
    void holdersCappedAtOnePercent() {
        assertEquals(10_000, PinPolicy.maxHolders(6));
        assertEquals(100, PinPolicy.maxHolders(4));
        assertEquals(10_000_000_000L, PinPolicy.maxHolders(12));
        PinPolicy.requireRoomForAnotherHolder(9_999, 6);
        ProblemException full = assertThrows(ProblemException.class, () -> PinPolicy.requireRoomForAnotherHolder(10_000, 6));
        assertEquals(409, full.status());
        assertTrue(full.getMessage().contains("lengthen"), full.getMessage());
    }

    @Test
    @DisplayName("R-PIN-4: the digest is keyed and scoped to the organization; it never contains the PIN")
    void digestIsKeyedAndScoped() throws Exception {
        byte[] key = new byte[32];
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        PinDigest digest = new PinDigest(key);
        String d = digest.digest("org-1", "123456");
        assertEquals(64, d.length());
        assertEquals(d, digest.digest("org-1", "123456"));
        assertEquals(hmac(key, "org-1", "123456"), d, "the Mac keyed once and copied gives the digests stored so far");
        assertNotEquals(d, digest.digest("org-2", "123456"));
        assertNotEquals(d, new PinDigest(otherKey).digest("org-1", "123456"));
        assertTrue(!d.contains("123456"));
        assertThrows(IllegalArgumentException.class, () -> new PinDigest(new byte[8]));
    }

    /** HMAC-SHA-256 over organization id, a zero byte and the PIN, computed from scratch. */
    private static String hmac(byte[] key, String organizationId, String pin) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        mac.update((organizationId + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(mac.doFinal(pin.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}

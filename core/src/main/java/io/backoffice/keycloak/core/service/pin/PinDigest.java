package io.backoffice.keycloak.core.service.pin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * R-PIN-4, R-PIN-6: a PIN is kept only as HMAC-SHA-256 under a secret key, scoped to its organization,
 * so the PIN step is one indexed lookup and the same PIN in two organizations gives unrelated digests.
 */
public final class PinDigest {

    /** Keyed once; each digest works on a copy (a Mac is stateful and not thread-safe). */
    private final Mac keyed;

    public PinDigest(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("The PIN digest key needs at least 32 bytes.");
        }
        try {
            keyed = Mac.getInstance("HmacSHA256");
            keyed.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String digest(String organizationId, String pin) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("This JDK's HmacSHA256 cannot be copied", e);
        }
        mac.update(organizationId.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return HexFormat.of().formatHex(mac.doFinal(pin.getBytes(StandardCharsets.UTF_8)));
    }
}

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

    private final byte[] key;

    public PinDigest(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("The PIN digest key needs at least 32 bytes.");
        }
        this.key = key.clone();
    }

    public String digest(String organizationId, String pin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(organizationId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(pin.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}

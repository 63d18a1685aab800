package io.backoffice.keycloak.core.model;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * R-ADMIN-2 keyset paging: where the next page of an administrators list starts, after the record that ended
 * this one (lists are in creation order, then user id). Opaque to clients (base64url); the database seeks to it
 * through the (organization, creation time) index, so a deep page costs what the first does, where an offset
 * walks every skipped row.
 */
public record PageCursor(long createdAt, String userId) {

    private static final int MAX_LENGTH = 200;

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + ":" + userId).getBytes(StandardCharsets.UTF_8));
    }

    /** As a client sent it back; absent or blank is none; anything not made by {@link #encode} is a 400. */
    public static PageCursor parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String decoded = new String(Base64.getUrlDecoder().decode(value.strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String userId = decoded.substring(colon + 1);
            if (colon < 1 || userId.isEmpty() || !userId.matches("[A-Za-z0-9:_-]{1,255}")) {
                throw new IllegalArgumentException("malformed");
            }
            return new PageCursor(Long.parseLong(decoded.substring(0, colon)), userId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid_after", "'after' must be the cursor of a page's 'next' link, as given.");
        }
    }
}

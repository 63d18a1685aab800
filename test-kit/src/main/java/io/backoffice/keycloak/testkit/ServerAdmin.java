package io.backoffice.keycloak.testkit;

import java.time.Duration;
import java.util.Map;

/** The master realm's administrator of one server: its token, and Keycloak's admin REST API under {@code /admin/realms}. */
public final class ServerAdmin {

    private final Http http;
    private final String base;
    private final String username;
    private final String password;
    private String token;
    private long tokenAt;

    public ServerAdmin(Http http, String base, String username, String password) {
        this.http = http;
        this.base = base;
        this.username = username;
        this.password = password;
    }

    public String base() {
        return base;
    }

    /** A master-realm admin token, renewed well before it expires. */
    public synchronized String token() {
        if (token == null || System.currentTimeMillis() - tokenAt > 30_000) {
            Http.Reply reply = http.form(base + "/realms/master/protocol/openid-connect/token", Map.of(
                    "grant_type", "password", "client_id", "admin-cli", "username", username, "password", password));
            if (reply.status() != 200) {
                throw new AssertionError("No admin token: " + reply);
            }
            token = reply.json().get("access_token").asText();
            tokenAt = System.currentTimeMillis();
        }
        return token;
    }

    /** {@code /admin/realms} + path. */
    public Http.Reply send(String method, String path, Object body) {
        return http.send(method, base + "/admin/realms" + path, token(), body);
    }

    /** For calls that take longer than the client's timeout (bulk seeding). */
    public Http.Reply send(String method, String path, Object body, Duration timeout) {
        return http.send(method, base + "/admin/realms" + path, token(), body, timeout);
    }
}

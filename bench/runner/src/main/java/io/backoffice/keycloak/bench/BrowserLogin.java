package io.backoffice.keycloak.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser's login over plain HTTP (its own cookies): authorization-code flow with PKCE on the
 * catalogue client, forms found by regular expression, as the PIN step's integration tests drive it.
 * Keycloak marks its cookies Secure even on http://localhost, so they are kept here by name.
 */
final class BrowserLogin {

    static final String CLIENT_ID = "back-office";
    static final String REDIRECT_URI = "http://localhost:9/callback";
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);

    private final Api api;
    private final String realm;
    private final String clientId;
    private final String scope;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String verifier;

    BrowserLogin(Api api, String realm) {
        this(api, realm, CLIENT_ID);
    }

    BrowserLogin(Api api, String realm, String clientId) {
        this(api, realm, clientId, "openid");
    }

    BrowserLogin(Api api, String realm, String clientId, String scope) {
        this.api = api;
        this.realm = realm;
        this.clientId = clientId;
        this.scope = scope;
    }

    record Page(int status, String body, String location) {
        boolean has(String field) {
            return body != null && body.contains("name=\"" + field + "\"");
        }

        boolean isRedirectWithCode() {
            return location != null && location.startsWith(REDIRECT_URI) && location.contains("code=");
        }

        @Override
        public String toString() {
            return status + (location == null ? "" : " -> " + location)
                    + (has("pin") ? " (PIN page)" : has("username") ? " (username page)" : has("password") ? " (password page)" : "");
        }
    }

    /** Opens the login and passes the username and password; answers the page after them (the PIN page for a shared account). */
    Page pastPassword(String username, String password) {
        Page page = authorize("");
        if (!page.has("username")) {
            throw new IllegalStateException("Expected the username page, got " + page);
        }
        if (!page.has("password")) {
            page = submit(page, Map.of("username", username));
            if (!page.has("password")) {
                throw new IllegalStateException("Expected the password page, got " + page);
            }
            return submit(page, Map.of("password", password));
        }
        Map<String, String> both = new LinkedHashMap<>();
        both.put("username", username);
        both.put("password", password);
        return submit(page, both);
    }

    /**
     * A step-up on this browser's live session ({@code acr_values=pin}): the authorization request, whose
     * answer after its redirects is the PIN page alone (the SSO cookie stands for the password).
     */
    Page stepUp() {
        Page page = authorize("&acr_values=pin");
        if (!page.has("pin")) {
            throw new IllegalStateException("Expected the PIN page of a step-up, got " + page);
        }
        return page;
    }

    /** A new authorization request (PKCE) with these extra parameters; the page its redirects end on. */
    private Page authorize(String extra) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return follow(send(get("/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=" + Api.enc(scope) + "&state=bench&redirect_uri=" + Api.enc(REDIRECT_URI)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + extra)));
    }

    /** The PIN form's request, built but not sent, so the caller times exactly one round trip. */
    HttpRequest pinRequest(Page pinPage, String pin) {
        return stepRequest(pinPage, "pin", pin);
    }

    /** A second step's form (field {@code pin} or Keycloak's {@code otp}), built but not sent. */
    HttpRequest stepRequest(Page page, String field, String value) {
        if (!page.has(field)) {
            throw new IllegalStateException("Expected a page with field '" + field + "', got " + page);
        }
        return post(action(page, field), Map.of(field, value));
    }

    /** The code of the redirect back to the client exchanged for tokens (the end of a code flow). */
    Api.Reply tokens(Page redirect) {
        String query = URI.create(redirect.location()).getRawQuery();
        String code = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("code=")) {
                code = java.net.URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        return api.form("/realms/" + realm + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code",
                "client_id", clientId, "code", code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
    }

    Api api() {
        return api;
    }

    Page send(HttpRequest request) {
        Api.Reply reply = api.execute(request);
        for (String setCookie : reply.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return new Page(reply.status(), reply.body(), reply.location());
    }

    private Page submit(Page page, Map<String, String> fields) {
        return follow(send(post(action(page, fields.keySet().iterator().next()), fields)));
    }

    private static String action(Page page, String field) {
        Matcher m = FORM.matcher(page.body());
        while (m.find()) {
            if (m.group(2).contains("name=\"" + field + "\"")) {
                return m.group(1).replace("&amp;", "&");
            }
        }
        throw new IllegalStateException("No form with field '" + field + "' on " + page);
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 10 && current.location() != null && !current.location().startsWith(REDIRECT_URI); hops++) {
            current = send(get(URI.create(api.base()).resolve(current.location()).toString()));
        }
        return current;
    }

    private HttpRequest get(String url) {
        return withCookies(HttpRequest.newBuilder(uri(url))).GET().build();
    }

    private HttpRequest post(String url, Map<String, String> form) {
        return withCookies(HttpRequest.newBuilder(uri(url)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Api.formBody(form))).build();
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(120));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return request;
    }

    private URI uri(String url) {
        return URI.create(url.startsWith("http") ? url : api.base() + url);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

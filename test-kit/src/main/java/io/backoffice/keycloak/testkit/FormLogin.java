package io.backoffice.keycloak.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One browser's worth of Keycloak login pages over plain HTTP: its own cookies, the authorization-code
 * flow with PKCE on one public client, forms found by regular expressions. Keycloak marks its cookies
 * Secure even on http://localhost, which java.net's CookieManager would never send back, so the cookies
 * are kept here by name.
 */
public final class FormLogin {

    public static final String REDIRECT_URI = "http://localhost:9/callback";
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern FEEDBACK = Pattern.compile("kc-feedback-text\">\\s*([^<]*?)\\s*<", Pattern.DOTALL);

    private final Http http;
    private final String base;
    private final String realmName;
    private final String clientId;
    private final String scope;
    private final String password;
    private final String publicBase;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String verifier;

    /** Logs in to {@code realmName} on the server at {@code base}; every user's password is {@code password}. */
    public FormLogin(Http http, String base, String realmName, String clientId, String scope, String password) {
        this(http, base, realmName, clientId, scope, password, null);
    }

    /**
     * Against one node of a cluster: Keycloak writes its pages' URLs with the cluster's shared
     * {@code publicBase} hostname, where nothing listens, so they are sent to this node's {@code base}.
     */
    public FormLogin(Http http, String base, String realmName, String clientId, String scope, String password, String publicBase) {
        this.http = http;
        this.base = base;
        this.realmName = realmName;
        this.clientId = clientId;
        this.scope = scope;
        this.password = password;
        this.publicBase = publicBase;
    }

    /** The client this browser sends through (the benchmark's simulated client). */
    public Http http() {
        return http;
    }

    /** A page Keycloak answered, or the redirect back to the client. */
    public record Page(int status, String body, String location) {

        public boolean has(String field) {
            return body != null && body.contains("name=\"" + field + "\"");
        }

        public boolean isPinPage() {
            return has("pin");
        }

        public boolean isUsernamePage() {
            return has("username");
        }

        public boolean isPasswordPage() {
            return has("password") && !has("username");
        }

        public String feedback() {
            Matcher m = body == null ? null : FEEDBACK.matcher(body);
            return m != null && m.find() ? m.group(1).trim() : "";
        }

        /** The authorization code, if this is the redirect back to the client. */
        public String code() {
            if (location == null || !location.startsWith(REDIRECT_URI)) {
                return null;
            }
            Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(location);
            return m.find() ? m.group(1) : null;
        }

        @Override
        public String toString() {
            return status + (location != null ? " -> " + location : "") + (feedback().isEmpty() ? "" : " [" + feedback() + "]")
                    + (isPinPage() ? " (PIN page)" : isUsernamePage() ? " (username page)" : isPasswordPage() ? " (password page)" : "");
        }
    }

    /** Opens the authorization endpoint (a new PKCE verifier); {@code extraQuery} like {@code "&acr_values=pin"}. */
    public Page start(String extraQuery) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String url = base + "/realms/" + realmName + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=" + Http.enc(scope) + "&state=s1&redirect_uri=" + Http.enc(REDIRECT_URI)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + (extraQuery == null ? "" : extraQuery);
        return follow(send(get(url)));
    }

    /**
     * A step-up on this browser's live session ({@code acr_values=pin}): the authorization request, whose
     * answer after its redirects is the PIN page alone (the SSO cookie stands for the password).
     */
    public Page stepUp() {
        Page page = start("&acr_values=pin");
        if (!page.isPinPage()) {
            throw new AssertionError("Expected the PIN page of a step-up, got " + page);
        }
        return page;
    }

    /** Submits the page's form that holds {@code fields}' first field. */
    public Page submit(Page page, Map<String, String> fields) {
        return follow(send(post(action(page, fields.keySet().iterator().next()), Http.formBody(fields),
                "application/x-www-form-urlencoded")));
    }

    /**
     * Posts an already encoded body (duplicate fields, raw bytes) with any content type to the action of the
     * page's form that holds {@code field}.
     */
    public Page submitEncoded(Page page, String field, String encodedBody, String contentType) {
        return follow(send(post(action(page, field), encodedBody, contentType)));
    }

    /** The PIN form's request, built but not sent. */
    public HttpRequest pinRequest(Page pinPage, String pin) {
        return stepRequest(pinPage, "pin", pin);
    }

    /** A second step's form (field {@code pin} or Keycloak's {@code otp}), built but not sent, so the caller times exactly one round trip. */
    public HttpRequest stepRequest(Page page, String field, String value) {
        if (!page.has(field)) {
            throw new AssertionError("Expected a page with field '" + field + "', got " + page);
        }
        return post(action(page, field), Http.formBody(Map.of(field, value)), "application/x-www-form-urlencoded");
    }

    /** Opens the login, then username and password (identity-first pages or one page with both). */
    public Page password(String username) {
        return password(start(null), username);
    }

    public Page password(Page page, String username) {
        if (!page.isUsernamePage()) {
            throw new AssertionError("Expected the username page, got " + page);
        }
        if (page.has("password")) {
            Map<String, String> both = new LinkedHashMap<>();
            both.put("username", username);
            both.put("password", password);
            return submit(page, both);
        }
        Page passwordPage = submit(page, Map.of("username", username));
        if (!passwordPage.isPasswordPage()) {
            throw new AssertionError("Expected the password page, got " + passwordPage);
        }
        return submit(passwordPage, Map.of("password", password));
    }

    public Page pin(Page page, String pin) {
        if (!page.isPinPage()) {
            throw new AssertionError("Expected the PIN page, got " + page);
        }
        return submit(page, Map.of("pin", pin));
    }

    /** The redirect's code exchanged for tokens: the raw reply (a refused exchange is an answer too). */
    public Http.Reply exchange(Page redirect) {
        String code = redirect.code();
        if (code == null) {
            throw new AssertionError("Not a redirect with a code: " + redirect);
        }
        return http.form(base + "/realms/" + realmName + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", clientId,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
    }

    /** The redirect's code exchanged for tokens: the token response. */
    public JsonNode tokens(Page redirect) {
        Http.Reply reply = exchange(redirect);
        if (reply.status() != 200) {
            throw new AssertionError("Code exchange failed: " + reply);
        }
        return reply.json();
    }

    /** A JWT's claims, unverified. */
    public static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request of this browser (its cookies noted), without following the answer's redirect. */
    public Page send(HttpRequest request) {
        Http.Reply reply = http.execute(request);
        for (String setCookie : reply.raw().headers().allValues("Set-Cookie")) {
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
        return new Page(reply.status(), reply.body(), reply.raw().headers().firstValue("Location").orElse(null));
    }

    private static String action(Page page, String field) {
        Matcher m = FORM.matcher(page.body());
        while (m.find()) {
            if (m.group(2).contains("name=\"" + field + "\"")) {
                return m.group(1).replace("&amp;", "&");
            }
        }
        throw new AssertionError("No form with field '" + field + "' on " + page + ":\n" + page.body());
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 10 && current.location() != null && !current.location().startsWith(REDIRECT_URI); hops++) {
            current = send(get(URI.create(base).resolve(current.location()).toString()));
        }
        return current;
    }

    private HttpRequest get(String url) {
        return withCookies(url).GET().build();
    }

    private HttpRequest post(String url, String body, String contentType) {
        return withCookies(url).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private HttpRequest.Builder withCookies(String address) {
        String url = publicBase != null && address.startsWith(publicBase) ? base + address.substring(publicBase.length()) : address;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(http.timeout());
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return request;
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

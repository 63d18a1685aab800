package io.backoffice.keycloak.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One browser's worth of Keycloak login pages over plain HTTP: its own cookies, the authorization-code
 * flow with PKCE on client {@code back-office}, forms found by regular expressions. Keycloak marks its
 * cookies Secure even on http://localhost, which java.net's CookieManager would never send back, so the
 * cookies are kept here by name.
 */
public final class FormLogin {

    static final String REDIRECT_URI = "http://localhost:9/callback";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL);
    private static final Pattern FEEDBACK = Pattern.compile("kc-feedback-text\">\\s*([^<]*?)\\s*<", Pattern.DOTALL);

    private final String base;
    private final String realmName;
    private final String publicBase;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String verifier;

    FormLogin(TestRealm realm) {
        this(TestRealm.base(), realm.name(), null);
    }

    /**
     * Against one node of a cluster: Keycloak writes its pages' URLs with the cluster's shared
     * {@code publicBase} hostname, where nothing listens, so they are sent to this node's {@code base}.
     */
    public FormLogin(String base, String realmName, String publicBase) {
        this.base = base;
        this.realmName = realmName;
        this.publicBase = publicBase;
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

    /** Opens the authorization endpoint; {@code extraQuery} like {@code "&acr_values=pin"}. */
    public Page start(String extraQuery) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String url = base + "/realms/" + realmName + "/protocol/openid-connect/auth?client_id=" + TestRealm.APP_CLIENT
                + "&response_type=code&scope=openid&state=s1&redirect_uri=" + Http.enc(REDIRECT_URI)
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + (extraQuery == null ? "" : extraQuery);
        return follow(send(url, null));
    }

    /** Submits the page's form that holds {@code fields}' first field. */
    public Page submit(Page page, Map<String, String> fields) {
        String first = fields.keySet().iterator().next();
        Matcher m = FORM.matcher(page.body());
        while (m.find()) {
            if (m.group(2).contains("name=\"" + first + "\"")) {
                String action = m.group(1).replace("&amp;", "&");
                return follow(send(action, fields));
            }
        }
        throw new AssertionError("No form with field '" + first + "' on " + page + ":\n" + page.body());
    }

    /**
     * Posts an already encoded body (duplicate fields, raw bytes) with any content type to the action of the
     * page's form that holds {@code field}.
     */
    Page submitEncoded(Page page, String field, String encodedBody, String contentType) {
        Matcher m = FORM.matcher(page.body());
        while (m.find()) {
            if (m.group(2).contains("name=\"" + field + "\"")) {
                return follow(send(m.group(1).replace("&amp;", "&"), encodedBody, contentType));
            }
        }
        throw new AssertionError("No form with field '" + field + "' on " + page);
    }

    /** Username, then password (identity-first pages or one page with both). */
    public Page password(String username) {
        Page page = start(null);
        return password(page, username);
    }

    public Page password(Page page, String username) {
        if (!page.isUsernamePage()) {
            throw new AssertionError("Expected the username page, got " + page);
        }
        if (page.has("password")) {
            return submit(page, Map.of("username", username, "password", TestRealm.PASSWORD));
        }
        Page passwordPage = submit(page, Map.of("username", username));
        if (!passwordPage.isPasswordPage()) {
            throw new AssertionError("Expected the password page, got " + passwordPage);
        }
        return submit(passwordPage, Map.of("password", TestRealm.PASSWORD));
    }

    public Page pin(Page page, String pin) {
        if (!page.isPinPage()) {
            throw new AssertionError("Expected the PIN page, got " + page);
        }
        return submit(page, Map.of("pin", pin));
    }

    /** Exchanges the redirect's code for tokens. */
    public JsonNode tokens(Page redirect) {
        String code = redirect.code();
        if (code == null) {
            throw new AssertionError("Not a redirect with a code: " + redirect);
        }
        Http.Reply reply = Http.form(base + "/realms/" + realmName + "/protocol/openid-connect/token", Map.of(
                "grant_type", "authorization_code", "code", code, "client_id", TestRealm.APP_CLIENT,
                "redirect_uri", REDIRECT_URI, "code_verifier", verifier));
        if (reply.status() != 200) {
            throw new AssertionError("Code exchange failed: " + reply);
        }
        return reply.json();
    }

    public static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Page follow(Page page) {
        Page current = page;
        for (int hops = 0; hops < 10 && current.location() != null && current.code() == null
                && !current.location().startsWith(REDIRECT_URI); hops++) {
            current = send(URI.create(base).resolve(current.location()).toString(), null);
        }
        return current;
    }

    private Page send(String url, Map<String, String> form) {
        String body = form == null ? null
                : form.entrySet().stream().map(e -> Http.enc(e.getKey()) + "=" + Http.enc(e.getValue())).collect(Collectors.joining("&"));
        return send(url, body, "application/x-www-form-urlencoded");
    }

    private Page send(String address, String body, String contentType) {
        String url = publicBase != null && address.startsWith(publicBase) ? base + address.substring(publicBase.length()) : address;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
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
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

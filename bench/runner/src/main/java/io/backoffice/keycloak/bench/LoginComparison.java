package io.backoffice.keycloak.bench;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * A whole browser login with the PIN step against one with Keycloak's own OTP step: authorization-code flow
 * with PKCE from the authorization request to the tokens, in the same realm (same password hashing, same
 * event settings), through two public clients that differ only in their browser flow override: "browser
 * with staff PIN" (a holder drawn at random from the many organizations' million, logged in through their
 * organization's shared account: many distinct users) and Keycloak's stock "browser" (username and password, then the OTP form of its conditional 2FA,
 * each login a different user with a TOTP credential of their own). Per login two samples: the whole login,
 * and the second step's request alone (the PIN or OTP form's POST until the redirect with a code).
 */
final class LoginComparison {

    enum Variant {
        PIN("bench-login-pin", "browser with staff PIN", "pin"),
        OTP("bench-login-otp", "browser", "otp");

        final String clientId;
        final String flow;
        final String field;

        Variant(String clientId, String flow, String field) {
            this.clientId = clientId;
            this.flow = flow;
            this.field = field;
        }
    }

    static final class Result {
        final Latencies whole = new Latencies();
        final Latencies submit = new Latencies();
        Double statementsWhole;
        Double statementsSubmit;
    }

    /** A user with a TOTP credential; {@code lastPeriod} keeps a code from being used twice (Keycloak refuses that). */
    static final class OtpUser {
        final String username;
        final byte[] secret;
        long lastPeriod = -1;

        OtpUser(String username, byte[] secret) {
            this.username = username;
            this.secret = secret;
        }
    }

    private final BenchRealm realm;
    private final PinPopulation pinHolders;
    private final List<OtpUser> otpUsers;
    private final int digits;
    private final int period;
    private final String algorithm;
    private final Map<Variant, Result> results = new LinkedHashMap<>();
    private int nextOtpUser;

    private LoginComparison(BenchRealm realm, PinPopulation pinHolders, List<OtpUser> otpUsers, int digits,
                            int period, String algorithm) {
        this.realm = realm;
        this.pinHolders = pinHolders;
        this.otpUsers = otpUsers;
        this.digits = digits;
        this.period = period;
        this.algorithm = algorithm;
        for (Variant variant : Variant.values()) {
            results.put(variant, new Result());
        }
    }

    /** The two clients and {@code users} OTP users (password and a TOTP credential, through the admin API). */
    static LoginComparison setUp(BenchRealm realm, PinPopulation pinHolders, int users) {
        for (Variant variant : Variant.values()) {
            realm.createClient(realm.codeFlowClient(variant.clientId, variant.flow));
        }
        JsonNode realmRepresentation = realm.adminGet("");
        String algorithm = realmRepresentation.path("otpPolicyAlgorithm").asText("HmacSHA1");
        int digits = realmRepresentation.path("otpPolicyDigits").asInt(6);
        int period = realmRepresentation.path("otpPolicyPeriod").asInt(30);
        String credentialData = "{\"subType\":\"totp\",\"digits\":" + digits + ",\"counter\":0,\"period\":" + period
                + ",\"algorithm\":\"" + algorithm + "\"}";
        Random random = new Random(7);
        List<OtpUser> otpUsers = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String username = String.format("otp-%04d@bench-otp.example", i);
            StringBuilder secret = new StringBuilder();
            for (int c = 0; c < 20; c++) {
                secret.append((char) ('a' + random.nextInt(26)));
            }
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("username", username);
            user.put("email", username);
            user.put("firstName", "Otp");
            user.put("lastName", "User " + i);
            user.put("enabled", true);
            user.put("emailVerified", true);
            user.put("credentials", List.of(
                    Map.of("type", "password", "value", BenchRealm.PASSWORD, "temporary", false),
                    Map.of("type", "otp", "userLabel", "bench", "secretData", "{\"value\":\"" + secret + "\"}",
                            "credentialData", credentialData)));
            realm.admin("POST", "/users", user).createdId();
            otpUsers.add(new OtpUser(username, secret.toString().getBytes(StandardCharsets.UTF_8)));
        }
        return new LoginComparison(realm, pinHolders, otpUsers, digits, period, algorithm);
    }

    /** One untimed warm-up login per client and variant, then rounds of both variants in a random order. */
    Map<Variant, Result> run(ExecutorService pool, int clients, int rounds, int perClient, Random random, long deadline) throws Exception {
        List<Http> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            apis.add(realm.newClient());
        }
        for (Variant variant : Variant.values()) {
            slot(pool, apis, variant, 1, random, null);
        }
        Rounds.run("login", rounds, deadline, List.of(Variant.values()), random, variant -> {
            Result result = results.get(variant);
            slot(pool, apis, variant, perClient, random, result);
            return String.format("%s whole %.1f ms, step %.1f ms", variant.name().toLowerCase(), result.whole.median(), result.submit.median());
        });
        return results;
    }

    /** SQL statements per whole login and per second-step request, {@code logins} logins one after another. */
    void countStatements(SqlCounter sql, int logins, Random random) {
        Http api = realm.newClient();
        for (Variant variant : Variant.values()) {
            double[] whole = new double[logins];
            double[] submit = new double[logins];
            for (int i = 0; i < logins; i++) {
                long[] counts = login(api, variant, random, null, sql);
                whole[i] = counts[0];
                submit[i] = counts[1];
            }
            // medians, as SqlCounter.perCall takes: background writes land in whichever login is counted
            Result result = results.get(variant);
            result.statementsWhole = Ratio.median(whole);
            result.statementsSubmit = Ratio.median(submit);
            BenchMain.log(String.format("  %s login: %s SQL statements per whole login, %s in the second step", variant.name(),
                    result.statementsWhole, result.statementsSubmit));
        }
    }

    private void slot(ExecutorService pool, List<Http> apis, Variant variant, int perClient, Random random, Result result) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (Http api : apis) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    login(api, variant, random, result, null);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /**
     * One whole login; timed into {@code result} when given; with {@code sql}, the statements of the whole
     * login and of the second step.
     */
    private long[] login(Http api, Variant variant, Random random, Result result, SqlCounter sql) {
        String username;
        OtpUser otpUser = null;
        String pin = null;
        if (variant == Variant.PIN) {
            PinPopulation.Draw draw = pinHolders.draw(random);
            username = draw.organization().sharedAccount;
            pin = draw.holder().pin();
        } else {
            otpUser = nextOtpUser();
            username = otpUser.username;
        }
        long before = sql == null ? 0 : sql.statements();
        long t0 = System.nanoTime();
        FormLogin login = realm.formLogin(api, variant.clientId, "openid");
        FormLogin.Page step = login.password(username);
        String value = variant == Variant.PIN ? pin : totp(otpUser.secret, otpUser.lastPeriod);
        HttpRequest request = login.stepRequest(step, variant.field, value);
        long stepBefore = sql == null ? 0 : sql.statements();
        long t1 = System.nanoTime();
        FormLogin.Page answer = login.send(request);
        long t2 = System.nanoTime();
        long stepAfter = sql == null ? 0 : sql.statements();
        if (answer.code() == null) {
            throw new IllegalStateException(variant + " step not accepted for " + username + ": " + answer);
        }
        Http.Reply tokens = login.exchange(answer);
        long t3 = System.nanoTime();
        if (tokens.status() != 200) {
            throw new IllegalStateException(variant + " code exchange failed: " + tokens);
        }
        if (result != null) {
            result.whole.add(t3 - t0);
            result.submit.add(t2 - t1);
        }
        if (sql == null) {
            return null;
        }
        long stepStatements = sql.between(stepBefore, stepAfter);
        // the whole login in its three spans, each less the read that ends it
        return new long[] {sql.between(before, stepBefore) + stepStatements + sql.between(stepAfter, sql.statements()), stepStatements};
    }

    /** The next OTP user whose code of this period is still unused; waits for the next period if all are used. */
    private OtpUser nextOtpUser() {
        while (true) {
            synchronized (this) {
                long now = System.currentTimeMillis() / 1000 / period;
                for (int i = 0; i < otpUsers.size(); i++) {
                    OtpUser candidate = otpUsers.get(nextOtpUser);
                    nextOtpUser = (nextOtpUser + 1) % otpUsers.size();
                    if (candidate.lastPeriod < now) {
                        candidate.lastPeriod = now;
                        return candidate;
                    }
                }
            }
            BenchMain.log("  all OTP users used in this period; waiting for the next (more with -Dbench.login.users)");
            try {
                Thread.sleep(period * 1000L / 3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** RFC 6238 TOTP, as Keycloak's {@code TimeBasedOTP} computes it (the secret's bytes as the key). */
    private String totp(byte[] secret, long counter) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%0" + digits + "d", binary % (int) Math.pow(10, digits));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * Changing the acting person on a shared account's live session, two ways (docs/pin-step.md): the staff
 * PIN grant ({@code urn:backoffice:params:oauth:grant-type:staff-pin}, one back-channel request answering
 * new tokens) and a browser step-up ({@code acr_values=pin}: the authorization request answered with the PIN
 * page, the PIN form's POST answered with a redirect carrying a code, the code exchanged for tokens). Both
 * end with tokens whose {@code act} names the holder. Holders drawn at random from the largest PIN
 * organization; each client holds one session of its shared account, opened untimed through the PIN page.
 */
final class PinSwitchBenchmark {

    static final String GRANT = "urn:backoffice:params:oauth:grant-type:staff-pin";
    static final String ALLOWED_SCOPE = "backoffice-staff-pin-grant";
    static final String CLIENT = "bench-pos";

    enum Variant { GRANT, STEP_UP }

    static final class Result {
        /** The grant's request, or the step-up's three requests (authorization, PIN, code exchange). */
        final Latencies whole = new Latencies();
        /** The step-up's PIN form POST alone (none for the grant). */
        final Latencies pinSubmit = new Latencies();
        Double statements;
    }

    /** One terminal: its browser (cookies of the shared account's session) and the newest refresh token. */
    private static final class Terminal {
        final FormLogin browser;
        String refreshToken;

        Terminal(FormLogin browser, String refreshToken) {
            this.browser = browser;
            this.refreshToken = refreshToken;
        }
    }

    private final BenchRealm realm;
    private final PinOrganization organization;
    private final Map<Variant, Result> results = new LinkedHashMap<>();

    private PinSwitchBenchmark(BenchRealm realm, PinOrganization organization) {
        this.realm = realm;
        this.organization = organization;
        for (Variant variant : Variant.values()) {
            results.put(variant, new Result());
        }
    }

    /** The client, allowed the grant as the docs say (the client scope {@value #ALLOWED_SCOPE}), with our mapper. */
    static PinSwitchBenchmark setUp(BenchRealm realm, PinOrganization organization) {
        String scopeId = realm.admin("POST", "/client-scopes", Map.of("name", ALLOWED_SCOPE, "protocol", "openid-connect",
                "attributes", Map.of("include.in.token.scope", "false", "display.on.consent.screen", "false"))).createdId();
        Map<String, Object> client = realm.codeFlowClient(CLIENT, "browser with staff PIN");
        client.put("protocolMappers", List.of(Map.of("name", "back-office administrator", "protocol", "openid-connect",
                "protocolMapper", "backoffice-administrator-mapper", "config", Map.of("claim.name", "backoffice",
                        "access.token.claim", "true", "id.token.claim", "true"))));
        String uuid = realm.createClient(client);
        realm.admin("PUT", "/clients/" + uuid + "/optional-client-scopes/" + scopeId, null).expect(204, "grant allowed");
        return new PinSwitchBenchmark(realm, organization);
    }

    Map<Variant, Result> run(ExecutorService pool, int clients, int rounds, int perClient, Random random, long deadline) throws Exception {
        List<Terminal> terminals = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            terminals.add(open(realm.newClient(), random));
        }
        for (Variant variant : Variant.values()) {
            slot(pool, terminals, variant, 1, random, null);
        }
        Rounds.run("PIN switch", rounds, deadline, List.of(Variant.values()), random, variant -> {
            slot(pool, terminals, variant, perClient, random, results.get(variant));
            return String.format("%s %.1f ms", variant.name().toLowerCase(), results.get(variant).whole.median());
        });
        return results;
    }

    /** SQL statements per switch of each kind, {@code times} switches one after another on one terminal. */
    void countStatements(SqlCounter sql, int times, Random random) {
        Terminal terminal = open(realm.newClient(), random);
        for (Variant variant : Variant.values()) {
            results.get(variant).statements = sql.perCall(times, () -> switchPerson(terminal, variant, random, null));
            BenchMain.log(String.format("  PIN switch by %s: %s SQL statements", variant.name().toLowerCase(), results.get(variant).statements));
        }
    }

    private Terminal open(Http api, Random random) {
        FormLogin browser = realm.formLogin(api, CLIENT, "openid");
        FormLogin.Page answer = browser.send(browser.pinRequest(browser.password(organization.sharedAccount),
                organization.randomHolder(random).pin()));
        if (answer.code() == null) {
            throw new IllegalStateException("PIN login of " + organization.sharedAccount + " not accepted: " + answer);
        }
        return new Terminal(browser, browser.tokens(answer).get("refresh_token").asText());
    }

    private void slot(ExecutorService pool, List<Terminal> terminals, Variant variant, int perClient, Random random, Result result)
            throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (Terminal terminal : terminals) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    switchPerson(terminal, variant, random, result);
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    /** The acting person changed to a random holder; timed into {@code result} when given. */
    private void switchPerson(Terminal terminal, Variant variant, Random random, Result result) {
        PinOrganization.Holder holder = organization.randomHolder(random);
        JsonNode tokens;
        long t0 = System.nanoTime();
        long submitNanos = 0;
        if (variant == Variant.GRANT) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", GRANT);
            form.put("client_id", CLIENT);
            form.put("refresh_token", terminal.refreshToken);
            form.put("pin", holder.pin());
            tokens = terminal.browser.http().form("/realms/" + realm.name() + "/protocol/openid-connect/token", form)
                    .expect(200, "staff PIN grant").json();
        } else {
            java.net.http.HttpRequest submit = terminal.browser.pinRequest(terminal.browser.stepUp(), holder.pin());
            long s0 = System.nanoTime();
            FormLogin.Page answer = terminal.browser.send(submit);
            submitNanos = System.nanoTime() - s0;
            if (answer.code() == null) {
                throw new IllegalStateException("step-up PIN not accepted: " + answer);
            }
            tokens = terminal.browser.tokens(answer);
        }
        long elapsed = System.nanoTime() - t0;
        String acting = FormLogin.claims(tokens.get("access_token").asText()).path("act").path("preferred_username").asText();
        if (!holder.username().equals(acting)) {
            throw new IllegalStateException(variant + ": the token's act is '" + acting + "', not " + holder.username());
        }
        terminal.refreshToken = tokens.get("refresh_token").asText();
        if (result != null) {
            result.whole.add(elapsed);
            if (variant == Variant.STEP_UP) {
                result.pinSubmit.add(submitNanos);
            }
        }
    }
}

package io.backoffice.keycloak.bench;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * Issue item 2 (R-PIN-6): PIN holders drawn at random from one organization per size (10 ... 100,000
 * holders) and from many organizations at once (1,000,000 in all). A sample is one PIN form submit on an
 * authentication session of the drawn holder's shared account already past the password, until Keycloak's
 * answer (the redirect back to the client with a code: PIN looked up, step done, login completed).
 * Sessions are prepared untimed, all clients at once, then all clients submit at once.
 */
final class PinBenchmark {

    private final BenchRealm realm;
    private final List<PinPopulation> populations;
    private final Map<PinPopulation, Latencies> results = new LinkedHashMap<>();
    private final Map<PinPopulation, Double> statements = new LinkedHashMap<>();
    private final AtomicInteger reportedErrors = new AtomicInteger();

    PinBenchmark(BenchRealm realm, List<PinPopulation> populations) {
        this.realm = realm;
        this.populations = populations;
        populations.forEach(p -> results.put(p, new Latencies()));
    }

    /** Warm-up (untimed, two batches per population), then the timed rounds; most holders typed are in no cache yet. */
    Map<PinPopulation, Latencies> run(ExecutorService pool, int clients, int rounds, int perClient, Random random, long deadline) throws Exception {
        List<Http> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            apis.add(realm.newClient());
        }
        for (PinPopulation population : populations) {
            for (int i = 0; i < 2; i++) {
                batch(pool, apis, population, perClient, random, null);
            }
        }
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<PinPopulation> order = new ArrayList<>(populations);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  PIN round %d/%d:", round + 1, rounds));
            for (PinPopulation population : order) {
                Latencies latencies = results.get(population);
                int before = latencies.count();
                batch(pool, apis, population, perClient, random, latencies);
                line.append(String.format(" %s %.1f ms;", population.label(), latencies.median()));
                if (latencies.count() == before) {
                    throw new IllegalStateException("No PIN submit succeeded for " + population.label() + " holders");
                }
            }
            BenchMain.log(line.toString());
        }
        return results;
    }

    /**
     * SQL statements per PIN submit alone, by population, with a cold user cache: logins prepared first, then
     * only the submits counted.
     */
    Map<PinPopulation, Double> statements(SqlCounter sql, int submits, Random random) {
        Http api = realm.newClient();
        for (PinPopulation population : populations) {
            List<PinSubmit> prepared = new ArrayList<>();
            for (int i = 0; i < submits; i++) {
                prepared.add(prepare(api, population.draw(random)));
            }
            java.util.Iterator<PinSubmit> next = prepared.iterator();
            // Keycloak's user cache emptied before each counted submit: every size counted alike, the typed holder
            // and the shared account read from the database (at 10 holders they would otherwise all be cached)
            statements.put(population, sql.perCall(submits, realm::clearUserCache, () -> {
                FormLogin.Page answer = next.next().send();
                if (answer.code() == null) {
                    throw new IllegalStateException("PIN submit not accepted while counting SQL: " + answer);
                }
            }));
            BenchMain.log(String.format("  PIN step SQL statements, %s holders: %s per submit", population.label(),
                    statements.get(population)));
        }
        return statements;
    }

    /**
     * The same submits with Keycloak's user cache emptied before each one, one client, populations interleaved
     * round by round: every size then meets the typed holder and the shared account uncached, so what is left
     * of a growth with the population is ours (the lookup), not the cache's warmth (at 10 holders every holder
     * is cached after a few submits; at 100,000 almost none is).
     */
    Map<PinPopulation, Latencies> coldCache(int rounds, int perRound, Random random) {
        Http api = realm.newClient();
        Map<PinPopulation, Latencies> cold = new LinkedHashMap<>();
        populations.forEach(p -> cold.put(p, new Latencies()));
        for (int round = 0; round < rounds; round++) {
            List<PinPopulation> order = new ArrayList<>(populations);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  PIN cold-cache round %d/%d:", round + 1, rounds));
            for (PinPopulation population : order) {
                Latencies latencies = cold.get(population);
                for (int i = 0; i < perRound; i++) {
                    PinSubmit submit = prepare(api, population.draw(random));
                    realm.clearUserCache();
                    long t0 = System.nanoTime();
                    FormLogin.Page answer = submit.send();
                    long elapsed = System.nanoTime() - t0;
                    if (answer.code() != null) {
                        latencies.add(elapsed);
                    } else {
                        latencies.error();
                        BenchMain.log("  PIN submit not accepted (cold cache, " + population.label() + " holders): " + answer);
                    }
                }
                line.append(String.format(" %s %.1f ms;", population.label(), latencies.median()));
            }
            BenchMain.log(line.toString());
        }
        return cold;
    }

    /** A login of the drawn holder's shared account past the password, and its PIN form's POST, ready to send. */
    private record PinSubmit(FormLogin login, HttpRequest request) {

        FormLogin.Page send() {
            return login.send(request);
        }
    }

    /** Untimed: the shared account's password, up to the PIN page; the PIN typed is the drawn holder's. */
    private PinSubmit prepare(Http api, PinPopulation.Draw draw) {
        FormLogin login = realm.formLogin(api);
        return new PinSubmit(login, login.pinRequest(login.password(draw.organization().sharedAccount), draw.holder().pin()));
    }

    /** Prepares clients x perClient logins past the password, then submits their PINs, all clients at once. */
    private void batch(ExecutorService pool, List<Http> apis, PinPopulation population, int perClient, Random random,
                       Latencies latencies) throws Exception {
        List<Future<List<PinSubmit>>> prepared = new ArrayList<>();
        for (Http api : apis) {
            List<PinPopulation.Draw> draws = new ArrayList<>();
            for (int i = 0; i < perClient; i++) {
                draws.add(population.draw(random));
            }
            prepared.add(pool.submit(() -> {
                List<PinSubmit> submits = new ArrayList<>();
                for (PinPopulation.Draw draw : draws) {
                    submits.add(prepare(api, draw));
                }
                return submits;
            }));
        }
        List<List<PinSubmit>> ready = new ArrayList<>();
        for (Future<List<PinSubmit>> f : prepared) {
            ready.add(f.get());
        }
        List<Future<?>> submitted = new ArrayList<>();
        for (List<PinSubmit> submits : ready) {
            submitted.add(pool.submit(() -> {
                for (PinSubmit submit : submits) {
                    long t0 = System.nanoTime();
                    FormLogin.Page answer = submit.send();
                    long elapsed = System.nanoTime() - t0;
                    if (answer.code() != null) {
                        if (latencies != null) {
                            latencies.add(elapsed);
                        }
                    } else {
                        if (latencies != null) {
                            latencies.error();
                        }
                        if (reportedErrors.incrementAndGet() <= 5) {
                            BenchMain.log("  PIN submit not accepted (" + population.label() + " holders): " + answer);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : submitted) {
            f.get();
        }
    }
}

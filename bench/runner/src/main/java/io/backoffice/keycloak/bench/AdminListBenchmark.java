package io.backoffice.keycloak.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue item 3: the first page of the organization API's administrators list
 * ({@code GET /realms/{r}/backoffice/organizations/{org}/administrators?first=0&max=50}), called by the
 * owner with a bearer token, in organizations of 100, 1,000 and 10,000 confirmed administrators: the PIN
 * organizations of those sizes (holders are administrators; seeding them once saves 11,000 more).
 */
final class AdminListBenchmark {

    static final String GROUP = "Front staff";
    static final int PAGE = 50;

    static final class AdminOrganization {
        /** The size it stands for (its PIN holders); {@link #administrators} adds the shared account and the owner. */
        final int size;
        final String id;
        final String owner;
        final int administrators;

        AdminOrganization(int size, String id, String owner, int administrators) {
            this.size = size;
            this.id = id;
            this.owner = owner;
            this.administrators = administrators;
        }
    }

    private final BenchRealm realm;
    private final List<AdminOrganization> organizations;
    private final Map<Integer, Latencies> results = new LinkedHashMap<>();
    private final AtomicInteger reportedErrors = new AtomicInteger();

    AdminListBenchmark(BenchRealm realm, List<AdminOrganization> organizations) {
        this.realm = realm;
        this.organizations = organizations;
        organizations.forEach(o -> results.put(o.size, new Latencies()));
    }

    /** A PIN organization's administrators: its holders, its shared account and its owner. */
    static AdminOrganization of(PinBenchmark.PinOrganization organization) {
        return new AdminOrganization(organization.holders, organization.id, organization.owner, organization.holders + 2);
    }

    /**
     * The smaller organizations: one warm-up call each, then rounds in which every one of them (random order)
     * gets a slot where each client calls back to back, at most {@code perClient} times and, after the first
     * call, only while {@code slotSeconds} last. The largest organization comes after them, alone: first one
     * call, limited to what is left of the phase (at least a minute); only if that call was quick, the same
     * number of slots. A list that pages in memory can take many minutes there, and a request still running
     * on the server would slow down everything measured after it.
     */
    Map<Integer, Latencies> run(ExecutorService pool, int clients, int rounds, int perClient, double slotSeconds, Random random, long deadline)
            throws Exception {
        List<Api> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            apis.add(new Api(realm.base()));
        }
        List<AdminOrganization> smaller = new ArrayList<>(organizations.subList(0, organizations.size() - 1));
        AdminOrganization largest = organizations.get(organizations.size() - 1);
        for (AdminOrganization organization : smaller) {
            slot(pool, apis.subList(0, 1), organization, token(apis.get(0), organization), 1, 0, null, Duration.ofMinutes(5));
        }
        int roundsRun = 0;
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<AdminOrganization> order = new ArrayList<>(smaller);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  list round %d/%d:", round + 1, rounds));
            for (AdminOrganization organization : order) {
                Latencies latencies = results.get(organization.size);
                slot(pool, apis, organization, token(apis.get(0), organization), perClient, slotSeconds, latencies, Duration.ofMinutes(5));
                line.append(String.format(" %,d admins %.1f ms;", organization.size, latencies.median()));
            }
            BenchMain.log(line.toString());
            roundsRun++;
        }
        Latencies latencies = results.get(largest.size);
        Duration limit = Duration.ofNanos(Math.max(Duration.ofSeconds(60).toNanos(), deadline - System.nanoTime()));
        BenchMain.log(String.format("  list of %,d administrators: one call, waiting at most %d s", largest.size, limit.toSeconds()));
        slot(pool, apis.subList(0, 1), largest, token(apis.get(0), largest), 1, 0, latencies, limit);
        BenchMain.log(String.format("  list of %,d administrators: %.1f ms%s", largest.size, latencies.median(),
                latencies.timedOut() > 0 ? " (timed out: at least that)" : ""));
        if (latencies.timedOut() == 0 && latencies.median() < slotSeconds * 1000) {
            for (int round = 0; round < roundsRun; round++) {
                slot(pool, apis, largest, token(apis.get(0), largest), perClient, slotSeconds, latencies, Duration.ofMinutes(5));
            }
            BenchMain.log(String.format("  list of %,d administrators, %d slots: %.1f ms", largest.size, roundsRun, latencies.median()));
        }
        return results;
    }

    private String token(Api api, AdminOrganization organization) {
        return realm.passwordGrant(api, BenchRealm.CATALOGUE_CLIENT, organization.owner, "openid").get("access_token").asText();
    }

    private void slot(ExecutorService pool, List<Api> apis, AdminOrganization organization, String token, int perClient,
                      double slotSeconds, Latencies latencies, Duration timeout) throws Exception {
        String url = "/realms/" + realm.name + "/backoffice/organizations/" + organization.id + "/administrators?first=0&max=" + PAGE;
        int expected = Math.min(PAGE, organization.administrators);
        long deadline = System.nanoTime() + (long) (slotSeconds * 1e9);
        List<Future<?>> running = new ArrayList<>();
        for (Api api : apis) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < perClient && (i == 0 || System.nanoTime() < deadline); i++) {
                    long t0 = System.nanoTime();
                    Api.Reply reply;
                    try {
                        reply = api.send("GET", url, token, null, timeout);
                    } catch (java.io.UncheckedIOException e) {
                        if (!(e.getCause() instanceof java.net.http.HttpTimeoutException)) {
                            throw e;
                        }
                        if (latencies != null) {
                            latencies.add(System.nanoTime() - t0);
                            latencies.timeOut();
                        }
                        return null;
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (reply.status() == 200 && reply.json().size() == expected) {
                        if (latencies != null) {
                            latencies.add(elapsed);
                        }
                    } else {
                        if (latencies != null) {
                            latencies.error();
                        }
                        if (reportedErrors.incrementAndGet() <= 5) {
                            BenchMain.log("  list of " + organization.administrators + " administrators: expected " + expected
                                    + " items, got " + reply);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }
}

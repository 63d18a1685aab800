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
 * owner with a bearer token, in organizations of 100, 1,000 and 10,000 confirmed administrators.
 */
final class AdminListBenchmark {

    static final String GROUP = "Front staff";
    static final int PAGE = 50;

    static final class AdminOrganization {
        final int administrators;
        final String id;
        final String owner;
        double seedSeconds;

        AdminOrganization(int administrators, String id, String owner) {
            this.administrators = administrators;
            this.id = id;
            this.owner = owner;
        }
    }

    private final BenchRealm realm;
    private final List<AdminOrganization> organizations;
    private final Map<Integer, Latencies> results = new LinkedHashMap<>();
    private final AtomicInteger reportedErrors = new AtomicInteger();

    AdminListBenchmark(BenchRealm realm, List<AdminOrganization> organizations) {
        this.realm = realm;
        this.organizations = organizations;
        organizations.forEach(o -> results.put(o.administrators, new Latencies()));
    }

    static AdminOrganization setUp(BenchRealm realm, int administrators, int batch, int parallel) throws Exception {
        String alias = "bench-admins-" + administrators;
        String domain = alias + ".example";
        String id = realm.createOrganization(alias, Map.of());
        realm.createPermissionGroup(id, GROUP, List.of("pos:sell"));
        String owner = "owner@" + domain;
        realm.bootstrapOwner(id, realm.createUser(owner, "List", "Owner"));
        AdminOrganization organization = new AdminOrganization(administrators, id, owner);
        long started = System.nanoTime();
        Seeding.seed(realm, id, alias, "admin", domain, administrators, GROUP, false, 0, batch, parallel);
        organization.seedSeconds = (System.nanoTime() - started) / 1e9;
        return organization;
    }

    /**
     * One warm-up call per organization, then rounds: in each, every organization (random order) gets a slot
     * in which each client calls back to back, at most {@code perClient} times and, after the first call,
     * only while the slot's {@code slotSeconds} last.
     */
    Map<Integer, Latencies> run(ExecutorService pool, int clients, int rounds, int perClient, double slotSeconds, Random random)
            throws Exception {
        List<Api> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            apis.add(new Api(realm.base()));
        }
        for (AdminOrganization organization : organizations) {
            slot(pool, apis.subList(0, 1), organization, token(apis.get(0), organization), 1, 0, null);
        }
        for (int round = 0; round < rounds; round++) {
            List<AdminOrganization> order = new ArrayList<>(organizations);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  list round %d/%d:", round + 1, rounds));
            for (AdminOrganization organization : order) {
                Latencies latencies = results.get(organization.administrators);
                slot(pool, apis, organization, token(apis.get(0), organization), perClient, slotSeconds, latencies);
                line.append(String.format(" %,d admins %.1f ms;", organization.administrators, latencies.median()));
            }
            BenchMain.log(line.toString());
        }
        return results;
    }

    private String token(Api api, AdminOrganization organization) {
        return realm.passwordGrant(api, BenchRealm.CATALOGUE_CLIENT, organization.owner, "openid").get("access_token").asText();
    }

    private void slot(ExecutorService pool, List<Api> apis, AdminOrganization organization, String token, int perClient,
                      double slotSeconds, Latencies latencies) throws Exception {
        String url = "/realms/" + realm.name + "/backoffice/organizations/" + organization.id + "/administrators?first=0&max=" + PAGE;
        int expected = Math.min(PAGE, organization.administrators + 1);
        long deadline = System.nanoTime() + (long) (slotSeconds * 1e9);
        List<Future<?>> running = new ArrayList<>();
        for (Api api : apis) {
            running.add(pool.submit(() -> {
                for (int i = 0; i < perClient && (i == 0 || System.nanoTime() < deadline); i++) {
                    long t0 = System.nanoTime();
                    Api.Reply reply = api.send("GET", url, token, null, Duration.ofMinutes(5));
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

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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue item 2 (R-PIN-6): one organization per size (10 ... 100,000 PIN holders), each with a shared
 * account. A sample is one PIN form submit on an authentication session already past the password,
 * until Keycloak's answer (the redirect back to the client with a code: PIN looked up, step done, login
 * completed). Sessions are prepared untimed, all clients at once, then all clients submit at once.
 */
final class PinBenchmark {

    static final String GROUP = "Front staff";
    /** 8 digits: R-PIN-5 allows up to 1,000,000 holders; every organization uses it so PINs cost the same to digest. */
    static final int PIN_LENGTH = 8;

    record Holder(String userId, String username, String pin) {
    }

    static final class PinOrganization {
        final int holders;
        final String id;
        final String owner;
        final String sharedAccount;
        final List<Holder> pool = new ArrayList<>();
        double seedSeconds;

        PinOrganization(int holders, String id, String owner, String sharedAccount) {
            this.holders = holders;
            this.id = id;
            this.owner = owner;
            this.sharedAccount = sharedAccount;
        }
    }

    private final BenchRealm realm;
    private final List<PinOrganization> organizations;
    private final Map<Integer, Latencies> results = new LinkedHashMap<>();
    private final Map<Integer, Double> statements = new LinkedHashMap<>();
    private final AtomicInteger reportedErrors = new AtomicInteger();

    PinBenchmark(BenchRealm realm, List<PinOrganization> organizations) {
        this.realm = realm;
        this.organizations = organizations;
        organizations.forEach(o -> results.put(o.holders, new Latencies()));
    }

    /** The organization, its owner and shared account through the product's APIs; its holders through the bulk path. */
    static PinOrganization setUp(BenchRealm realm, int holders, int poolSize, int batch, int parallel) throws Exception {
        String alias = "bench-pin-" + holders;
        String domain = alias + ".example";
        String id = realm.createOrganization(alias, Map.of());
        realm.createPermissionGroup(id, GROUP, List.of("pos:sell"));
        String owner = "owner@" + domain;
        realm.bootstrapOwner(id, realm.createUser(owner, "Pin", "Owner"));
        // R-PIN-2: the PIN length is the owner's setting, through the organization API
        Api api = new Api(realm.base());
        String ownerToken = realm.passwordGrant(api, BenchRealm.CATALOGUE_CLIENT, owner, "openid").get("access_token").asText();
        api.send("PUT", "/realms/" + realm.name + "/backoffice/organizations/" + id + "/settings", ownerToken,
                Map.of("pinLength", PIN_LENGTH), java.time.Duration.ofMinutes(2)).expect(200, "PIN length of " + alias);
        String shared = "frontdesk@" + domain;
        String sharedId = realm.createUser(shared, "Front", "Desk");
        realm.addAdministrator(id, sharedId, List.of(GROUP));
        realm.pinSettings(id, sharedId, "SHARED");
        PinOrganization organization = new PinOrganization(holders, id, owner, shared);
        long started = System.nanoTime();
        for (JsonNode h : Seeding.seed(realm, id, alias, "holder", domain, holders, GROUP, true, poolSize, batch, parallel)) {
            organization.pool.add(new Holder(h.get("userId").asText(), h.get("username").asText(), h.get("pin").asText()));
        }
        organization.seedSeconds = (System.nanoTime() - started) / 1e9;
        if (organization.pool.isEmpty()) {
            throw new IllegalStateException("No PINs came back for " + alias);
        }
        return organization;
    }

    /** Warm-up (untimed, two batches per organization, so most holders typed later are not in any cache yet), then the timed rounds. */
    Map<Integer, Latencies> run(ExecutorService pool, int clients, int rounds, int perClient, Random random, long deadline) throws Exception {
        List<Api> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            apis.add(new Api(realm.base()));
        }
        for (PinOrganization organization : organizations) {
            for (int i = 0; i < 2; i++) {
                batch(pool, apis, organization, perClient, random, null);
            }
        }
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<PinOrganization> order = new ArrayList<>(organizations);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  PIN round %d/%d:", round + 1, rounds));
            for (PinOrganization organization : order) {
                Latencies latencies = results.get(organization.holders);
                int before = latencies.count();
                batch(pool, apis, organization, perClient, random, latencies);
                line.append(String.format(" %,d holders %.1f ms;", organization.holders, latencies.median()));
                if (latencies.count() == before) {
                    throw new IllegalStateException("No PIN submit succeeded for " + organization.holders + " holders");
                }
            }
            BenchMain.log(line.toString());
        }
        return results;
    }

    /** SQL statements per PIN submit alone, by organization size: logins prepared first, then only the submits counted. */
    Map<Integer, Double> statements(SqlCounter sql, int submits, Random random) {
        Api api = new Api(realm.base());
        for (PinOrganization organization : organizations) {
            List<Object[]> prepared = new ArrayList<>();
            for (int i = 0; i < submits; i++) {
                Holder holder = organization.pool.get(random.nextInt(organization.pool.size()));
                BrowserLogin login = new BrowserLogin(api, realm.name);
                BrowserLogin.Page pinPage = login.pastPassword(organization.sharedAccount, BenchRealm.PASSWORD);
                prepared.add(new Object[] {login, login.pinRequest(pinPage, holder.pin())});
            }
            java.util.Iterator<Object[]> next = prepared.iterator();
            statements.put(organization.holders, sql.perCall(submits, () -> {
                Object[] request = next.next();
                BrowserLogin.Page answer = ((BrowserLogin) request[0]).send((HttpRequest) request[1]);
                if (!answer.isRedirectWithCode()) {
                    throw new IllegalStateException("PIN submit not accepted while counting SQL: " + answer);
                }
            }));
            BenchMain.log(String.format("  PIN step SQL statements, %,d holders: %s per submit", organization.holders,
                    statements.get(organization.holders)));
        }
        return statements;
    }

    /** Prepares clients x perClient logins past the password, then submits their PINs, all clients at once. */
    private void batch(ExecutorService pool, List<Api> apis, PinOrganization organization, int perClient, Random random,
                       Latencies latencies) throws Exception {
        List<Future<List<Object[]>>> prepared = new ArrayList<>();
        for (Api api : apis) {
            List<Holder> holders = new ArrayList<>();
            synchronized (random) {
                for (int i = 0; i < perClient; i++) {
                    holders.add(organization.pool.get(random.nextInt(organization.pool.size())));
                }
            }
            prepared.add(pool.submit(() -> {
                List<Object[]> requests = new ArrayList<>();
                for (Holder holder : holders) {
                    BrowserLogin login = new BrowserLogin(api, realm.name);
                    BrowserLogin.Page pinPage = login.pastPassword(organization.sharedAccount, BenchRealm.PASSWORD);
                    requests.add(new Object[] {login, login.pinRequest(pinPage, holder.pin())});
                }
                return requests;
            }));
        }
        List<List<Object[]>> ready = new ArrayList<>();
        for (Future<List<Object[]>> f : prepared) {
            ready.add(f.get());
        }
        List<Future<?>> submitted = new ArrayList<>();
        for (List<Object[]> requests : ready) {
            submitted.add(pool.submit(() -> {
                for (Object[] request : requests) {
                    BrowserLogin login = (BrowserLogin) request[0];
                    long t0 = System.nanoTime();
                    BrowserLogin.Page answer = login.send((HttpRequest) request[1]);
                    long elapsed = System.nanoTime() - t0;
                    if (answer.isRedirectWithCode()) {
                        if (latencies != null) {
                            latencies.add(elapsed);
                        }
                    } else {
                        if (latencies != null) {
                            latencies.error();
                        }
                        if (reportedErrors.incrementAndGet() <= 5) {
                            BenchMain.log("  PIN submit not accepted (" + organization.holders + " holders): " + answer);
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

package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issue item 1: refresh-token grants of one administrator holding 20 permission groups that grant the
 * 200 permissions of the catalogue, through three clients of one realm that differ only in their token
 * mappers. The variants run in rounds, in a new random order each round, so machine noise hits all alike.
 */
final class TokenBenchmark {

    static final int GROUPS = 20;
    static final int PERMISSIONS = 200;
    static final String ORGANIZATION = "bench-token";

    enum Variant {
        OURS("bench-ours", "openid organization", "(a) our mapper"),
        STOCK("bench-stock", "openid organization", "(b) stock org group mapper"),
        NEITHER("bench-neither", "openid", "(c) neither");

        final String clientId;
        final String scope;
        final String label;

        Variant(String clientId, String scope, String label) {
            this.clientId = clientId;
            this.scope = scope;
            this.label = label;
        }
    }

    static final class Result {
        final Latencies latencies = new Latencies();
        final AtomicLong grants = new AtomicLong();
        long nanos;
        final List<Double> perRound = new ArrayList<>();
        int accessTokenBytes;
        /** SQL statements per refresh grant (one client, nothing else running). */
        double statements;
        int idTokenBytes;
        String claimCheck;

        double grantsPerSecond() {
            return nanos == 0 ? Double.NaN : grants.get() / (nanos / 1e9);
        }
    }

    private final BenchRealm realm;
    private final String user;
    private final Map<Variant, Result> results = new LinkedHashMap<>();

    private TokenBenchmark(BenchRealm realm, String user) {
        this.realm = realm;
        this.user = user;
        for (Variant variant : Variant.values()) {
            results.put(variant, new Result());
        }
    }

    /** Catalogue of 200, an organization with 20 groups over it, its owner, the measured administrator, three clients. */
    static TokenBenchmark setUp(BenchRealm realm) {
        List<String> catalogue = new ArrayList<>(realm.catalogueRoles());
        for (int i = 1; catalogue.size() < PERMISSIONS; i++) {
            String role = String.format("bench:permission-%03d", i);
            realm.addCatalogueRole(role);
            catalogue.add(role);
        }
        Collections.sort(catalogue);
        String organizationId = realm.createOrganization(ORGANIZATION, Map.of());
        List<String> groups = new ArrayList<>();
        int perGroup = PERMISSIONS / GROUPS;
        for (int g = 0; g < GROUPS; g++) {
            String name = String.format("Bench group %02d", g + 1);
            realm.createPermissionGroup(organizationId, name, catalogue.subList(g * perGroup, (g + 1) * perGroup));
            groups.add(name);
        }
        String owner = realm.createUser("owner@" + ORGANIZATION + ".example", "Token", "Owner");
        realm.bootstrapOwner(organizationId, owner);
        String email = "staff@" + ORGANIZATION + ".example";
        String userId = realm.createUser(email, "Token", "Staff");
        realm.addAdministrator(organizationId, userId, groups);

        realm.createClient(client(Variant.OURS, List.of(Map.of("name", "back-office administrator", "protocol", "openid-connect",
                "protocolMapper", "backoffice-administrator-mapper", "config", Map.of("claim.name", "backoffice",
                        "access.token.claim", "true", "id.token.claim", "true", "userinfo.token.claim", "true",
                        "introspection.token.claim", "true")))));
        realm.createClient(client(Variant.STOCK, List.of(Map.of("name", "organization groups", "protocol", "openid-connect",
                "protocolMapper", "oidc-organization-group-membership-mapper", "config", Map.of("addGroupRoleMappings", "true",
                        "access.token.claim", "true", "id.token.claim", "true", "introspection.token.claim", "true")))));
        realm.createClient(client(Variant.NEITHER, List.of()));
        return new TokenBenchmark(realm, email);
    }

    private static Map<String, Object> client(Variant variant, List<Map<String, Object>> mappers) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", variant.clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("fullScopeAllowed", true);
        client.put("optionalClientScopes", List.of("organization"));
        client.put("protocolMappers", mappers);
        return client;
    }

    /** Logs each client thread in once per variant, checks the claims, then the warm-up and the timed rounds. */
    Map<Variant, Result> run(ExecutorService pool, int clients, int warmupSeconds, int rounds, double slotSeconds, Random random, long deadline)
            throws Exception {
        List<Map<Variant, String[]>> sessions = new ArrayList<>();
        List<Api> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Api api = new Api(realm.base());
            apis.add(api);
            Map<Variant, String[]> tokens = new LinkedHashMap<>();
            for (Variant variant : Variant.values()) {
                JsonNode login = realm.passwordGrant(api, variant.clientId, user, variant.scope);
                tokens.put(variant, new String[] {login.get("refresh_token").asText()});
                if (c == 0) {
                    check(variant, login);
                }
            }
            sessions.add(tokens);
        }
        for (Variant variant : Variant.values()) {
            slot(pool, apis, sessions, variant, warmupSeconds, null);
        }
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<Variant> order = new ArrayList<>(List.of(Variant.values()));
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  token round %d/%d:", round + 1, rounds));
            for (Variant variant : order) {
                Result result = results.get(variant);
                long before = result.grants.get();
                long nanos = slot(pool, apis, sessions, variant, slotSeconds, result);
                result.nanos += nanos;
                double gps = (result.grants.get() - before) / (nanos / 1e9);
                result.perRound.add(Latencies.round(gps));
                line.append(String.format(" %s %.0f/s", variant.name().toLowerCase(), gps));
            }
            BenchMain.log(line.toString());
        }
        return results;
    }

    /** All client threads refresh back to back for {@code seconds}; returns the slot's length. */
    private long slot(ExecutorService pool, List<Api> apis, List<Map<Variant, String[]>> sessions, Variant variant,
                      double seconds, Result result) throws Exception {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < apis.size(); c++) {
            Api api = apis.get(c);
            String[] refresh = sessions.get(c).get(variant);
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    Api.Reply reply = api.form("/realms/" + realm.name + "/protocol/openid-connect/token", Map.of(
                            "grant_type", "refresh_token", "client_id", variant.clientId, "refresh_token", refresh[0]));
                    long elapsed = System.nanoTime() - t0;
                    if (reply.status() == 200) {
                        refresh[0] = reply.json().get("refresh_token").asText();
                        if (result != null) {
                            result.latencies.add(elapsed);
                            result.grants.incrementAndGet();
                        }
                    } else if (result != null) {
                        result.latencies.error();
                        BenchMain.log("  refresh failed on " + variant.clientId + ": " + reply);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        return System.nanoTime() - start;
    }

    /** SQL statements per refresh grant of each variant, counted around {@code grants} grants in a row. */
    void countStatements(SqlCounter sql, int grants) {
        Api api = new Api(realm.base());
        for (Variant variant : Variant.values()) {
            String[] refresh = {realm.passwordGrant(api, variant.clientId, user, variant.scope).get("refresh_token").asText()};
            Runnable grant = () -> {
                Api.Reply reply = api.form("/realms/" + realm.name + "/protocol/openid-connect/token", Map.of(
                        "grant_type", "refresh_token", "client_id", variant.clientId, "refresh_token", refresh[0]));
                if (reply.status() != 200) {
                    throw new IllegalStateException("refresh failed on " + variant.clientId + ": " + reply);
                }
                refresh[0] = reply.json().get("refresh_token").asText();
            };
            grant.run();
            results.get(variant).statements = sql.perCall(grants, grant);
            BenchMain.log(String.format("  %-28s %s SQL statements per refresh grant", variant.label, results.get(variant).statements));
        }
    }

    /** Proof that each client's tokens carry what its variant stands for. */
    private void check(Variant variant, JsonNode login) {
        Result result = results.get(variant);
        String access = login.get("access_token").asText();
        result.accessTokenBytes = access.length();
        result.idTokenBytes = login.path("id_token").asText("").length();
        JsonNode claims = claims(access);
        JsonNode ours = claims.path("backoffice");
        JsonNode stock = claims.path("organization").path(ORGANIZATION);
        // The demo catalogue's sections and owner-only permissions (R-LEVEL-3) are catalogue roles that a
        // non-owner's permission list leaves out: a few fewer than the catalogue's size.
        String check = switch (variant) {
            case OURS -> ours.path("permissions").size() >= PERMISSIONS - 10 && ours.path("permission_groups").size() == GROUPS
                    ? "backoffice claim: " + ours.path("permission_groups").size() + " groups, " + ours.path("permissions").size() + " permissions"
                    : null;
            case STOCK -> stock.path("groups").size() == GROUPS && stock.path("resource_access").path(BenchRealm.CATALOGUE_CLIENT).path("roles").size() >= PERMISSIONS - 10
                    && ours.isMissingNode()
                    ? "organization claim: " + stock.path("groups").size() + " groups, "
                        + stock.path("resource_access").path(BenchRealm.CATALOGUE_CLIENT).path("roles").size() + " roles"
                    : null;
            case NEITHER -> ours.isMissingNode() && claims.path("organization").isMissingNode() ? "no organization claims" : null;
        };
        if (check == null) {
            throw new IllegalStateException("The " + variant.label + " token does not carry what it should: " + claims);
        }
        result.claimCheck = check;
        BenchMain.log(String.format("  %-28s access token %,d bytes, ID token %,d bytes; %s", variant.label,
                result.accessTokenBytes, result.idTokenBytes, check));
    }

    static JsonNode claims(String jwt) {
        try {
            return Api.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;
import io.backoffice.keycloak.testkit.RealmAdmin;

/**
 * Issue item 1: refresh-token grants through clients of one realm that differ only in their token mappers
 * and users. The like-for-like comparison: one administrator holding 20 permission groups that grant the
 * 200 permissions of the catalogue, through our mapper, Keycloak's stock organization-group mapper, and
 * neither. Beside it, our mapper for a shared account whose session carries an acting person ({@code act},
 * after a browser login with the PIN step) and for users who administer 1, 5 and 50 organizations. The
 * variants run in rounds, in a new random order each round, so machine noise hits all alike.
 */
final class TokenBenchmark {

    static final int GROUPS = 20;
    static final int PERMISSIONS = 200;
    static final String ORGANIZATION = "bench-token";
    static final String OURS = "ours";
    static final String STOCK = "stock";
    static final String NEITHER = "neither";
    static final String ACT = "ours_act";
    static final String ORGS = "ours_orgs_";

    /** How the variant's user gets the session whose refresh token is timed. */
    enum Login { PASSWORD, PIN_STEP }

    /** One variant: a client, the scope asked, a user and how that user logs in. */
    record Variant(String key, String label, String clientId, String scope, String user, Login login, int organizations) {
    }

    static final class Result {
        final Latencies latencies = new Latencies();
        final AtomicLong grants = new AtomicLong();
        long nanos;
        final List<Double> perRound = new ArrayList<>();
        int accessTokenBytes;
        /** SQL statements per refresh grant (one client, nothing else running). */
        double statements;
        /**
         * (e) only: statements per refresh grant of the same user and scope through the client without our mapper,
         * what Keycloak's own {@code organization} scope costs for that user (it resolves a user's only
         * organization, not several): {@code statements} less this is what our mapper adds.
         */
        double keycloakStatements;
        int idTokenBytes;
        String claimCheck;

        double grantsPerSecond() {
            return nanos == 0 ? Double.NaN : grants.get() / (nanos / 1e9);
        }
    }

    private final BenchRealm realm;
    private final List<Variant> variants;
    private final Map<String, Result> results = new LinkedHashMap<>();
    /** The PIN the shared account's logins type ({@link Login#PIN_STEP}); in memory only. */
    private final String actingPin;

    private TokenBenchmark(BenchRealm realm, List<Variant> variants, String actingPin) {
        this.realm = realm;
        this.variants = variants;
        this.actingPin = actingPin;
        for (Variant variant : variants) {
            results.put(variant.key(), new Result());
        }
    }

    /**
     * Catalogue of 200, an organization with 20 groups over it, its owner, the measured administrator, a
     * shared account holding the same groups and a PIN holder to act on it; users administering the first
     * 1, 5, 50 of {@code organizations} (their "Front staff" group each); the clients.
     */
    static TokenBenchmark setUp(BenchRealm realm, List<PinOrganization> organizations, List<Integer> organizationCounts) {
        List<String> catalogue = new ArrayList<>(realm.catalogueRoles());
        for (int i = 1; catalogue.size() < PERMISSIONS; i++) {
            String role = String.format("bench:permission-%03d", i);
            realm.addCatalogueRole(role);
            catalogue.add(role);
        }
        Collections.sort(catalogue);
        String organizationId = realm.createOrganization(ORGANIZATION, ORGANIZATION, Map.of());
        List<String> groups = new ArrayList<>();
        int perGroup = PERMISSIONS / GROUPS;
        for (int g = 0; g < GROUPS; g++) {
            String name = String.format("Bench group %02d", g + 1);
            realm.createPermissionGroup(organizationId, name, catalogue.subList(g * perGroup, (g + 1) * perGroup));
            groups.add(name);
        }
        String owner = realm.createUser("owner@" + ORGANIZATION + ".example", "Token", "Owner", true);
        realm.bootstrapOwner(organizationId, owner);
        String email = "staff@" + ORGANIZATION + ".example";
        realm.addAdministrator(organizationId, realm.createUser(email, "Token", "Staff", true), groups);
        String shared = "frontdesk@" + ORGANIZATION + ".example";
        String sharedId = realm.createUser(shared, "Front", "Desk", true);
        realm.addAdministrator(organizationId, sharedId, groups);
        realm.pinSettings(organizationId, sharedId, "SHARED");
        String holderId = realm.createUser("holder@" + ORGANIZATION + ".example", "Token", "Holder", true);
        realm.addAdministrator(organizationId, holderId, groups.subList(0, 1));
        String actingPin = realm.pinSettings(organizationId, holderId, "PIN").get("pin").asText();

        Map<String, String> ourMapper = Map.of("claim.name", "backoffice", "access.token.claim", "true", "id.token.claim", "true",
                "userinfo.token.claim", "true", "introspection.token.claim", "true");
        realm.createClient(client("bench-ours", List.of(mapper(ourMapper))));
        realm.createClient(client("bench-stock", List.of(Map.of("name", "organization groups", "protocol", "openid-connect",
                "protocolMapper", "oidc-organization-group-membership-mapper", "config", Map.of("addGroupRoleMappings", "true",
                        "access.token.claim", "true", "id.token.claim", "true", "introspection.token.claim", "true")))));
        realm.createClient(client("bench-neither", List.of()));
        Map<String, Object> actClient = realm.codeFlowClient("bench-ours-act", "browser with staff PIN");
        actClient.put("fullScopeAllowed", true);
        actClient.put("optionalClientScopes", List.of("organization"));
        actClient.put("protocolMappers", List.of(mapper(ourMapper)));
        realm.createClient(actClient);
        Map<String, String> manyOrganizations = new LinkedHashMap<>(ourMapper);
        manyOrganizations.put("maxOrganizations", "50");
        manyOrganizations.put("severalOrganizations", "map");
        realm.createClient(client("bench-ours-orgs", List.of(mapper(manyOrganizations))));

        List<Variant> variants = new ArrayList<>(List.of(
                new Variant(OURS, "(a) our mapper", "bench-ours", "openid organization", email, Login.PASSWORD, 1),
                new Variant(STOCK, "(b) stock org group mapper", "bench-stock", "openid organization", email, Login.PASSWORD, 1),
                new Variant(NEITHER, "(c) neither", "bench-neither", "openid", email, Login.PASSWORD, 1),
                new Variant(ACT, "(d) ours, shared account + act", "bench-ours-act", "openid organization", shared, Login.PIN_STEP, 1)));
        for (int count : organizationCounts) {
            if (count > organizations.size()) {
                throw new IllegalStateException("A user of " + count + " organizations needs that many; the run made " + organizations.size());
            }
            String user = "multi-" + count + "@bench-orgs.example";
            String userId = realm.createUser(user, "Multi", "Organization " + count, true);
            for (PinOrganization organization : organizations.subList(0, count)) {
                realm.addAdministrator(organization.id, userId, List.of(PinOrganization.GROUP));
            }
            variants.add(new Variant(ORGS + count, "(e) ours, user of " + count + " org" + (count == 1 ? "" : "s"), "bench-ours-orgs",
                    "openid organization", user, Login.PASSWORD, count));
        }
        return new TokenBenchmark(realm, variants, actingPin);
    }

    private static Map<String, Object> mapper(Map<String, String> config) {
        return Map.of("name", "back-office administrator", "protocol", "openid-connect", "protocolMapper",
                "backoffice-administrator-mapper", "config", config);
    }

    private static Map<String, Object> client(String clientId, List<Map<String, Object>> mappers) {
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("clientId", clientId);
        client.put("enabled", true);
        client.put("publicClient", true);
        client.put("standardFlowEnabled", false);
        client.put("directAccessGrantsEnabled", true);
        client.put("fullScopeAllowed", true);
        client.put("optionalClientScopes", List.of("organization"));
        client.put("protocolMappers", mappers);
        return client;
    }

    List<Variant> variants() {
        return variants;
    }

    /** The session a variant's user starts with: a password grant, or a browser login through the PIN step. */
    private JsonNode login(Http api, Variant variant) {
        if (variant.login() == Login.PASSWORD) {
            return realm.passwordGrant(api, variant.clientId(), variant.user(), variant.scope());
        }
        FormLogin login = realm.formLogin(api, variant.clientId(), variant.scope());
        FormLogin.Page answer = login.send(login.pinRequest(login.password(variant.user()), actingPin));
        if (answer.code() == null) {
            throw new IllegalStateException("PIN step of " + variant.user() + " not accepted: " + answer);
        }
        return login.tokens(answer);
    }

    /** Logs each client thread in once per variant, checks the claims, then the warm-up and the timed rounds. */
    Map<String, Result> run(ExecutorService pool, int clients, int warmupSeconds, int rounds, double slotSeconds, Random random, long deadline)
            throws Exception {
        List<Map<Variant, String[]>> sessions = new ArrayList<>();
        List<Http> apis = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Http api = realm.newClient();
            apis.add(api);
            Map<Variant, String[]> tokens = new LinkedHashMap<>();
            for (Variant variant : variants) {
                JsonNode login = login(api, variant);
                tokens.put(variant, new String[] {login.get("refresh_token").asText()});
                if (c == 0) {
                    check(variant, login);
                }
            }
            sessions.add(tokens);
        }
        for (Variant variant : variants) {
            slot(pool, apis, sessions, variant, warmupSeconds, null);
        }
        for (int round = 0; round < rounds && (round < BenchMain.MIN_ROUNDS || System.nanoTime() < deadline); round++) {
            List<Variant> order = new ArrayList<>(variants);
            Collections.shuffle(order, random);
            StringBuilder line = new StringBuilder(String.format("  token round %d/%d:", round + 1, rounds));
            for (Variant variant : order) {
                Result result = results.get(variant.key());
                long before = result.grants.get();
                long nanos = slot(pool, apis, sessions, variant, slotSeconds, result);
                result.nanos += nanos;
                double gps = (result.grants.get() - before) / (nanos / 1e9);
                result.perRound.add(Latencies.round(gps));
                line.append(String.format(" %s %.0f/s", variant.key(), gps));
            }
            BenchMain.log(line.toString());
        }
        return results;
    }

    /** All client threads refresh back to back for {@code seconds}; returns the slot's length. */
    private long slot(ExecutorService pool, List<Http> apis, List<Map<Variant, String[]>> sessions, Variant variant,
                      double seconds, Result result) throws Exception {
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < apis.size(); c++) {
            Http api = apis.get(c);
            String[] refresh = sessions.get(c).get(variant);
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    Http.Reply reply = api.form("/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                            "grant_type", "refresh_token", "client_id", variant.clientId(), "refresh_token", refresh[0]));
                    long elapsed = System.nanoTime() - t0;
                    if (reply.status() == 200) {
                        refresh[0] = reply.json().get("refresh_token").asText();
                        if (result != null) {
                            result.latencies.add(elapsed);
                            result.grants.incrementAndGet();
                        }
                    } else if (result != null) {
                        result.latencies.error();
                        BenchMain.log("  refresh failed on " + variant.clientId() + ": " + reply);
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
        Http api = realm.newClient();
        for (Variant variant : variants) {
            Result result = results.get(variant.key());
            result.statements = statementsPerGrant(api, sql, grants, variant);
            String keycloak = "";
            if (variant.key().startsWith(ORGS)) {
                Variant withoutOurs = new Variant(variant.key(), variant.label(), "bench-neither", variant.scope(), variant.user(),
                        variant.login(), variant.organizations());
                result.keycloakStatements = statementsPerGrant(api, sql, grants, withoutOurs);
                keycloak = String.format(" (%s without our mapper)", result.keycloakStatements);
            }
            BenchMain.log(String.format("  %-34s %s SQL statements per refresh grant%s", variant.label(), result.statements, keycloak));
        }
    }

    private double statementsPerGrant(Http api, SqlCounter sql, int grants, Variant variant) {
        String[] refresh = {login(api, variant).get("refresh_token").asText()};
        Runnable grant = () -> {
            Http.Reply reply = api.form("/realms/" + realm.name() + "/protocol/openid-connect/token", Map.of(
                    "grant_type", "refresh_token", "client_id", variant.clientId(), "refresh_token", refresh[0]));
            if (reply.status() != 200) {
                throw new IllegalStateException("refresh failed on " + variant.clientId() + ": " + reply);
            }
            refresh[0] = reply.json().get("refresh_token").asText();
        };
        grant.run();
        return sql.perCall(grants, grant);
    }

    /** Proof that each variant's tokens carry what it stands for. */
    private void check(Variant variant, JsonNode login) {
        Result result = results.get(variant.key());
        String access = login.get("access_token").asText();
        result.accessTokenBytes = access.length();
        result.idTokenBytes = login.path("id_token").asText("").length();
        JsonNode claims = FormLogin.claims(access);
        JsonNode ours = claims.path("backoffice");
        JsonNode stock = claims.path("organization").path(ORGANIZATION);
        // The demo catalogue's sections and owner-only permissions (R-LEVEL-3) are catalogue roles that a
        // non-owner's permission list leaves out: a few fewer than the catalogue's size.
        int mapped = ours.has("organizations") ? ours.path("organizations").size() : ours.has("organization") ? 1 : 0;
        String check = switch (variant.key()) {
            case OURS -> ours.path("permissions").size() >= PERMISSIONS - 10 && ours.path("permission_groups").size() == GROUPS
                    ? "backoffice claim: " + ours.path("permission_groups").size() + " groups, " + ours.path("permissions").size() + " permissions"
                    : null;
            case STOCK -> stock.path("groups").size() == GROUPS && stock.path("resource_access").path(RealmAdmin.CATALOGUE_CLIENT).path("roles").size() >= PERMISSIONS - 10
                    && ours.isMissingNode()
                    ? "organization claim: " + stock.path("groups").size() + " groups, "
                        + stock.path("resource_access").path(RealmAdmin.CATALOGUE_CLIENT).path("roles").size() + " roles"
                    : null;
            case NEITHER -> ours.isMissingNode() && claims.path("organization").isMissingNode() ? "no organization claims" : null;
            case ACT -> claims.path("act").hasNonNull("sub") && ours.path("permissions").size() >= PERMISSIONS - 10
                    ? "act of " + claims.path("act").path("preferred_username").asText() + ", " + ours.path("permissions").size() + " permissions"
                    : null;
            default -> mapped == variant.organizations() ? "backoffice claim: " + mapped + " organization(s)" : null;
        };
        if (check == null) {
            throw new IllegalStateException("The " + variant.label() + " token does not carry what it should: " + claims);
        }
        result.claimCheck = check;
        BenchMain.log(String.format("  %-34s access token %,d bytes, ID token %,d bytes; %s", variant.label(),
                result.accessTokenBytes, result.idTokenBytes, check));
    }

}

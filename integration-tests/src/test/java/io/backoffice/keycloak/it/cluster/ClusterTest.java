package io.backoffice.keycloak.it.cluster;

import static io.backoffice.keycloak.it.TestHttp.HTTP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.backoffice.keycloak.it.Concurrently;
import io.backoffice.keycloak.it.TestHttp;
import io.backoffice.keycloak.it.TestRealm;
import io.backoffice.keycloak.testkit.FormLogin;
import io.backoffice.keycloak.testkit.Http;

/**
 * Two nodes on PostgreSQL: the rules that must hold "on several Keycloak nodes" are tested with requests
 * sent to both nodes at once, and one node is killed in the middle of writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    static final String PASSWORD = TestRealm.PASSWORD;
    static Cluster cluster;
    static String realm;
    /** The realm's set-up (organizations, users, permission groups) through node a, with the tests' kit. */
    static TestRealm realmAdmin;

    @BeforeAll
    static void startCluster() throws Exception {
        Assumptions.assumeTrue(Cluster.postgresAvailable(),
                "PostgreSQL is not reachable on 127.0.0.1:5432 (.ci/run starts it): cluster test not run");
        cluster = new Cluster().start();
        realm = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
        realmAdmin = TestRealm.importRealm(cluster.a().serverAdmin(), TestRealm.demoRealmForTests(realm));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Cluster.Node node(int i) {
        return cluster.nodes.get(i % 2);
    }

    private static String organization(String alias) {
        return realmAdmin.createOrganization(alias, alias, null);
    }

    private static String user(String email) {
        return realmAdmin.createUser(email, "Node", "User", true);
    }

    private static String group(String org, String name, String... roles) {
        return realmAdmin.createPermissionGroup(org, name, List.of(roles));
    }

    private static void grant(String org, String groupId, String... roles) {
        realmAdmin.grant(org, groupId, List.of(roles));
    }

    private static Http.Reply support(Cluster.Node node, String method, String path, Object body) {
        return node.admin(method, "/" + realm + "/backoffice" + path, body);
    }

    private static JsonNode login(Cluster.Node node, String username) {
        Http.Reply reply = HTTP.form(node.base() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "back-office", "username", username, "password", PASSWORD));
        assertEquals(200, reply.status(), reply.toString());
        return reply.json();
    }

    @Test
    @Order(1)
    @DisplayName("R-OWNER-1 on two nodes: concurrent bootstraps sent to both nodes leave exactly one owner")
    void concurrentBootstrapsAcrossNodes() throws Exception {
        String org = organization("owners");
        int n = 16;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(user("owner" + i + "@owners.example"));
        }
        List<Integer> statuses = Concurrently.run(n, i -> support(node(i), "POST", "/organizations/" + org + "/owner",
                Map.of("userId", users.get(i))).status());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(n - 1, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        for (Cluster.Node node : cluster.nodes) {
            long owners = 0;
            for (JsonNode a : support(node, "GET", "/organizations/" + org + "/administrators", null).json()) {
                owners += a.get("owner").asBoolean() ? 1 : 0;
            }
            assertEquals(1, owners, "owners seen on node " + node.name);
        }
    }

    @Test
    @Order(2)
    @DisplayName("R-PIN-3 on two nodes: concurrent PIN generations on both nodes give distinct PINs")
    void concurrentPinsAcrossNodes() throws Exception {
        String org = organization("pins");
        group(org, "Staff", "pos:sell");
        int n = 24;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = user("holder" + i + "@pins.example");
            assertEquals(201, support(cluster.a(), "POST", "/organizations/" + org + "/administrators",
                    Map.of("userId", id, "permissionGroups", List.of("Staff"))).status());
            users.add(id);
        }
        // Four-digit PINs: 24 holders in a space of 10,000 make collisions likely enough to matter. The PIN
        // length is the owner's setting, out of the console's reach (R-CONSOLE-2).
        String owner = user("owner@pins.example");
        assertEquals(201, support(cluster.a(), "POST", "/organizations/" + org + "/owner", Map.of("userId", owner)).status());
        Http.Reply lengthSet = cluster.a().call("PUT", "/" + realm + "/backoffice/organizations/" + org + "/settings",
                login(cluster.a(), "owner@pins.example").get("access_token").asText(), Map.of("pinLength", 4));
        assertEquals(200, lengthSet.status(), lengthSet.toString());
        Map<String, String> pins = new ConcurrentHashMap<>();
        List<Integer> statuses = Concurrently.run(n, i -> {
            Http.Reply reply = support(node(i), "PUT", "/organizations/" + org + "/administrators/" + users.get(i) + "/pin-settings",
                    Map.of("pinMode", "PIN"));
            if (reply.status() == 200) {
                pins.put(users.get(i), reply.json().get("pin").asText());
            }
            return reply.status();
        });
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), statuses.toString());
        assertEquals(pins.size(), new HashSet<>(pins.values()).size(), "distinct PINs: " + pins.values());
        assertTrue(pins.values().stream().allMatch(p -> p.matches("\\d{4}")), pins.values().toString());
        assertTrue(pins.size() >= n - 2, "almost every request got a PIN: " + statuses);
    }

    @Test
    @Order(3)
    @DisplayName("R-GROUP-2 on two nodes: a permission-group edit on node A shows on node B at once, in the API and the next refreshed token")
    void groupEditSeenOnOtherNode() {
        String org = organization("groups");
        String groupId = group(org, "Cashiers", "pos:sell");
        assertEquals(201, support(cluster.a(), "POST", "/organizations/" + org + "/owner",
                Map.of("userId", user("owner@groups.example"))).status());
        String cashier = user("cashier@groups.example");
        support(cluster.a(), "POST", "/organizations/" + org + "/administrators",
                Map.of("userId", cashier, "permissionGroups", List.of("Cashiers")));
        JsonNode session = login(cluster.b(), "cashier@groups.example");
        String token = session.get("access_token").asText();
        assertEquals("[\"pos:sell\"]", FormLogin.claims(token).at("/backoffice/permissions").toString());
        JsonNode before = cluster.b().call("GET", "/" + realm + "/backoffice/organizations/" + org + "/me", token, null).json();
        assertEquals("[\"pos:sell\"]", before.get("permissions").toString());

        grant(org, groupId, "pos:refund");

        JsonNode after = cluster.b().call("GET", "/" + realm + "/backoffice/organizations/" + org + "/me", token, null).json();
        assertEquals("[\"pos:refund\",\"pos:sell\"]", after.get("permissions").toString());
        Http.Reply refreshed = HTTP.form(cluster.b().base() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", "back-office", "refresh_token", session.get("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        assertEquals("[\"pos:refund\",\"pos:sell\"]",
                FormLogin.claims(refreshed.json().get("access_token").asText()).at("/backoffice/permissions").toString(),
                "the next token refreshed on node B");
    }

    /** A shared account and PIN holders in a fresh organization; the PIN step locks after 6 failures. */
    private static Map<String, String> pinCentre(String alias, int holders) {
        String org = organization(alias);
        group(org, "Staff", "pos:sell");
        assertEquals(201, support(cluster.a(), "POST", "/organizations/" + org + "/owner",
                Map.of("userId", user("owner@" + alias + ".example"))).status());
        Map<String, String> people = new java.util.LinkedHashMap<>();
        people.put("org", org);
        String desk = user("desk@" + alias + ".example");
        assertEquals(200, support(cluster.a(), "PUT", "/organizations/" + org + "/support", Map.of("sharedAccountsUnlocked", true)).status());
        support(cluster.a(), "POST", "/organizations/" + org + "/administrators", Map.of("userId", desk, "permissionGroups", List.of("Staff")));
        assertEquals(200, support(cluster.a(), "PUT", "/organizations/" + org + "/administrators/" + desk + "/pin-settings",
                Map.of("pinMode", "SHARED")).status());
        for (int i = 0; i < holders; i++) {
            String id = user("holder" + i + "@" + alias + ".example");
            support(cluster.a(), "POST", "/organizations/" + org + "/administrators", Map.of("userId", id, "permissionGroups", List.of("Staff")));
            people.put("holder" + i, id);
            people.put("pin" + i, support(cluster.a(), "PUT", "/organizations/" + org + "/administrators/" + id + "/pin-settings",
                    Map.of("pinMode", "PIN")).json().get("pin").asText());
        }
        return people;
    }

    private static void configurePinStep(Map<String, String> config) {
        String flow = "/" + realm + "/authentication/flows/" + Http.enc("browser with staff PIN").replace("+", "%20") + "/executions";
        for (JsonNode execution : cluster.a().adminGet(flow)) {
            if ("backoffice-staff-pin".equals(execution.path("providerId").asText())) {
                String path = "/" + realm + "/authentication/config/" + execution.get("authenticationConfig").asText();
                ObjectNode current = (ObjectNode) cluster.a().adminGet(path);
                current.set("config", Http.JSON.valueToTree(config));
                assertEquals(204, cluster.a().admin("PUT", path, current).status());
            }
        }
    }

    /** One login of the shared account on a node, up to the PIN page, then this PIN. */
    private static FormLogin.Page pinLogin(Cluster.Node node, String alias, String pin) {
        FormLogin login = new FormLogin(HTTP, node.base(), realm, TestRealm.APP_CLIENT, "openid", TestRealm.PASSWORD, cluster.publicBase);
        FormLogin.Page pinPage = login.password("desk@" + alias + ".example");
        return login.pin(pinPage, pin);
    }

    @Test
    @Order(4)
    @DisplayName("R-STEP-4 on two nodes: wrong PINs sent to both nodes reach the one per-shared-account lock")
    void pinLockAcrossNodes() {
        configurePinStep(Map.of("attemptsPerLogin", "50", "failuresPerWindow", "6", "windowSeconds", "600", "lockSeconds", "600"));
        Map<String, String> centre = pinCentre("lock", 1);
        String wrong = centre.get("pin0").equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 6; i++) {
            FormLogin.Page refused = pinLogin(node(i), "lock", wrong);
            assertTrue(refused.isPinPage(), "wrong PIN refused on node " + node(i).name + ": " + refused);
        }
        for (Cluster.Node node : cluster.nodes) {
            FormLogin.Page locked = pinLogin(node, "lock", centre.get("pin0"));
            assertTrue(locked.code() == null && locked.feedback().contains("locked"),
                    "the right PIN is refused while locked, on node " + node.name + ": " + locked);
        }
    }

    @Test
    @Order(5)
    @DisplayName("R-ADMIN-4 on two nodes: a PIN holder deactivated on node A is refused at the PIN step on node B")
    void deactivationOnOneNodeRefusesPinOnTheOther() {
        Map<String, String> centre = pinCentre("deact", 2);
        assertTrue(pinLogin(cluster.b(), "deact", centre.get("pin0")).code() != null, "active holder's PIN accepted on B");
        assertEquals(200, support(cluster.a(), "PUT", "/organizations/" + centre.get("org") + "/administrators/"
                + centre.get("holder0") + "/status", Map.of("status", "INACTIVE")).status());
        FormLogin.Page refused = pinLogin(cluster.b(), "deact", centre.get("pin0"));
        assertTrue(refused.isPinPage() && refused.code() == null, "deactivated on A, refused on B: " + refused);
        assertTrue(pinLogin(cluster.b(), "deact", centre.get("pin1")).code() != null, "another holder still works on B");
    }

    @Test
    @Order(9)
    @DisplayName("A node killed mid-writes: the other node goes on, each write is whole or absent, sessions survive")
    void nodeKilledDuringWrites() throws Exception {
        String org = organization("crash");
        String staff = group(org, "Staff", "pos:sell");
        int n = 40;
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            users.add(user("crash" + i + "@crash.example"));
        }
        JsonNode session = login(cluster.b(), "crash0@crash.example");

        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger done = new AtomicInteger();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        List<Future<?>> writes = new ArrayList<>();
        for (String id : users) {
            writes.add(pool.submit(() -> {
                try {
                    Http.Reply reply = support(cluster.b(), "POST", "/organizations/" + org + "/administrators",
                            Map.of("userId", id, "permissionGroups", List.of("Staff")));
                    if (reply.status() == 201) {
                        confirmed.add(id);
                    }
                } catch (RuntimeException connectionLost) {
                    // the node died under this request: its outcome is checked below
                }
                done.incrementAndGet();
            }));
        }
        while (done.get() < 8) {
            Thread.sleep(20);
        }
        cluster.b().server.kill();
        pool.shutdown();
        assertTrue(pool.awaitTermination(3, TimeUnit.MINUTES));
        int killedAfter = done.get();

        // The survivor answers, and each write is whole (record and group membership) or absent.
        JsonNode administrators = support(cluster.a(), "GET", "/organizations/" + org + "/administrators", null).json();
        Set<String> recorded = new HashSet<>();
        for (JsonNode a : administrators) {
            recorded.add(a.get("userId").asText());
            assertEquals("[\"Staff\"]", a.get("permissionGroups").toString(), "whole write for " + a.get("username"));
        }
        assertTrue(recorded.containsAll(confirmed), "every confirmed write is there");
        // Whole or absent, read from the database itself: the survivor's user cache may still hold what it
        // read before the crash (the dead node could not send its invalidations).
        try (java.sql.Connection db = cluster.connection()) {
            for (String id : users) {
                boolean hasRecord = count(db, "select count(*) from BOA_ADMINISTRATOR where ORGANIZATION_ID = ? and USER_ID = ?", org, id) == 1;
                boolean inGroup = count(db, "select count(*) from USER_GROUP_MEMBERSHIP where USER_ID = ? and GROUP_ID = ?", id, staff) == 1;
                // Organization membership is a membership of the organization's own internal group.
                boolean member = count(db, "select count(*) from USER_GROUP_MEMBERSHIP where USER_ID = ? and GROUP_ID <> ?", id, staff) == 1;
                assertEquals(hasRecord, inGroup, "record and group membership agree for " + id);
                assertEquals(recorded.contains(id), hasRecord, "the survivor lists exactly the records in the database: " + id);
                assertEquals(hasRecord, member, "record and organization membership agree for " + id);
            }
        }
        System.out.printf("[cluster] node B killed after %d of %d writes answered; %d confirmed, %d recorded, %d checked whole-or-absent%n",
                killedAfter, n, confirmed.size(), recorded.size(), n);

        // The user session made on the dead node refreshes on the survivor.
        Http.Reply refreshed = HTTP.form(cluster.a().base() + "/realms/" + realm + "/protocol/openid-connect/token", Map.of(
                "grant_type", "refresh_token", "client_id", "back-office", "refresh_token", session.get("refresh_token").asText()));
        assertEquals(200, refreshed.status(), refreshed.toString());
    }

    private static long count(java.sql.Connection db, String sql, String... parameters) throws java.sql.SQLException {
        try (java.sql.PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    @Order(10)
    @DisplayName("R-PIN-4 on PostgreSQL: PINs issued on both nodes appear nowhere in the database or the nodes' logs")
    void noPinInTheDatabase() throws Exception {
        String org = organization("leaks");
        group(org, "Staff", "pos:sell");
        java.util.Set<String> pins = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            String id = user("leak" + i + "@leaks.example");
            assertEquals(201, support(cluster.a(), "POST", "/organizations/" + org + "/administrators",
                    Map.of("userId", id, "permissionGroups", List.of("Staff"))).status());
            pins.add(support(cluster.a(), "PUT", "/organizations/" + org + "/administrators/" + id + "/pin-settings",
                    Map.of("pinMode", "PIN")).json().get("pin").asText());
        }
        pins.addAll(TestHttp.ISSUED_PINS);
        io.backoffice.keycloak.it.PinLeaks leaks = new io.backoffice.keycloak.it.PinLeaks(pins);
        StringBuilder dump = new StringBuilder();
        try (java.sql.Connection db = cluster.connection();
             java.sql.ResultSet tables = db.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> names = new ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            for (String table : names) {
                try (java.sql.Statement s = db.createStatement(); java.sql.ResultSet rows = s.executeQuery("select * from \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int c = 1; c <= columns; c++) {
                            dump.append(rows.getString(c)).append('\t');
                        }
                        dump.append('\n');
                    }
                }
            }
        }
        java.util.TreeSet<String> found = leaks.in(dump.toString());
        for (Cluster.Node node : cluster.nodes) {
            found.addAll(leaks.in(java.nio.file.Files.readString(node.server.logFile(), java.nio.charset.StandardCharsets.ISO_8859_1)));
        }
        System.out.printf("[leak-check] cluster: %d PINs looked for in %d characters of PostgreSQL data and 2 node logs: %d found%n",
                leaks.count(), dump.length(), found.size());
        assertTrue(leaks.count() >= 10);
        assertEquals(0, found.size(), "PINs found in clear: " + io.backoffice.keycloak.it.PinLeaks.describe(found));
    }

    @Test
    @Order(11)
    @DisplayName("R-PIN-6: the PIN lookup is an index scan, and a unique (organization, digest) index exists for it (its cost at 100,000 holders is the benchmark's)")
    void pinLookupUsesTheIndex() throws Exception {
        try (java.sql.Connection db = cluster.connection(); java.sql.Statement s = db.createStatement()) {
            // Ask the planner whether an index can serve the exact lookup PinService makes; the benchmark
            // shows what it costs at 100,000 holders.
            s.execute("set enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (java.sql.ResultSet rows = s.executeQuery("explain select * from BOA_ADMINISTRATOR"
                    + " where ORGANIZATION_ID = 'o' and PIN_DIGEST = 'd'")) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            // On these few rows the planner may pick the (organization, created) index; at scale the
            // benchmark measures the lookup through the unique one.
            assertTrue(plan.toString().contains("Index Scan") && !plan.toString().contains("Seq Scan"), plan.toString());
            try (java.sql.ResultSet index = s.executeQuery("select indexdef from pg_indexes where indexname = 'uk_boa_admin_pin'")) {
                assertTrue(index.next(), "the unique index exists");
                assertTrue(index.getString(1).matches("(?i)CREATE UNIQUE INDEX .*\\(organization_id, pin_digest\\)"), index.getString(1));
            }
        }
    }
}

package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.backoffice.keycloak.testing.KeycloakServer;

/**
 * The benchmark, start to end, in this JVM (the load generator, separate from Keycloak's): a stock
 * Keycloak with our providers started by the tests' launcher on its own fresh database, the data seeded,
 * the three measurements run, a table printed and the figures written as JSON. Settings are system
 * properties (see bench/run.sh and docs/benchmarks.md).
 */
public final class BenchMain {

    /** Rounds that run even past a phase's deadline (fewer only if fewer are asked for), so every ratio has a spread. */
    static final int MIN_ROUNDS = 5;
    private static final long STARTED = System.nanoTime();

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        Path root = settings.root;
        Map<String, Object> machine = Machine.describe();
        log("Machine: " + machine);
        log("Settings: " + settings);

        Database database = Database.create(System.getProperty("bench.database", "backoffice_bench")); // own name per worktree: two runs on one PostgreSQL must not drop each other's
        log("Database: " + database.description);
        Report report = new Report(settings, machine, database.description, Source.describe(root));
        log("Source: " + report.source);

        Path template = root.resolve("integration-tests/target/keycloak-template/keycloak-" + settings.keycloakVersion);
        if (!Files.exists(template.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + template + ": build first (bench/run.sh does).");
        }
        Path home = root.resolve("bench/target/keycloak-bench");
        // production mode, as the cluster test runs it: a built server (start --optimized), one node (local caches)
        List<String> arguments = new ArrayList<>(List.of("start", "--optimized", "--http-enabled=true", "--hostname-strict=false",
                "--log-level=INFO"));
        arguments.addAll(database.keycloakOptions());
        KeycloakServer server = KeycloakServer.prepare(template, home, settings.port, arguments);
        KeycloakServer.deleteTree(home.resolve("data"));
        Files.deleteIfExists(server.logFile());
        Files.copy(root.resolve("bench/seeder/target/backoffice-bench-seeder.jar"),
                home.resolve("providers/backoffice-bench-seeder.jar"), StandardCopyOption.REPLACE_EXISTING);
        log("kc.sh build (production mode, PostgreSQL, local caches)...");
        server.build(List.of("--db=postgres", "--features=organization", "--cache=local"));
        report.keycloakBuildSeconds = elapsedSeconds();
        ExecutorService pool = Executors.newFixedThreadPool(settings.clients, r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        try {
            server.start(Duration.ofMinutes(8));
            report.keycloakStartSeconds = elapsedSeconds();
            ServerJvm jvm = ServerJvm.of(home);
            report.serverMaxHeap = jvm.maxHeap();
            Api api = new Api(server.baseUrl());
            BenchRealm realm = BenchRealm.create(api, root.resolve("demo/realm-demo.json"), "bench");
            log("Realm 'bench' made from demo/realm-demo.json");
            SqlCounter sql = new SqlCounter(api, realm.name);
            sql.calibrate();
            report.heapBeforeSeeding = jvm.liveHeap();

            log("Token scenario: 200 catalogue permissions, 20 permission groups, 3 clients");
            TokenBenchmark tokens = TokenBenchmark.setUp(realm);

            java.util.SortedSet<Integer> sizes = new java.util.TreeSet<>(settings.pinScales);
            sizes.addAll(settings.adminScales);
            log("Seeding PIN holders " + sizes + " (one organization each, through bench/seeder)");
            long seedStart = System.nanoTime();
            List<PinBenchmark.PinOrganization> seeded = new ArrayList<>();
            for (int holders : sizes) {
                PinBenchmark.PinOrganization organization = PinBenchmark.setUp(realm, holders, settings.pinPool, settings.seedBatch,
                        settings.seedParallel);
                log(String.format("  %,d PIN holders seeded in %.1f s", holders, organization.seedSeconds));
                seeded.add(organization);
            }
            report.pinSeedSeconds = (System.nanoTime() - seedStart) / 1e9;
            report.pinOrganizations = seeded;
            report.heapAfterPinSeeding = jvm.heap();
            report.liveHeapAfterPinSeeding = jvm.liveHeap();
            log("Server heap after seeding: " + Report.heapLine(report.heapAfterPinSeeding) + "; after a full GC: "
                    + Report.heapLine(report.liveHeapAfterPinSeeding));
            List<PinBenchmark.PinOrganization> pinOrganizations = seeded.stream()
                    .filter(o -> settings.pinScales.contains(o.holders)).toList();
            List<AdminListBenchmark.AdminOrganization> adminOrganizations = seeded.stream()
                    .filter(o -> settings.adminScales.contains(o.holders)).map(AdminListBenchmark::of).toList();
            report.adminOrganizations = adminOrganizations;
            long vacuum = System.nanoTime();
            database.analyze();
            log(String.format("VACUUM ANALYZE after seeding: %.1f s", (System.nanoTime() - vacuum) / 1e9));
            report.seededAtSeconds = elapsedSeconds();

            Random random = new Random(settings.seed);
            // what is left of the time budget goes to the four measurements; each stops starting rounds at its
            // share (after at least two), so a slow machine still finishes in time
            double left = Math.max(60, settings.budgetSeconds - elapsedSeconds() - 30);
            long now = System.nanoTime();
            long tokenDeadline = now + (long) (left * 0.20 * 1e9);
            long pinDeadline = now + (long) (left * 0.40 * 1e9);
            long loginDeadline = now + (long) (left * 0.60 * 1e9);
            long listDeadline = now + (long) (left * 1e9);
            log(String.format("Time left for the measurements: %.0f s of the %.0f s budget", left, settings.budgetSeconds));
            log(String.format("Token cost: %d clients, warm-up %d s per variant, %d rounds of %.0f s per variant",
                    settings.clients, settings.tokenWarmupSeconds, settings.tokenRounds, settings.tokenSlotSeconds));
            report.tokens = tokens.run(pool, settings.clients, settings.tokenWarmupSeconds, settings.tokenRounds,
                    settings.tokenSlotSeconds, random, tokenDeadline);
            tokens.countStatements(sql, settings.sqlCalls);

            log(String.format("PIN step: %d clients x %d sessions per organization and round, %d rounds",
                    settings.clients, settings.pinPerClient, settings.pinRounds));
            PinBenchmark pins = new PinBenchmark(realm, pinOrganizations);
            report.pins = pins.run(pool, settings.clients, settings.pinRounds, settings.pinPerClient, random, pinDeadline);
            report.pinStatements = pins.statements(sql, settings.sqlCalls, random);

            log(String.format("PIN lookup alone, indexed vs naive (digest against every holder): %d rounds of %d calls per organization and mode",
                    settings.lookupRounds, settings.lookupCalls));
            report.lookups = new PinLookupBaseline(realm, pinOrganizations).run(settings.lookupRounds, settings.lookupCalls, random,
                    pinDeadline);

            log(String.format("Login with the PIN step vs Keycloak's OTP step: %d OTP users, %d clients x %d logins per variant and round, %d rounds",
                    settings.loginUsers, settings.clients, settings.loginPerClient, settings.loginRounds));
            try {
                LoginComparison logins = LoginComparison.setUp(realm, pinOrganizations.get(pinOrganizations.size() - 1), settings.loginUsers);
                report.logins = logins.run(pool, settings.clients, settings.loginRounds, settings.loginPerClient, random, loginDeadline);
                logins.countStatements(sql, Math.min(settings.sqlCalls, 10), random);
            } catch (RuntimeException e) {
                // a new comparison that fails must not cost the other figures: recorded as not measured, with why
                report.loginFailure = e.toString();
                log("Login comparison failed, recorded as not measured: " + e);
            }

            log(String.format("Administrators list: %d clients, %d rounds, up to %d calls per client and %.0f s per slot",
                    settings.listClients, settings.listRounds, settings.listPerClient, settings.listSlotSeconds));
            AdminListBenchmark lists = new AdminListBenchmark(realm, adminOrganizations);
            lists.run(pool, settings.listClients, settings.listRounds, settings.listPerClient, settings.listSlotSeconds, random,
                    listDeadline, sql);
            report.lists = lists.results();
            report.listStatements = lists.statements();
            report.heapAtEnd = jvm.heap();
        } finally {
            report.totalSeconds = elapsedSeconds();
            server.close();
            pool.shutdownNow();
            if (!settings.keepDatabase) {
                database.drop();
            }
        }
        String table = report.table();
        System.out.println(table);
        report.write(settings.output);
        String name = settings.output.getFileName().toString();
        report.writeMarkdown(settings.output.resolveSibling(name.equals("results.json") ? "RESULTS.md" : name.replace(".json", ".md")), table);
        log("Figures written to " + settings.output + "; server log: " + server.logFile());
    }

    static double elapsedSeconds() {
        return (System.nanoTime() - STARTED) / 1e9;
    }

    static void log(String message) {
        System.out.printf("[bench %6.1fs] %s%n", elapsedSeconds(), message);
        System.out.flush();
    }

    /** Everything the run can be told, with the full run's values as defaults. */
    static final class Settings {
        Path root;
        Path output;
        String keycloakVersion;
        String command;
        int port;
        int clients;
        int listClients;
        long seed;
        boolean keepDatabase;
        List<Integer> pinScales;
        List<Integer> adminScales;
        int seedBatch;
        int seedParallel;
        int pinPool;
        int tokenWarmupSeconds;
        int tokenRounds;
        double tokenSlotSeconds;
        int sqlCalls;
        int loginUsers;
        int lookupRounds;
        int lookupCalls;
        int loginRounds;
        int loginPerClient;
        int pinRounds;
        int pinPerClient;
        int listRounds;
        int listPerClient;
        double listSlotSeconds;
        double budgetSeconds;

        static Settings fromSystemProperties() {
            Settings s = new Settings();
            s.root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
            s.output = Path.of(System.getProperty("bench.output", s.root.resolve("bench/target/results.json").toString()));
            s.keycloakVersion = required("keycloak.server.version");
            s.command = System.getProperty("bench.command", "bench/run.sh");
            s.port = Integer.getInteger("bench.port", 8880); // and port + 1000 for the management port
            s.clients = Integer.getInteger("bench.clients", 4);
            s.listClients = Integer.getInteger("bench.list.clients", 2);
            s.seed = Long.getLong("bench.seed", 42);
            s.keepDatabase = Boolean.getBoolean("bench.keepDatabase");
            s.pinScales = ints(System.getProperty("bench.pin.scales", "10,1000,10000,100000"));
            s.adminScales = ints(System.getProperty("bench.admin.scales", "100,1000,10000,100000"));
            s.seedBatch = Integer.getInteger("bench.seed.batch", 1000);
            s.seedParallel = Integer.getInteger("bench.seed.parallel", 3);
            s.pinPool = Integer.getInteger("bench.pin.pool", 200);
            s.tokenWarmupSeconds = Integer.getInteger("bench.token.warmup", 8);
            s.tokenRounds = Integer.getInteger("bench.token.rounds", 6);
            s.tokenSlotSeconds = Double.parseDouble(System.getProperty("bench.token.slot", "5"));
            s.sqlCalls = Integer.getInteger("bench.sql.calls", 20);
            s.loginUsers = Integer.getInteger("bench.login.users", 300);
            s.lookupRounds = Integer.getInteger("bench.lookup.rounds", 5);
            s.lookupCalls = Integer.getInteger("bench.lookup.calls", 10);
            s.loginRounds = Integer.getInteger("bench.login.rounds", 6);
            s.loginPerClient = Integer.getInteger("bench.login.perClient", 5);
            s.pinRounds = Integer.getInteger("bench.pin.rounds", 6);
            s.pinPerClient = Integer.getInteger("bench.pin.perClient", 6);
            s.listRounds = Integer.getInteger("bench.list.rounds", 5);
            s.listPerClient = Integer.getInteger("bench.list.perClient", 10);
            s.listSlotSeconds = Double.parseDouble(System.getProperty("bench.list.slot", "4"));
            s.budgetSeconds = Double.parseDouble(System.getProperty("bench.budget", "1950"));
            return s;
        }

        private static String required(String name) {
            String value = System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("-D" + name + " is required");
            }
            return value;
        }

        private static List<Integer> ints(String csv) {
            return Arrays.stream(csv.split(",")).map(String::trim).map(Integer::valueOf).sorted().toList();
        }

        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("port", port);
            json.put("clients", clients);
            json.put("list_clients", listClients);
            json.put("random_seed", seed);
            json.put("pin_scales", pinScales);
            json.put("admin_scales", adminScales);
            json.put("seed_batch", seedBatch);
            json.put("seed_parallel", seedParallel);
            json.put("pin_pool_per_organization", pinPool);
            json.put("token_warmup_seconds_per_variant", tokenWarmupSeconds);
            json.put("token_rounds", tokenRounds);
            json.put("token_slot_seconds", tokenSlotSeconds);
            json.put("sql_count_calls", sqlCalls);
            json.put("login_otp_users", loginUsers);
            json.put("lookup_rounds", lookupRounds);
            json.put("lookup_calls_per_slot", lookupCalls);
            json.put("login_rounds", loginRounds);
            json.put("login_per_client_per_round", loginPerClient);
            json.put("pin_rounds", pinRounds);
            json.put("pin_sessions_per_client_per_round", pinPerClient);
            json.put("list_rounds", listRounds);
            json.put("list_calls_per_client_per_slot_max", listPerClient);
            json.put("list_slot_seconds", listSlotSeconds);
            json.put("time_budget_seconds", budgetSeconds);
            return json;
        }

        @Override
        public String toString() {
            return toJson().toString();
        }
    }

    /** What the figures were measured on. */
    static final class Machine {
        static Map<String, Object> describe() {
            Map<String, Object> machine = new LinkedHashMap<>();
            machine.put("nproc", Runtime.getRuntime().availableProcessors());
            machine.put("memory_total_mb", memInfo("MemTotal"));
            machine.put("memory_available_mb_at_start", memInfo("MemAvailable"));
            machine.put("load_average_at_start", firstLine("/proc/loadavg"));
            machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
            machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            machine.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            return machine;
        }

        private static long memInfo(String key) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith(key + ":")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux
            }
            return -1;
        }

        private static String firstLine(String file) {
            try {
                return Files.readAllLines(Path.of(file)).get(0);
            } catch (IOException | IndexOutOfBoundsException e) {
                return "?";
            }
        }
    }
}

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
import io.backoffice.keycloak.testkit.Http;

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
        Budget budget = new Budget(settings);
        budget.print();
        Budget.Phase keycloak = budget.start("Keycloak build and start");

        // one database per port unless named: benchmarks of several worktrees can run side by side
        Database database = Database.create(System.getProperty("bench.database", "backoffice_bench_" + settings.port));
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
            keycloak.end();
            Budget.Phase realmPhase = budget.start("realm");
            ServerJvm jvm = ServerJvm.of(home);
            report.serverMaxHeap = jvm.maxHeap();
            Http api = BenchRealm.client(server.baseUrl());
            BenchRealm realm = BenchRealm.create(api, root.resolve("demo/realm-demo.json"), "bench");
            log("Realm 'bench' made from demo/realm-demo.json");
            realmPhase.end();
            SqlCounter sql = new SqlCounter(realm);
            sql.calibrate();
            report.heapBeforeSeeding = jvm.liveHeap();
            Random random = new Random(settings.seed);

            Budget.Phase seeding = budget.start("seeding");
            java.util.SortedSet<Integer> sizes = new java.util.TreeSet<>(settings.pinScales);
            sizes.addAll(settings.adminScales);
            log("Organizations with PIN holders " + sizes + ", and " + settings.spreadOrganizations + " organizations of "
                    + settings.spreadHolders + " (their organizations, owners and shared accounts through the product's APIs)");
            List<PinOrganization> seeded = new ArrayList<>();
            for (int holders : sizes) {
                seeded.add(PinOrganization.create(realm, "bench-pin-" + holders, holders, random));
            }
            List<PinOrganization> spread = createInParallel(realm, settings, random);
            long seedStart = System.nanoTime();
            Seeding.seed(realm, seeded, true, settings.seedParallel, "single organizations");
            for (PinOrganization organization : seeded) {
                log(String.format("  %,d PIN holders seeded in %.1f s", organization.holders, organization.seedSeconds));
            }
            Seeding.seed(realm, spread, false, settings.seedParallel, settings.spreadOrganizations + " organizations");
            report.pinSeedSeconds = (System.nanoTime() - seedStart) / 1e9;
            realm.clearCaches();
            report.pinOrganizations = seeded;
            report.spreadOrganizations = spread;
            report.heapAfterPinSeeding = jvm.heap();
            report.liveHeapAfterPinSeeding = jvm.liveHeap();
            log("Server heap after seeding: " + Report.heapLine(report.heapAfterPinSeeding) + "; after a full GC: "
                    + Report.heapLine(report.liveHeapAfterPinSeeding));
            List<PinPopulation> populations = new ArrayList<>();
            seeded.stream().filter(o -> settings.pinScales.contains(o.holders)).map(PinPopulation::of).forEach(populations::add);
            PinPopulation spreadPopulation = PinPopulation.spread(spread);
            populations.add(spreadPopulation);
            List<PinOrganization> pinOrganizations = seeded.stream().filter(o -> settings.pinScales.contains(o.holders)).toList();
            List<AdminListBenchmark.AdminOrganization> adminOrganizations = seeded.stream()
                    .filter(o -> settings.adminScales.contains(o.holders)).map(AdminListBenchmark::of).toList();
            report.adminOrganizations = adminOrganizations;
            long vacuum = System.nanoTime();
            database.analyze();
            log(String.format("VACUUM ANALYZE after seeding: %.1f s", (System.nanoTime() - vacuum) / 1e9));
            report.seededAtSeconds = elapsedSeconds();
            seeding.end();

            Budget.Phase tokenPhase = budget.start("tokens");
            log("Token scenario: 200 catalogue permissions, 20 permission groups; a shared account with act; users of "
                    + settings.tokenOrganizationCounts + " organizations");
            List<PinOrganization> anyOrganizations = new ArrayList<>(spread);
            anyOrganizations.addAll(seeded);
            TokenBenchmark tokens = TokenBenchmark.setUp(realm, anyOrganizations, settings.tokenOrganizationCounts);
            log(String.format("Token cost: %d variants, %d clients, warm-up %d s per variant, %d rounds of %.0f s per variant",
                    tokens.variants().size(), settings.clients, settings.tokenWarmupSeconds, settings.tokenRounds, settings.tokenSlotSeconds));
            report.tokens = tokens.run(pool, settings.clients, settings.tokenWarmupSeconds, settings.tokenRounds,
                    settings.tokenSlotSeconds, random, tokenPhase.deadline());
            report.tokenVariants = tokens.variants();
            tokens.countStatements(sql, settings.sqlCalls);
            tokenPhase.end();

            Budget.Phase pinPhase = budget.start("PIN step");
            log(String.format("PIN step: %d clients x %d sessions per population and round, %d rounds; populations %s",
                    settings.clients, settings.pinPerClient, settings.pinRounds, populations.stream().map(PinPopulation::label).toList()));
            PinBenchmark pins = new PinBenchmark(realm, populations);
            report.pins = pins.run(pool, settings.clients, settings.pinRounds, settings.pinPerClient, random, pinPhase.deadline());
            report.pinStatements = pins.statements(sql, settings.sqlCalls, random);
            log(String.format("PIN step with Keycloak's user cache emptied before each submit: one client, %d rounds of %d submits per population",
                    settings.pinColdRounds, settings.pinColdPerRound));
            report.pinsColdCache = pins.coldCache(settings.pinColdRounds, settings.pinColdPerRound, random);
            log(String.format("PIN lookup alone, indexed vs naive (digest against every holder): %d rounds of %d calls per organization and mode",
                    settings.lookupRounds, settings.lookupCalls));
            report.lookups = new PinLookupBaseline(realm, pinOrganizations).run(settings.lookupRounds, settings.lookupCalls, random,
                    pinPhase.deadline());
            pinPhase.end();

            Budget.Phase loginPhase = budget.start("logins");
            log(String.format("Login with the PIN step vs Keycloak's OTP step: %d OTP users, %d clients x %d logins per variant and round, %d rounds",
                    settings.loginUsers, settings.clients, settings.loginPerClient, settings.loginRounds));
            try {
                LoginComparison logins = LoginComparison.setUp(realm, spreadPopulation, settings.loginUsers);
                report.logins = logins.run(pool, settings.clients, settings.loginRounds, settings.loginPerClient, random, loginPhase.deadline());
                logins.countStatements(sql, Math.min(settings.sqlCalls, 10), random);
            } catch (RuntimeException e) {
                // a comparison that fails must not cost the other figures: recorded as not measured, with why
                report.loginFailure = e.toString();
                log("Login comparison failed, recorded as not measured: " + e);
            }
            loginPhase.end();

            Budget.Phase switchPhase = budget.start("PIN switch");
            PinOrganization largest = pinOrganizations.get(pinOrganizations.size() - 1);
            log(String.format("Acting person switched: staff PIN grant vs browser step-up, %,d holders, %d clients x %d per variant and round, %d rounds",
                    largest.holders, settings.clients, settings.switchPerClient, settings.switchRounds));
            try {
                PinSwitchBenchmark switches = PinSwitchBenchmark.setUp(realm, largest);
                report.switches = switches.run(pool, settings.clients, settings.switchRounds, settings.switchPerClient, random,
                        switchPhase.deadline());
                switches.countStatements(sql, Math.min(settings.sqlCalls, 10), random);
            } catch (RuntimeException e) {
                report.switchFailure = e.toString();
                log("PIN switch comparison failed, recorded as not measured: " + e);
            }
            switchPhase.end();

            Budget.Phase listPhase = budget.start("administrators list");
            log(String.format("Administrators list: %d clients, %d rounds, up to %d calls per client and %.0f s per slot",
                    settings.listClients, settings.listRounds, settings.listPerClient, settings.listSlotSeconds));
            AdminListBenchmark lists = new AdminListBenchmark(realm, adminOrganizations);
            lists.run(pool, settings.listClients, settings.listRounds, settings.listPerClient, settings.listSlotSeconds, random,
                    listPhase.deadline(), sql);
            report.lists = lists.results();
            report.listStatements = lists.statements();
            listPhase.end();

            Budget.Phase pagePhase = budget.start("admin page");
            AdminListBenchmark.AdminOrganization pageOrganization = adminOrganizations.get(adminOrganizations.size() - 1);
            log(String.format("Organization admin page: JS+CSS bytes, first usable screen in Chromium (owner of %,d administrators, %d loads per cache state)",
                    pageOrganization.size, settings.pageLoads));
            try {
                report.page = AdminPageBenchmark.measure(realm, pageOrganization.owner, settings.pageLoads);
            } catch (RuntimeException e) {
                report.pageFailure = e.toString();
                log("Admin page figure failed, recorded as not measured: " + e);
            }
            pagePhase.end();
            report.heapAtEnd = jvm.heap();
            report.phases = budget.toJson();
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

    /** The many organizations of the spread population, {@code bench.seed.parallel} at a time (no holders yet). */
    private static List<PinOrganization> createInParallel(BenchRealm realm, Settings settings, Random random) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(settings.seedParallel);
        try {
            List<java.util.concurrent.Future<PinOrganization>> created = new ArrayList<>();
            for (int i = 0; i < settings.spreadOrganizations; i++) {
                String alias = String.format("bench-spread-%03d", i);
                created.add(workers.submit(() -> PinOrganization.create(realm, alias, settings.spreadHolders, random)));
            }
            List<PinOrganization> organizations = new ArrayList<>();
            for (java.util.concurrent.Future<PinOrganization> f : created) {
                organizations.add(f.get());
                if (organizations.size() % 20 == 0) {
                    log(String.format("  %d / %d organizations made", organizations.size(), settings.spreadOrganizations));
                }
            }
            return organizations;
        } finally {
            workers.shutdownNow();
        }
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
        int seedParallel;
        int spreadOrganizations;
        int spreadHolders;
        List<Integer> tokenOrganizationCounts;
        int switchRounds;
        int switchPerClient;
        int pageLoads;
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
        int pinColdRounds;
        int pinColdPerRound;
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
            s.seedParallel = Integer.getInteger("bench.seed.parallel", 3);
            String[] spread = System.getProperty("bench.spread", "100x10000").split("x");
            s.spreadOrganizations = Integer.parseInt(spread[0].trim());
            s.spreadHolders = Integer.parseInt(spread[1].trim());
            s.tokenOrganizationCounts = ints(System.getProperty("bench.token.organizations", "1,5,50"));
            s.switchRounds = Integer.getInteger("bench.switch.rounds", 6);
            s.switchPerClient = Integer.getInteger("bench.switch.perClient", 5);
            s.pageLoads = Integer.getInteger("bench.page.loads", 5);
            s.tokenWarmupSeconds = Integer.getInteger("bench.token.warmup", 5);
            s.tokenRounds = Integer.getInteger("bench.token.rounds", 6);
            s.tokenSlotSeconds = Double.parseDouble(System.getProperty("bench.token.slot", "4"));
            s.sqlCalls = Integer.getInteger("bench.sql.calls", 20);
            s.loginUsers = Integer.getInteger("bench.login.users", 300);
            s.lookupRounds = Integer.getInteger("bench.lookup.rounds", 5);
            s.lookupCalls = Integer.getInteger("bench.lookup.calls", 10);
            s.loginRounds = Integer.getInteger("bench.login.rounds", 6);
            s.loginPerClient = Integer.getInteger("bench.login.perClient", 5);
            s.pinRounds = Integer.getInteger("bench.pin.rounds", 6);
            s.pinPerClient = Integer.getInteger("bench.pin.perClient", 6);
            s.pinColdRounds = Integer.getInteger("bench.pin.coldRounds", 5);
            s.pinColdPerRound = Integer.getInteger("bench.pin.coldPerRound", 8);
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
            json.put("seed_parallel", seedParallel);
            json.put("spread_organizations", spreadOrganizations);
            json.put("spread_holders_per_organization", spreadHolders);
            json.put("token_user_organization_counts", tokenOrganizationCounts);
            json.put("switch_rounds", switchRounds);
            json.put("switch_per_client_per_round", switchPerClient);
            json.put("page_loads_per_cache_state", pageLoads);
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
            json.put("pin_cold_cache_rounds", pinColdRounds);
            json.put("pin_cold_cache_submits_per_round", pinColdPerRound);
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

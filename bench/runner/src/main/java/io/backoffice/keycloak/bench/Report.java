package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The printed table, results.json and RESULTS.md, all from one run's figures (never edited by hand). Every
 * latency ratio is a {@link Ratio} of medians with its bootstrap interval, judged on the interval's bound.
 */
final class Report {

    static final double TOKEN_TARGET = 1.05;
    static final double PIN_TARGET = 1.2;
    static final double LIST_TARGET = 1.5;
    static final double SQL_TOKEN_EXTRA_TARGET = 2;
    static final double LOGIN_TARGET = 1.1;

    private final BenchMain.Settings settings;
    private final Map<String, Object> machine;
    private final String database;
    final Source source;
    double keycloakBuildSeconds;
    double keycloakStartSeconds;
    String serverMaxHeap;
    Map<String, Object> heapBeforeSeeding;
    Map<String, Object> heapAfterPinSeeding;
    Map<String, Object> liveHeapAfterPinSeeding;
    Map<String, Object> heapAtEnd;
    double pinSeedSeconds;
    double seededAtSeconds;
    double totalSeconds;
    List<PinBenchmark.PinOrganization> pinOrganizations = List.of();
    List<AdminListBenchmark.AdminOrganization> adminOrganizations = List.of();
    Map<TokenBenchmark.Variant, TokenBenchmark.Result> tokens;
    Map<Integer, Latencies> pins;
    Map<Integer, Double> pinStatements = Map.of();
    Map<PinLookupBaseline.Mode, Map<Integer, Latencies>> lookups;
    Map<LoginComparison.Variant, LoginComparison.Result> logins;
    String loginFailure;
    Map<AdminListBenchmark.Request, Map<Integer, Latencies>> lists;
    Map<AdminListBenchmark.Request, Map<Integer, Double>> listStatements = Map.of();

    /** One judged figure: name, value as printed, target as printed, verdict word. */
    private record Judged(String name, String value, String target, String verdict) {
    }

    Report(BenchMain.Settings settings, Map<String, Object> machine, String database, Source source) {
        this.settings = settings;
        this.machine = machine;
        this.database = database;
        this.source = source;
    }

    Ratio tokenRatio() {
        return Ratio.of(tokens.get(TokenBenchmark.Variant.OURS).latencies.millis(),
                tokens.get(TokenBenchmark.Variant.STOCK).latencies.millis());
    }

    /** Latency of the largest size over the smallest. */
    static Ratio ratio(Map<Integer, Latencies> bySize) {
        return Ratio.of(bySize.get(max(bySize)).millis(), bySize.get(min(bySize)).millis());
    }

    double sqlTokenExtra() {
        return tokens.get(TokenBenchmark.Variant.OURS).statements - tokens.get(TokenBenchmark.Variant.STOCK).statements;
    }

    /** "flat" when every size took the same statements per request, else "grows". */
    static String flatness(Collection<Double> perSize) {
        return perSize.stream().distinct().count() <= 1 ? "met" : "missed";
    }

    private List<Judged> judged() {
        List<Judged> judged = new ArrayList<>();
        Ratio token = tokenRatio();
        judged.add(new Judged("token_ratio_vs_stock", token.toString(), "<= " + TOKEN_TARGET, Ratio.word(token.atMost(TOKEN_TARGET))));
        judged.add(new Judged("sql_per_token_ours_minus_stock", String.valueOf(Latencies.round(sqlTokenExtra())),
                "<= " + SQL_TOKEN_EXTRA_TARGET, sqlTokenExtra() <= SQL_TOKEN_EXTRA_TARGET ? "met" : "missed"));
        Ratio pin = ratio(pins);
        judged.add(new Judged(pinRatioName(), pin.toString(), "<= " + PIN_TARGET, Ratio.word(pin.atMost(PIN_TARGET))));
        judged.add(new Judged("sql_per_pin_step_flat", pinStatements.toString(), "same at every size", flatness(pinStatements.values())));
        lists.forEach((request, bySize) -> {
            Ratio r = ratio(bySize);
            judged.add(new Judged(listRatioName() + "." + request.name().toLowerCase(), r.toString(), "<= " + LIST_TARGET,
                    Ratio.word(r.atMost(LIST_TARGET))));
        });
        listStatements.forEach((request, bySize) -> judged.add(new Judged("sql_per_list_page_flat." + request.name().toLowerCase(),
                bySize.toString(), "same at every size", flatness(bySize.values()))));
        if (logins != null) {
            Ratio whole = loginRatio(false);
            Ratio step = loginRatio(true);
            judged.add(new Judged("login_pin_vs_otp_ratio", whole.toString(), "<= " + LOGIN_TARGET, Ratio.word(whole.atMost(LOGIN_TARGET))));
            judged.add(new Judged("pin_submit_vs_otp_submit_ratio", step.toString(), "<= " + LOGIN_TARGET,
                    Ratio.word(step.atMost(LOGIN_TARGET))));
        } else {
            judged.add(new Judged("login_pin_vs_otp_ratio", "not measured: " + loginFailure, "<= " + LOGIN_TARGET, "not measured"));
            judged.add(new Judged("pin_submit_vs_otp_submit_ratio", "not measured: " + loginFailure, "<= " + LOGIN_TARGET, "not measured"));
        }
        return judged;
    }

    /** What the index buys at the largest size: naive lookup latency over indexed. */
    private Ratio lookupRatio() {
        int largest = max(pins);
        return Ratio.of(lookups.get(PinLookupBaseline.Mode.NAIVE).get(largest).millis(),
                lookups.get(PinLookupBaseline.Mode.INDEXED).get(largest).millis());
    }

    private Ratio loginRatio(boolean stepOnly) {
        LoginComparison.Result pin = logins.get(LoginComparison.Variant.PIN);
        LoginComparison.Result otp = logins.get(LoginComparison.Variant.OTP);
        return stepOnly ? Ratio.of(pin.submit.millis(), otp.submit.millis()) : Ratio.of(pin.whole.millis(), otp.whole.millis());
    }

    private String pinRatioName() {
        return "pin_step_ratio_" + shortSize(max(pins)) + "_vs_" + shortSize(min(pins));
    }

    private String listRatioName() {
        Map<Integer, Latencies> any = lists.values().iterator().next();
        return "list_page_ratio_" + shortSize(max(any)) + "_vs_" + shortSize(min(any));
    }

    static String shortSize(int size) {
        return size % 1000 == 0 ? size / 1000 + "k" : String.valueOf(size);
    }

    String table() {
        StringBuilder out = new StringBuilder("\n");
        out.append("Back-office providers on Keycloak ").append(settings.keycloakVersion).append(" - benchmark results\n");
        out.append("  commit ").append(source).append("\n");
        out.append("  machine: ").append(machine.get("nproc")).append(" cores, ").append(machine.get("memory_total_mb"))
                .append(" MB, ").append(machine.get("jdk")).append(", load at start ").append(machine.get("load_average_at_start"))
                .append("; ").append(database).append("\n");
        out.append("  Keycloak production mode (kc.sh build + start --optimized), server heap max ").append(serverMaxHeap)
                .append("; load generator: this JVM, ").append(settings.clients).append(" concurrent clients\n");
        out.append("  ratios: median over median, [bootstrap 95% interval]; a target is met when the whole interval meets it\n\n");

        out.append("1. Token cost: refresh-token grants, 20 permission groups, 200 permissions\n");
        out.append(String.format("   %-30s %9s %9s %9s %9s %8s %6s %9s%n", "variant", "grants/s", "median", "p95", "p99", "samples",
                "errors", "SQL/grant"));
        tokens.forEach((variant, r) -> out.append(String.format("   %-30s %9.1f %7.2fms %7.2fms %7.2fms %8d %6d %9s%n", variant.label,
                r.grantsPerSecond(), r.latencies.median(), r.latencies.percentileMillis(95), r.latencies.percentileMillis(99),
                r.latencies.count(), r.latencies.errors(), r.statements)));
        out.append("\n2. PIN step: one PIN submit past the password (lookup + login completion)\n");
        latencyTable(out, "PIN holders", pins, pinStatements);
        out.append("\n2b. PIN lookup alone (benchmark-only endpoint): the index vs the digest compared against every holder\n");
        lookups.forEach((mode, bySize) -> {
            out.append("   ").append(mode.name().toLowerCase()).append("\n");
            latencyTable(out, "PIN holders", bySize, Map.of());
        });
        out.append(String.format("   naive / indexed at %,d holders: %s%n", max(pins), lookupRatio()));
        out.append("\n3. Whole login (code flow to tokens): PIN step vs Keycloak's OTP step; the second step's request alone\n");
        if (logins != null) {
            out.append(String.format("   %-16s %9s %9s %9s %8s %7s %9s%n", "login", "median", "p95", "p99", "samples", "errors", "SQL"));
            logins.forEach((variant, r) -> {
                loginLine(out, variant.name().toLowerCase() + " whole", r.whole, r.statementsWhole);
                loginLine(out, variant.name().toLowerCase() + " step", r.submit, r.statementsSubmit);
            });
        } else {
            out.append("   not measured: ").append(loginFailure).append("\n");
        }
        for (AdminListBenchmark.Request request : lists.keySet()) {
            out.append("\n4. Administrators list, ").append(request.name().toLowerCase()).append(" (page of ")
                    .append(AdminListBenchmark.PAGE).append("; each organization also has its shared account and owner)\n");
            latencyTable(out, "administrators", lists.get(request), listStatements.getOrDefault(request, Map.of()));
        }
        out.append("\n5. Targets\n");
        for (Judged j : judged()) {
            out.append(String.format("   %-44s %-32s %-20s %s%n", j.name, j.value, j.target, j.verdict.toUpperCase()));
        }
        out.append("\n6. Server heap and seeding\n");
        out.append("   before seeding (after full GC): ").append(heapLine(heapBeforeSeeding)).append("\n");
        out.append(String.format("   after seeding %,d PIN holders in all: %s; after full GC: %s%n", totalHolders(),
                heapLine(heapAfterPinSeeding), heapLine(liveHeapAfterPinSeeding)));
        for (PinBenchmark.PinOrganization o : pinOrganizations) {
            out.append(String.format("   seeded %,7d PIN holders in %7.1f s (%,.0f per second)%n", o.holders, o.seedSeconds,
                    o.holders / o.seedSeconds));
        }
        out.append(String.format("   whole run %.0f s (Keycloak built at %.0f s, up at %.0f s, data seeded at %.0f s)%n", totalSeconds,
                keycloakBuildSeconds, keycloakStartSeconds, seededAtSeconds));
        return out.toString();
    }

    private static void latencyTable(StringBuilder out, String what, Map<Integer, Latencies> bySize, Map<Integer, Double> statements) {
        out.append(String.format("   %-16s %9s %9s %9s %8s %7s %9s%n", what, "median", "p95", "p99", "samples", "errors", "SQL/req"));
        bySize.forEach((size, l) -> out.append(String.format("   %,-16d %7.2fms %7.2fms %7.2fms %8d %7d %9s%s%n", size, l.median(),
                l.percentileMillis(95), l.percentileMillis(99), l.count(), l.errors(), statements.get(size),
                l.timedOut() > 0 ? "  (" + l.timedOut() + " timed out: latency at least that)" : "")));
    }

    private static void loginLine(StringBuilder out, String what, Latencies l, Double statements) {
        out.append(String.format("   %-16s %7.2fms %7.2fms %7.2fms %8d %7d %9s%n", what, l.median(), l.percentileMillis(95),
                l.percentileMillis(99), l.count(), l.errors(), statements));
    }

    static String heapLine(Map<String, Object> heap) {
        return heap == null ? "?" : heap.get("heap_used_mb") + " MB used of " + heap.get("heap_committed_mb") + " MB committed, RSS "
                + heap.get("rss_mb") + " MB";
    }

    private static int max(Map<Integer, ?> m) {
        return m.keySet().stream().max(Integer::compare).orElseThrow();
    }

    private static int min(Map<Integer, ?> m) {
        return m.keySet().stream().min(Integer::compare).orElseThrow();
    }

    private int totalHolders() {
        return pinOrganizations.stream().mapToInt(o -> o.holders).sum();
    }

    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("commit", source.commit());
        json.put("dirty", source.dirty());
        if (source.dirty()) {
            json.put("dirty_files", source.changedFiles());
        }
        json.put("token_ratio_vs_stock", tokenRatio().toJson());
        json.put("sql_per_token_ours_minus_stock", Latencies.round(sqlTokenExtra()));
        json.put(pinRatioName(), ratio(pins).toJson());
        Map<String, Object> listRatio = new LinkedHashMap<>();
        lists.forEach((request, bySize) -> listRatio.put(request.name().toLowerCase(), ratio(bySize).toJson()));
        json.put(listRatioName(), listRatio);
        Map<String, Object> sql = new LinkedHashMap<>();
        Map<String, Object> sqlToken = new LinkedHashMap<>();
        tokens.forEach((variant, r) -> sqlToken.put(variant.name().toLowerCase(), r.statements));
        sql.put("per_token_grant", sqlToken);
        sql.put("per_pin_step_by_holders", stringKeys(pinStatements));
        Map<String, Object> sqlList = new LinkedHashMap<>();
        listStatements.forEach((request, bySize) -> sqlList.put(request.name().toLowerCase(), stringKeys(bySize)));
        sql.put("per_list_request_by_administrators", sqlList);
        sql.put("how", "Hibernate statistics (getPrepareStatementCount, read through the benchmark-only seeder), counted around each of "
                + settings.sqlCalls + " calls made one after another (list: 5, logins: up to 10) with nothing else running, less what "
                + "reading the counter costs; the median of those counts");
        json.put("sql_statements", sql);
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Judged j : judged()) {
            targets.put(j.name, Map.of("value", j.value, "target", j.target, "verdict", j.verdict));
        }
        json.put("targets", targets);
        json.put("command", settings.command);
        json.put("keycloak_version", settings.keycloakVersion);
        json.put("keycloak_mode", "production: kc.sh build --db=postgres --features=organization --cache=local, then start --optimized");
        json.put("database", database);
        json.put("machine", machine);
        json.put("settings", settings.toJson());
        json.put("server_max_heap", serverMaxHeap);

        Map<String, Object> token = new LinkedHashMap<>();
        tokens.forEach((variant, r) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("label", variant.label);
            v.put("client_id", variant.clientId);
            v.put("scope", variant.scope);
            v.put("grants_per_second", Latencies.round(r.grantsPerSecond()));
            v.put("grants_per_second_by_round", r.perRound);
            v.put("grants", r.grants.get());
            v.put("measured_seconds", Latencies.round(r.nanos / 1e9));
            v.put("latency", r.latencies.toJson());
            v.put("sql_statements_per_grant", r.statements);
            v.put("access_token_bytes", r.accessTokenBytes);
            v.put("id_token_bytes", r.idTokenBytes);
            v.put("claims", r.claimCheck);
            token.put(variant.name().toLowerCase(), v);
        });
        json.put("token", token);
        json.put("pin_step", bySize(pins));
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("naive_vs_indexed_at_" + max(pins), lookupRatio().toJson());
        lookup.put("indexed_ratio_" + shortSize(max(pins)) + "_vs_" + shortSize(min(pins)),
                ratio(lookups.get(PinLookupBaseline.Mode.INDEXED)).toJson());
        lookups.forEach((mode, bySize) -> lookup.put(mode.name().toLowerCase(), bySize(bySize)));
        json.put("pin_lookup", lookup);
        if (logins != null) {
            json.put("login_pin_vs_otp_ratio", loginRatio(false).toJson());
            json.put("pin_submit_vs_otp_submit_ratio", loginRatio(true).toJson());
            Map<String, Object> login = new LinkedHashMap<>();
            logins.forEach((variant, r) -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("client_id", variant.clientId);
                v.put("browser_flow", variant.flow);
                v.put("whole_login", r.whole.toJson());
                v.put("second_step_request", r.submit.toJson());
                v.put("sql_statements_per_whole_login", r.statementsWhole);
                v.put("sql_statements_per_second_step", r.statementsSubmit);
                login.put(variant.name().toLowerCase(), v);
            });
            json.put("login", login);
        } else {
            json.put("login", Map.of("not_measured", String.valueOf(loginFailure)));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        lists.forEach((request, bySize) -> list.put(request.name().toLowerCase(), bySize(bySize)));
        Map<String, Object> administrators = new LinkedHashMap<>();
        adminOrganizations.forEach(o -> administrators.put(String.valueOf(o.size), o.administrators));
        list.put("administrators_in_organization_by_size", administrators);
        json.put("admin_list", list);

        Map<String, Object> seeding = new LinkedHashMap<>();
        Map<String, Object> holders = new LinkedHashMap<>();
        pinOrganizations.forEach(o -> holders.put(String.valueOf(o.holders), Latencies.round(o.seedSeconds)));
        seeding.put("pin_holders_seconds_by_organization_size", holders);
        seeding.put("pin_holders_total", totalHolders());
        seeding.put("pin_holders_total_seconds", Latencies.round(pinSeedSeconds));
        seeding.put("note", "the administrators-list organizations are the PIN organizations of those sizes");
        json.put("seeding", seeding);

        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("before_seeding_after_full_gc", heapBeforeSeeding);
        heap.put("after_seeding_pin_holders", heapAfterPinSeeding);
        heap.put("after_seeding_pin_holders_after_full_gc", liveHeapAfterPinSeeding);
        heap.put("at_end", heapAtEnd);
        json.put("server_heap", heap);
        json.put("keycloak_built_after_seconds", Latencies.round(keycloakBuildSeconds));
        json.put("keycloak_up_after_seconds", Latencies.round(keycloakStartSeconds));
        json.put("total_seconds", Latencies.round(totalSeconds));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    }

    /** The run as bench/RESULTS.md records it: when, where, how, and the table. */
    void writeMarkdown(Path file, String table) throws IOException {
        StringBuilder md = new StringBuilder("# Latest benchmark run\n\n");
        md.append("Written by the run itself (`bench/runner`, `Report`); never edited by hand. What each figure means, ")
                .append("how it is measured and what it does not show: [docs/benchmarks.md](../docs/benchmarks.md).\n\n");
        md.append("- Commit: `").append(source.commit()).append("`").append(source.dirty() ? " **with uncommitted changes** "
                + source.changedFiles() : " (clean tree)").append("\n");
        md.append("- Date: ").append(machine.get("date")).append("\n");
        md.append("- Command (repository root): `").append(settings.command).append("`\n");
        md.append("- Machine: ").append(machine.get("nproc")).append(" cores (nproc), ").append(machine.get("memory_total_mb"))
                .append(" MB memory, ").append(machine.get("jdk")).append(", ").append(machine.get("os"))
                .append("; load average at start: ").append(machine.get("load_average_at_start")).append("\n");
        md.append("- Keycloak ").append(settings.keycloakVersion).append(" in production mode (`kc.sh build`, `start --optimized`, heap max ")
                .append(serverMaxHeap).append("); database: ").append(database).append("\n");
        md.append(String.format("- Whole run: %.0f s after the Maven build (Keycloak built at %.0f s, up at %.0f s, data seeded at %.0f s)%n%n",
                totalSeconds, keycloakBuildSeconds, keycloakStartSeconds, seededAtSeconds));
        md.append("| figure | value | target | verdict |\n|---|---|---|---|\n");
        for (Judged j : judged()) {
            md.append("| ").append(j.name).append(" | ").append(j.value).append(" | ").append(j.target).append(" | ")
                    .append(j.verdict).append(" |\n");
        }
        md.append("\n```").append(table).append("```\n\nEvery figure: [").append(file.getFileName().toString().replace(".md", ".json"))
                .append("](").append(file.getFileName().toString().replace("RESULTS.md", "results.json").replace(".md", ".json")).append(").\n");
        Files.writeString(file, md.toString());
    }

    private static Map<String, Object> stringKeys(Map<Integer, ?> bySize) {
        Map<String, Object> json = new LinkedHashMap<>();
        bySize.forEach((size, value) -> json.put(String.valueOf(size), value));
        return json;
    }

    private static Map<String, Object> bySize(Map<Integer, Latencies> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        results.forEach((size, l) -> json.put(String.valueOf(size), l.toJson()));
        return json;
    }
}

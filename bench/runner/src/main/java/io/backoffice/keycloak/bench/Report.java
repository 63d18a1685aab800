package io.backoffice.keycloak.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

/** The printed table and the JSON file, from one run's figures. */
final class Report {

    static final double TOKEN_TARGET = 0.95;
    static final double PIN_TARGET = 1.2;
    static final double LIST_TARGET = 1.5;

    private final BenchMain.Settings settings;
    private final Map<String, Object> machine;
    private final String database;
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
    Map<Integer, Latencies> lists;

    Report(BenchMain.Settings settings, Map<String, Object> machine, String database) {
        this.settings = settings;
        this.machine = machine;
        this.database = database;
    }

    double tokenRatio() {
        return tokens.get(TokenBenchmark.Variant.OURS).grantsPerSecond() / tokens.get(TokenBenchmark.Variant.STOCK).grantsPerSecond();
    }

    /** Median of the largest size over median of the smallest. */
    static double ratio(Map<Integer, Latencies> bySize) {
        List<Integer> sizes = bySize.keySet().stream().sorted().toList();
        return bySize.get(sizes.get(sizes.size() - 1)).median() / bySize.get(sizes.get(0)).median();
    }

    String table() {
        StringBuilder out = new StringBuilder("\n");
        out.append("Back-office providers on Keycloak ").append(settings.keycloakVersion).append(" - benchmark results\n");
        out.append("  machine: ").append(machine.get("nproc")).append(" cores, ").append(machine.get("memory_total_mb"))
                .append(" MB, ").append(machine.get("jdk")).append("; ").append(database).append("\n");
        out.append("  server heap max ").append(serverMaxHeap).append("; load generator: this JVM, ")
                .append(settings.clients).append(" concurrent clients\n\n");

        out.append("1. Token cost: refresh-token grants, 20 permission groups, 200 permissions\n");
        out.append(String.format("   %-30s %10s %9s %9s %9s %8s %7s%n", "variant", "grants/s", "median", "p95", "p99", "samples", "errors"));
        for (Map.Entry<TokenBenchmark.Variant, TokenBenchmark.Result> e : tokens.entrySet()) {
            TokenBenchmark.Result r = e.getValue();
            out.append(String.format("   %-30s %10.1f %7.2fms %7.2fms %7.2fms %8d %7d%n", e.getKey().label, r.grantsPerSecond(),
                    r.latencies.median(), r.latencies.percentileMillis(95), r.latencies.percentileMillis(99),
                    r.latencies.count(), r.latencies.errors()));
        }
        out.append(String.format("   throughput (a)/(b) = %.3f   target >= %.2f (within 5%% of stock): %s%n%n",
                tokenRatio(), TOKEN_TARGET, verdict(tokenRatio() >= TOKEN_TARGET)));

        out.append("2. PIN step: one PIN submit past the password (lookup + login completion)\n");
        latencyTable(out, "PIN holders", pins);
        out.append(String.format("   median %,d / %,d holders = %.3f   target <= %.1f: %s%n%n", max(pins), min(pins), ratio(pins),
                PIN_TARGET, verdict(ratio(pins) <= PIN_TARGET)));

        out.append("3. Administrators list, first page (first=0&max=").append(AdminListBenchmark.PAGE)
                .append("); each organization also has its shared account and owner\n");
        latencyTable(out, "administrators", lists);
        out.append(String.format("   median %,d / %,d administrators = %.3f   target <= %.1f: %s%n%n", max(lists), min(lists),
                ratio(lists), LIST_TARGET, verdict(ratio(lists) <= LIST_TARGET)));

        out.append("4. Server heap and seeding\n");
        out.append("   before seeding (after full GC): ").append(heapLine(heapBeforeSeeding)).append("\n");
        out.append(String.format("   after seeding %,d PIN holders in all: %s; after full GC: %s%n", totalHolders(),
                heapLine(heapAfterPinSeeding), heapLine(liveHeapAfterPinSeeding)));
        for (PinBenchmark.PinOrganization o : pinOrganizations) {
            out.append(String.format("   seeded %,7d PIN holders in %7.1f s (%,.0f per second)%n", o.holders, o.seedSeconds,
                    o.holders / o.seedSeconds));
        }
        out.append(String.format("   whole run %.0f s (Keycloak up at %.0f s, data seeded at %.0f s)%n", totalSeconds,
                keycloakStartSeconds, seededAtSeconds));
        return out.toString();
    }

    private static void latencyTable(StringBuilder out, String what, Map<Integer, Latencies> bySize) {
        out.append(String.format("   %-16s %9s %9s %9s %8s %7s%n", what, "median", "p95", "p99", "samples", "errors"));
        bySize.forEach((size, l) -> out.append(String.format("   %,-16d %7.2fms %7.2fms %7.2fms %8d %7d%s%n", size, l.median(),
                l.percentileMillis(95), l.percentileMillis(99), l.count(), l.errors(),
                l.timedOut() > 0 ? "  (" + l.timedOut() + " timed out: latency at least that)" : "")));
    }

    static String heapLine(Map<String, Object> heap) {
        return heap == null ? "?" : heap.get("heap_used_mb") + " MB used of " + heap.get("heap_committed_mb") + " MB committed, RSS "
                + heap.get("rss_mb") + " MB";
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }

    private static int max(Map<Integer, Latencies> m) {
        return m.keySet().stream().max(Integer::compare).orElseThrow();
    }

    private static int min(Map<Integer, Latencies> m) {
        return m.keySet().stream().min(Integer::compare).orElseThrow();
    }

    private int totalHolders() {
        return pinOrganizations.stream().mapToInt(o -> o.holders).sum();
    }

    @SuppressWarnings("unchecked")
    void write(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("token_throughput_ratio_vs_stock", Latencies.round(tokenRatio()));
        json.put("pin_latency_ratio_100k_vs_10", Latencies.round(ratio(pins)));
        json.put("admin_list_latency_ratio_10k_vs_100", Latencies.round(ratio(lists)));
        Map<String, Object> targets = new LinkedHashMap<>();
        targets.put("token_throughput_ratio_vs_stock", Map.of("target", ">= " + TOKEN_TARGET, "met", tokenRatio() >= TOKEN_TARGET));
        targets.put("pin_latency_ratio_100k_vs_10", Map.of("target", "<= " + PIN_TARGET, "met", ratio(pins) <= PIN_TARGET,
                "sizes", List.of(min(pins), max(pins))));
        targets.put("admin_list_latency_ratio_10k_vs_100", Map.of("target", "<= " + LIST_TARGET, "met", ratio(lists) <= LIST_TARGET,
                "sizes", List.of(min(lists), max(lists))));
        json.put("targets", targets);
        json.put("command", settings.command);
        json.put("keycloak_version", settings.keycloakVersion);
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
            v.put("access_token_bytes", r.accessTokenBytes);
            v.put("id_token_bytes", r.idTokenBytes);
            v.put("claims", r.claimCheck);
            token.put(variant.name().toLowerCase(), v);
        });
        json.put("token", token);
        json.put("pin_step", bySize(pins));
        Map<String, Object> list = bySize(lists);
        adminOrganizations.forEach(o -> ((Map<String, Object>) list.get(String.valueOf(o.size))).put("administrators_in_organization", o.administrators));
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
        json.put("keycloak_up_after_seconds", Latencies.round(keycloakStartSeconds));
        json.put("total_seconds", Latencies.round(totalSeconds));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Api.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
    }

    /** The run as bench/RESULTS.md records it: when, where, how, and the table. */
    void writeMarkdown(Path file, String table) throws IOException {
        StringBuilder md = new StringBuilder("# Latest benchmark run\n\n");
        md.append("Written by the run itself (`bench/runner`, `Report`). What each figure means, and what the misses come from: ")
                .append("[docs/benchmarks.md](../docs/benchmarks.md).\n\n");
        md.append("- Date: ").append(machine.get("date")).append("\n");
        md.append("- Command (repository root): `").append(settings.command).append("`\n");
        md.append("- Machine: ").append(machine.get("nproc")).append(" cores (nproc), ").append(machine.get("memory_total_mb"))
                .append(" MB memory, ").append(machine.get("jdk")).append(", ").append(machine.get("os"))
                .append("; load average at start: ").append(machine.get("load_average_at_start")).append("\n");
        md.append("- Keycloak ").append(settings.keycloakVersion).append(" (`start-dev`, heap max ").append(serverMaxHeap)
                .append("); database: ").append(database).append("\n");
        md.append(String.format("- Whole run: %.0f s after the build (Keycloak up at %.0f s, data seeded at %.0f s)%n%n",
                totalSeconds, keycloakStartSeconds, seededAtSeconds));
        md.append("| figure | value | target | |\n|---|---|---|---|\n");
        md.append(String.format("| token_throughput_ratio_vs_stock | %.3f | >= %.2f | %s |%n", tokenRatio(), TOKEN_TARGET,
                verdict(tokenRatio() >= TOKEN_TARGET)));
        md.append(String.format("| pin_latency_ratio_100k_vs_10 | %.3f | <= %.1f | %s |%n", ratio(pins), PIN_TARGET,
                verdict(ratio(pins) <= PIN_TARGET)));
        md.append(String.format("| admin_list_latency_ratio_10k_vs_100 | %.3f | <= %.1f | %s |%n%n", ratio(lists), LIST_TARGET,
                verdict(ratio(lists) <= LIST_TARGET)));
        md.append("```").append(table).append("```\n\nEvery figure: [results.json](results.json).\n");
        Files.writeString(file, md.toString());
    }

    private static Map<String, Object> bySize(Map<Integer, Latencies> results) {
        Map<String, Object> json = new LinkedHashMap<>();
        results.forEach((size, l) -> json.put(String.valueOf(size), l.toJson()));
        return json;
    }
}

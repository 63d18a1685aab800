package io.backoffice.keycloak.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run's time budget, made explicit: an estimate per phase from the settings and the costs measured in
 * earlier runs (the constants below, seconds on 2 cores), printed at the start; each measuring phase gets a
 * deadline that is its share of what is left of {@code bench.budget}, in proportion to its estimate, and
 * starts no new round past it (once {@link BenchMain#MIN_ROUNDS} are done). What each phase really took is
 * recorded beside its estimate.
 */
final class Budget {

    /** The Maven build before the runner starts (not in bench.budget, which counts from the runner's start). */
    static final double MAVEN_BUILD = 180;
    static final double KEYCLOAK_BUILD_AND_START = 200;
    static final double REALM = 25;
    /** One organization with its groups, owner, PIN length and shared account through the APIs (3 at a time). */
    static final double ORGANIZATION_SETUP = 2.5;
    /** Holders copied by SQL per second, and analysed by VACUUM ANALYZE per second. */
    static final double SEED_RATE = 12_000;
    static final double VACUUM_RATE = 30_000;
    /** A browser-like login to the PIN page (3 requests), then the PIN submit. */
    static final double PIN_SESSION = 0.12;
    static final double WHOLE_LOGIN = 0.2;
    static final double OTP_USER = 0.05;
    static final double SQL_COUNTED_CALL = 0.06;
    static final double LIST_CALL = 0.08;
    static final double NAIVE_LOOKUP_PER_HOLDER = 2e-6;
    static final double PAGE_SETUP = 20;
    static final double PAGE_LOAD = 1.5;

    final class Phase {
        final String name;
        final double startedAt;
        final double deadlineAt;
        double endedAt = Double.NaN;

        private Phase(String name, double startedAt, double deadlineAt) {
            this.name = name;
            this.startedAt = startedAt;
            this.deadlineAt = deadlineAt;
        }

        /** {@link System#nanoTime()} past which the phase starts no new round (after the minimum). */
        long deadline() {
            return System.nanoTime() + (long) ((deadlineAt - BenchMain.elapsedSeconds()) * 1e9);
        }

        void end() {
            endedAt = BenchMain.elapsedSeconds();
            BenchMain.log(String.format("Phase '%s' took %.0f s (estimated %.0f s)", name, endedAt - startedAt, estimates.get(name)));
        }
    }

    private final double budgetSeconds;
    private final Map<String, Double> estimates = new LinkedHashMap<>();
    private final Map<String, Phase> phases = new LinkedHashMap<>();

    Budget(BenchMain.Settings s) {
        this.budgetSeconds = s.budgetSeconds;
        long singleHolders = new java.util.TreeSet<Integer>() {
            {
                addAll(s.pinScales);
                addAll(s.adminScales);
            }
        }.stream().mapToLong(Integer::longValue).sum();
        long holders = singleHolders + (long) s.spreadOrganizations * s.spreadHolders;
        int organizations = s.pinScales.size() + s.adminScales.size() + s.spreadOrganizations;
        int variants = 4 + s.tokenOrganizationCounts.size();
        int populations = s.pinScales.size() + 1;
        long largestPin = s.pinScales.stream().mapToLong(Integer::longValue).max().orElse(0);
        estimates.put("Keycloak build and start", KEYCLOAK_BUILD_AND_START);
        estimates.put("realm", REALM);
        estimates.put("seeding", organizations * ORGANIZATION_SETUP / 3 + holders / SEED_RATE + holders / VACUUM_RATE);
        estimates.put("tokens", 30 + s.tokenOrganizationCounts.stream().mapToInt(Integer::intValue).sum() * 0.1
                + variants * (s.tokenWarmupSeconds + s.tokenRounds * s.tokenSlotSeconds + s.sqlCalls * SQL_COUNTED_CALL));
        estimates.put("PIN step", populations * ((2.0 + s.pinRounds) * s.pinPerClient * PIN_SESSION * 2 + s.sqlCalls * (PIN_SESSION + SQL_COUNTED_CALL)
                        + s.pinColdRounds * s.pinColdPerRound * (PIN_SESSION + SQL_COUNTED_CALL))
                + s.lookupRounds * s.lookupCalls * s.pinScales.size() * 0.02 + s.lookupRounds * s.lookupCalls * largestPin * NAIVE_LOOKUP_PER_HOLDER);
        estimates.put("logins", s.loginUsers * OTP_USER + 2 * (1.0 + s.loginRounds) * s.loginPerClient * WHOLE_LOGIN * 2 + 20 * WHOLE_LOGIN);
        estimates.put("PIN switch", 2 * (1.0 + s.switchRounds) * s.switchPerClient * WHOLE_LOGIN * 2 + 20 * WHOLE_LOGIN);
        estimates.put("administrators list", s.adminScales.size() * AdminListBenchmark.Request.values().length
                * (6 * SQL_COUNTED_CALL + s.listRounds * Math.min(s.listSlotSeconds, s.listPerClient * LIST_CALL * 2)));
        estimates.put("admin page", PAGE_SETUP + 2 * s.pageLoads * PAGE_LOAD);
    }

    double total() {
        return estimates.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The estimate, printed at the start. */
    void print() {
        StringBuilder line = new StringBuilder("Time estimate (s):");
        estimates.forEach((name, seconds) -> line.append(String.format(" %s %.0f;", name, seconds)));
        BenchMain.log(line.toString());
        BenchMain.log(String.format("Estimated whole run: about %.0f min (%.0f s here + about %.0f s of Maven build before); budget %.0f s "
                + "from the runner's start (bench.budget), past which phases start no new rounds once %d are done",
                (total() + MAVEN_BUILD) / 60, total(), MAVEN_BUILD, budgetSeconds, BenchMain.MIN_ROUNDS));
    }

    /** Starts a phase: its deadline is its estimate's share of what is left of the budget. */
    Phase start(String name) {
        double now = BenchMain.elapsedSeconds();
        double left = Math.max(60, budgetSeconds - now);
        double laterEstimates = 0;
        boolean reached = false;
        for (Map.Entry<String, Double> e : estimates.entrySet()) {
            reached |= e.getKey().equals(name);
            if (reached) {
                laterEstimates += e.getValue();
            }
        }
        double share = left * estimates.get(name) / laterEstimates;
        Phase phase = new Phase(name, now, now + share);
        phases.put(name, phase);
        BenchMain.log(String.format("Phase '%s': estimated %.0f s, deadline for new rounds in %.0f s", name, estimates.get(name), share));
        return phase;
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("budget_seconds", budgetSeconds);
        json.put("estimated_seconds_total", Latencies.round(total()));
        Map<String, Object> byPhase = new LinkedHashMap<>();
        estimates.forEach((name, estimate) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("estimated_seconds", Latencies.round(estimate));
            Phase phase = phases.get(name);
            if (phase != null && !Double.isNaN(phase.endedAt)) {
                p.put("seconds", Latencies.round(phase.endedAt - phase.startedAt));
            }
            byPhase.put(name, p);
        });
        json.put("phases", byPhase);
        return json;
    }
}

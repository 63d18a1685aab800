package io.backoffice.keycloak.bench;


/**
 * SQL statements the server prepared, from Hibernate's own statistics, read through the benchmark-only
 * seeder ({@code GET .../backoffice-bench-seed/sql-statements}, which switches them on at its first call).
 * Every JPA query, load and write Keycloak or our providers send goes through Hibernate, so the difference
 * before and after some requests, with nothing else running, is what those requests cost the database in
 * statements: a figure machine noise does not move. A read itself may cost statements (its admin token is
 * checked before the count is taken); that is measured once ({@link #calibrate}) and taken off.
 * pg_stat_statements would need {@code shared_preload_libraries} and a PostgreSQL restart, and Quarkus's
 * Hibernate metrics cannot be enabled with Keycloak's persistence.xml.
 */
final class SqlCounter {

    private final BenchRealm realm;
    private long perRead;

    SqlCounter(BenchRealm realm) {
        this.realm = realm;
    }

    /** Statements prepared so far (including what reading costs). */
    long statements() {
        return realm.admin("GET", "/backoffice-bench-seed/sql-statements", null).expect(200, "SQL statement count").json().get("statements").asLong();
    }

    /** Measures what a read itself costs: the least difference over a few pairs of reads with nothing between. */
    void calibrate() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long first = statements();
            least = Math.min(least, statements() - first);
        }
        perRead = least;
        BenchMain.log("SQL statement counter: Hibernate statistics on; a read of the counter itself costs " + perRead);
    }

    /** Statements between two reads, less what the second read cost. */
    long between(long before, long after) {
        return after - before - perRead;
    }

    /**
     * Statements of one call of {@code operation}: counted around each of {@code times} calls made one after
     * another with nothing else running, the median of those counts. The median, not the mean: Keycloak
     * writes some things in the background (persistent user sessions are written in batches), which lands
     * in whichever call is being counted at that moment.
     */
    double perCall(int times, Runnable operation) {
        return perCall(times, () -> { }, operation);
    }

    /** As {@link #perCall(int, Runnable)}, {@code prepare} run before each call, outside the count. */
    double perCall(int times, Runnable prepare, Runnable operation) {
        double[] counts = new double[times];
        for (int i = 0; i < times; i++) {
            prepare.run();
            long before = statements();
            operation.run();
            counts[i] = between(before, statements());
        }
        return Ratio.median(counts);
    }
}

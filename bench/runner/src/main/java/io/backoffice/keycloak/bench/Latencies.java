package io.backoffice.keycloak.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Timed samples of one measured thing; percentiles by nearest rank. Thread-safe. */
final class Latencies {

    private final List<Long> nanos = new ArrayList<>();
    private int errors;
    private int timedOut;

    synchronized void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    synchronized void error() {
        errors++;
    }

    /** The last sample added is a time-out: the real latency is at least that. */
    synchronized void timeOut() {
        timedOut++;
    }

    synchronized int timedOut() {
        return timedOut;
    }

    synchronized int count() {
        return nanos.size();
    }

    synchronized int errors() {
        return errors;
    }

    /** Milliseconds at percentile {@code p} (0 < p <= 100), or NaN without samples. */
    synchronized double percentileMillis(double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** Every sample, in milliseconds, in the order taken. */
    synchronized double[] millis() {
        return nanos.stream().mapToDouble(n -> n / 1e6).toArray();
    }

    double median() {
        return percentileMillis(50);
    }

    synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("samples", nanos.size());
        json.put("errors", errors);
        json.put("timed_out", timedOut);
        json.put("median_ms", round(percentileMillis(50)));
        json.put("p95_ms", round(percentileMillis(95)));
        json.put("p99_ms", round(percentileMillis(99)));
        json.put("min_ms", round(percentileMillis(0.0001)));
        json.put("max_ms", round(percentileMillis(100)));
        return json;
    }

    static Double round(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 1000) / 1000.0;
    }
}

package io.backoffice.keycloak.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The ratio of two medians (candidate over baseline) with a percentile-bootstrap 95% interval: both sample
 * sets resampled with replacement {@link #RESAMPLES} times (fixed seed, so the same samples give the same
 * interval), the 2.5th and 97.5th percentiles of the resampled ratios. A target "ratio at most T" is judged on
 * the interval: met when its upper bound is at most T, missed when its lower bound is above T, inconclusive
 * when it straddles T (the run cannot tell).
 */
record Ratio(double median, double low, double high) {

    static final int RESAMPLES = 2000;

    enum Verdict { MET, MISSED, INCONCLUSIVE }

    static Ratio of(double[] candidate, double[] baseline) {
        if (candidate.length == 0 || baseline.length == 0) {
            return new Ratio(Double.NaN, Double.NaN, Double.NaN);
        }
        Random random = new Random(1);
        double[] ratios = new double[RESAMPLES];
        double[] a = new double[candidate.length];
        double[] b = new double[baseline.length];
        for (int i = 0; i < RESAMPLES; i++) {
            for (int j = 0; j < a.length; j++) {
                a[j] = candidate[random.nextInt(candidate.length)];
            }
            for (int j = 0; j < b.length; j++) {
                b[j] = baseline[random.nextInt(baseline.length)];
            }
            ratios[i] = median(a) / median(b);
        }
        Arrays.sort(ratios);
        return new Ratio(median(candidate) / median(baseline), ratios[(int) (0.025 * RESAMPLES)],
                ratios[(int) Math.ceil(0.975 * RESAMPLES) - 1]);
    }

    static Ratio of(List<Double> candidate, List<Double> baseline) {
        return of(candidate.stream().mapToDouble(Double::doubleValue).toArray(),
                baseline.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Median of a copy (the argument is left unsorted). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Judged against "at most {@code target}" on the interval's bounds. */
    Verdict atMost(double target) {
        if (Double.isNaN(high)) {
            return Verdict.INCONCLUSIVE;
        }
        if (high <= target) {
            return Verdict.MET;
        }
        return low > target ? Verdict.MISSED : Verdict.INCONCLUSIVE;
    }

    static String word(Verdict verdict) {
        return verdict.name().toLowerCase();
    }

    /** {@code {"median": …, "ci95": [low, high]}}, as results.json carries every ratio. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("median", Latencies.round(median));
        json.put("ci95", Arrays.asList(Latencies.round(low), Latencies.round(high)));
        return json;
    }

    @Override
    public String toString() {
        return String.format("%.3f [%.3f, %.3f]", median, low, high);
    }
}

package io.backoffice.keycloak.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RatioTest {

    private static double[] around(double centre, double spread, int n, long seed) {
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = centre + spread * (random.nextDouble() - 0.5);
        }
        return values;
    }

    @Test
    @DisplayName("The ratio is the median over the median, inside its own interval")
    void medianRatio() {
        Ratio ratio = Ratio.of(new double[] {2, 4, 6, 100}, new double[] {1, 2, 3});
        assertEquals(2.5, ratio.median(), 1e-9);
        assertTrue(ratio.low() <= ratio.median() && ratio.median() <= ratio.high(), ratio.toString());
    }

    @Test
    @DisplayName("Same samples give the same interval (fixed resampling seed)")
    void deterministic() {
        double[] a = around(10, 4, 200, 1);
        double[] b = around(10, 4, 200, 2);
        assertEquals(Ratio.of(a, b), Ratio.of(a, b));
    }

    @Test
    @DisplayName("A clearly faster candidate meets 'at most 1.1'; a clearly slower one misses it")
    void clearCases() {
        double[] baseline = around(10, 1, 300, 3);
        assertEquals(Ratio.Verdict.MET, Ratio.of(around(9, 1, 300, 4), baseline).atMost(1.1));
        assertEquals(Ratio.Verdict.MISSED, Ratio.of(around(13, 1, 300, 5), baseline).atMost(1.1));
    }

    @Test
    @DisplayName("Noisy samples whose interval straddles the target are inconclusive, not met")
    void straddles() {
        Ratio ratio = Ratio.of(around(10.5, 12, 20, 6), around(10, 12, 20, 7));
        assertTrue(ratio.low() < 1.1 && ratio.high() > 1.1, ratio.toString());
        assertEquals(Ratio.Verdict.INCONCLUSIVE, ratio.atMost(1.1));
    }

    @Test
    @DisplayName("The interval narrows as samples grow")
    void narrows() {
        Ratio few = Ratio.of(around(10, 4, 20, 8), around(10, 4, 20, 9));
        Ratio many = Ratio.of(around(10, 4, 2000, 8), around(10, 4, 2000, 9));
        assertTrue(many.high() - many.low() < few.high() - few.low(), few + " vs " + many);
    }
}

package io.mountsim.core.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SampleSetPropertiesTest {

    /**
     * Nearest rank from its definition, by counting: the smallest observation x such
     * that at least p% of the observations are <= x. No index arithmetic shared with
     * the implementation.
     */
    private static double nearestRankByCounting(double[] data, double p) {
        double[] sorted = data.clone();
        Arrays.sort(sorted);
        for (double candidate : sorted) {
            long atOrBelow = Arrays.stream(data).filter(v -> v <= candidate).count();
            if (100.0 * atOrBelow >= p * data.length) {
                return candidate;
            }
        }
        throw new AssertionError("unreachable");
    }

    @Property(tries = 300)
    void percentilesAreNearestRank(
            @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = -1e3, max = 1e3) Double> data,
            @ForAll @IntRange(min = 1, max = 1000) int perMille) {
        double p = perMille / 10.0;
        SampleSet set = new SampleSet();
        data.forEach(set::add);
        double[] array = data.stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(nearestRankByCounting(array, p), set.percentile(p));
        for (double fixed : new double[] {50, 95, 99, 100}) {
            assertEquals(nearestRankByCounting(array, fixed), set.percentile(fixed));
        }
        assertEquals(Arrays.stream(array).max().orElseThrow(), set.max());
        double[] sorted = array.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, set.sortedValues());
        // adding after a percentile query must still be seen (the lazy sort is redone)
        set.add(1e4);
        assertEquals(1e4, set.max());
    }

    /**
     * Every percentile in steps of 0.1 for every sample size up to 200, against
     * integer arithmetic: with observations 1..n, the p-th percentile is the smallest
     * k with 1000 k >= (10 p) n. Catches floating-point rank errors that random
     * sampling hits only rarely (e.g. p = 28, n = 25).
     */
    @Test
    void everyTenthOfAPercentAgreesWithIntegerRanks() {
        for (int n = 1; n <= 200; n++) {
            SampleSet set = new SampleSet();
            for (int i = 1; i <= n; i++) {
                set.add(i);
            }
            for (int perMille = 1; perMille <= 1000; perMille++) {
                long expectedRank = (perMille * (long) n + 999) / 1000;
                assertEquals(expectedRank, (long) set.percentile(perMille / 10.0), "p = " + perMille / 10.0 + ", n = " + n);
            }
        }
    }

    /** The textbook example (Wikipedia, "Percentile", nearest-rank method). */
    @Test
    void textbookExample() {
        SampleSet set = new SampleSet();
        for (double x : new double[] {35, 20, 15, 50, 40}) {
            set.add(x);
        }
        assertEquals(15, set.percentile(5));
        assertEquals(20, set.percentile(30));
        assertEquals(20, set.percentile(40));
        assertEquals(35, set.percentile(50));
        assertEquals(50, set.percentile(100));
        assertEquals(32, set.mean(), 1e-12);
        assertEquals(2, set.countAbove(35));
    }

    @Test
    void oneToAHundred() {
        SampleSet set = new SampleSet();
        for (int i = 100; i >= 1; i--) {
            set.add(i);
        }
        assertEquals(50, set.percentile(50));
        assertEquals(95, set.percentile(95));
        assertEquals(99, set.percentile(99));
        assertEquals(100, set.max());
    }

    @Test
    void emptyAndInvalid() {
        SampleSet set = new SampleSet();
        assertTrue(Double.isNaN(set.percentile(50)));
        assertTrue(Double.isNaN(set.max()));
        assertThrows(IllegalArgumentException.class, () -> set.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> set.percentile(100.5));
    }
}

package io.mountsim.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {
    private static final double[] PERCENTILES = {0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100};

    /** Exact nearest-rank percentile of a sorted array, by the definition (not by SampleSet). */
    private static double exact(double[] sorted, double p) {
        int rank = (int) Math.max(1, Math.ceil(p / 100.0 * sorted.length - 1e-9));
        return sorted[rank - 1];
    }

    private static void assertWithinRelativeError(double[] values, QuantileSketch sketch) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double p : PERCENTILES) {
            double q = exact(sorted, p);
            double estimate = sketch.percentile(p);
            assertTrue(Math.abs(estimate - q) <= sketch.relativeError() * Math.abs(q) + 1e-300,
                    "p" + p + ": estimate " + estimate + ", exact " + q);
        }
    }

    @Test
    void everyPercentileIsWithinTheStatedRelativeErrorOnSkewedData() {
        SplittableRandom r = new SplittableRandom(14);
        for (double error : new double[] {0.005, 0.02}) {
            // lognormal latencies (heavy tail), a two-mode mixture, and values with zeros and negatives
            double[] logNormal = new double[200_000];
            double[] mixture = new double[200_000];
            double[] signed = new double[50_000];
            for (int i = 0; i < logNormal.length; i++) {
                logNormal[i] = Math.exp(2 + 1.5 * gaussian(r));
                mixture[i] = r.nextInt(10) == 0 ? 3000 + 500 * r.nextDouble() : 5 + r.nextDouble();
            }
            for (int i = 0; i < signed.length; i++) {
                signed[i] = r.nextInt(5) == 0 ? 0 : (r.nextDouble() - 0.3) * 1e4;
            }
            for (double[] values : new double[][] {logNormal, mixture, signed}) {
                QuantileSketch sketch = new QuantileSketch(error);
                for (double v : values) {
                    sketch.add(v);
                }
                assertEquals(values.length, sketch.count());
                assertWithinRelativeError(values, sketch);
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    void memoryDependsOnTheRangeNotTheCount() {
        // 1 us to 1 h in ms at 0.5%: ln(3.6e9) / ln(1.005 / 0.995) = 2,200.4, so at most 2,202 buckets
        int bound = (int) Math.ceil(Math.log(3.6e9) / Math.log(1.005 / 0.995)) + 1;
        QuantileSketch sketch = new QuantileSketch(0.005);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 3_000_000; i++) {
            sketch.add(Math.exp(Math.log(1e-3) + r.nextDouble() * Math.log(3.6e9)));
        }
        assertTrue(sketch.buckets() <= bound, sketch.buckets() + " buckets, bound " + bound);
        assertTrue(sketch.buckets() > 2_000, "the range is covered: " + sketch.buckets());
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheValues() {
        double[] values = new SplittableRandom(3).doubles(10_000, 0, 100).toArray();
        QuantileSketch forwards = new QuantileSketch(0.01);
        QuantileSketch backwards = new QuantileSketch(0.01);
        for (int i = 0; i < values.length; i++) {
            forwards.add(values[i]);
            backwards.add(values[values.length - 1 - i]);
        }
        for (double p : PERCENTILES) {
            assertEquals(forwards.percentile(p), backwards.percentile(p));
        }
    }

    @Test
    void sampleSetIsExactUpToItsLimitThenUsesTheSketch() {
        SampleSet set = new SampleSet();
        double[] values = new SplittableRandom(7).doubles(SampleSet.EXACT_LIMIT + 50_000, 1, 5000).toArray();
        double sum = 0;
        double max = 0;
        for (int i = 0; i < SampleSet.EXACT_LIMIT; i++) {
            set.add(values[i]);
        }
        assertTrue(set.exact());
        double[] firstPart = Arrays.copyOf(values, SampleSet.EXACT_LIMIT);
        Arrays.sort(firstPart);
        assertEquals(exact(firstPart, 99), set.percentile(99), "exact at the limit");
        for (int i = SampleSet.EXACT_LIMIT; i < values.length; i++) {
            set.add(values[i]);
        }
        assertFalse(set.exact());
        for (double v : values) {
            sum += v;
            max = Math.max(max, v);
        }
        assertEquals(values.length, set.size());
        assertEquals(max, set.max(), "the maximum stays exact");
        assertEquals(sum / values.length, set.mean(), 1e-9 * sum / values.length);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double p : PERCENTILES) {
            double q = exact(sorted, p);
            assertTrue(Math.abs(set.percentile(p) - q) <= SampleSet.SKETCH_RELATIVE_ERROR * q, "p" + p);
        }
        long above = Arrays.stream(values).filter(v -> v > 2500).count();
        long near = Arrays.stream(values).filter(v -> Math.abs(v - 2500) <= 2500 * SampleSet.SKETCH_RELATIVE_ERROR).count();
        assertTrue(Math.abs(set.countAbove(2500) - above) <= near, "only values near the threshold can be miscounted");
        assertThrows(IllegalStateException.class, set::sortedValues);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(0));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSketch(1));
        QuantileSketch s = new QuantileSketch(0.01);
        assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
        assertEquals(Double.NaN, s.percentile(50));
        assertThrows(IllegalArgumentException.class, () -> s.percentile(0));
    }
}

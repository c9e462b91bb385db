package io.mountsim.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceIntervalTest {

    /**
     * Half-width = t(0.975, n-1) * s / sqrt(n), with the t quantile from a printed
     * table (t(0.975, 9) = 2.262157, NIST/SEMATECH e-Handbook, table 1.3.6.7.2) and s
     * computed here by the two-pass formula.
     */
    @Test
    void halfWidthIsTTimesStandardErrorFromATable() {
        double[] data = {9.8, 10.2, 10.4, 9.9, 10.0, 10.1, 9.7, 10.3, 10.0, 10.6};
        double mean = 0;
        for (double x : data) {
            mean += x / data.length;
        }
        double ss = 0;
        for (double x : data) {
            ss += (x - mean) * (x - mean);
        }
        double s = Math.sqrt(ss / (data.length - 1));
        ConfidenceInterval ci = ConfidenceInterval.ofMean(data, 0.95);
        assertEquals(mean, ci.mean(), 1e-12);
        assertEquals(2.262157 * s / Math.sqrt(10), ci.halfWidth(), 1e-6);
        assertEquals(10, ci.n());
        // 99% with n = 5: t(0.995, 4) = 4.604095 (same table)
        double[] five = {1, 2, 3, 4, 5};
        assertEquals(4.604095 * Math.sqrt(2.5) / Math.sqrt(5), ConfidenceInterval.ofMean(five, 0.99).halfWidth(), 1e-6);
    }

    /**
     * Coverage: 4,000 intervals from samples of 8 standard normals (fixed seed) should
     * contain the true mean 0 about 95% of the time; binomial sd is 0.34 points, so
     * [93.5%, 96.5%] is over four sd wide. Too narrow (z instead of t: 91.6% at n = 8)
     * or too wide (t(0.99)) fails.
     */
    @Test
    void coverageOfNormalSamplesIsNominal() {
        Random random = new Random(1234);
        int trials = 4_000;
        int covered = 0;
        for (int i = 0; i < trials; i++) {
            double[] sample = new double[8];
            for (int j = 0; j < sample.length; j++) {
                sample[j] = random.nextGaussian();
            }
            if (ConfidenceInterval.ofMean(sample, 0.95).contains(0)) {
                covered++;
            }
        }
        double coverage = covered / (double) trials;
        assertTrue(coverage > 0.935 && coverage < 0.965, "coverage " + coverage);
    }

    @Test
    void degenerateSizes() {
        ConfidenceInterval one = ConfidenceInterval.ofMean(new double[] {3}, 0.95);
        assertEquals(3, one.mean());
        assertEquals(0, one.halfWidth());
        assertTrue(Double.isNaN(ConfidenceInterval.ofMean(new double[0], 0.95).halfWidth()));
    }
}

package io.mountsim.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.RealDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * The distributions draw from the given stream (reproducible with it) and have the
 * moments their parameters promise. 200,000 samples: the sd of a sample mean is under
 * 0.3% of the mean for the coefficients of variation used, so 1.5% bounds are over
 * five sd.
 */
class DistributionsTest {
    private static final int N = 200_000;

    private static SummaryStatistics sample(RealDistribution d) {
        SummaryStatistics s = new SummaryStatistics();
        for (int i = 0; i < N; i++) {
            s.addValue(d.sample());
        }
        return s;
    }

    @Test
    void exponentialHasItsMean() {
        SummaryStatistics s = sample(Distributions.exponential(new RandomStreams(1).stream("e", 0), 250.0));
        assertEquals(250.0, s.getMean(), 0.015 * 250);
        assertEquals(250.0, s.getStandardDeviation(), 0.015 * 250, "cv of an exponential is 1");
    }

    @Test
    void lognormalHasTheRequestedMeanAndCoefficientOfVariation() {
        SummaryStatistics s = sample(Distributions.lognormal(new RandomStreams(2).stream("l", 0), 40.0, 0.5));
        assertEquals(40.0, s.getMean(), 0.015 * 40);
        assertEquals(0.5, s.getStandardDeviation() / s.getMean(), 0.02);
        assertTrue(s.getMin() > 0);
        assertThrows(IllegalArgumentException.class,
                () -> Distributions.lognormal(new RandomStreams(2).stream("l", 0), 40.0, 0));
    }

    @Test
    void samplesAreReproducibleFromTheStream() {
        RealDistribution a = Distributions.lognormal(new RandomStreams(9).stream("x", 2), 5, 1);
        RealDistribution b = Distributions.lognormal(new RandomStreams(9).stream("x", 2), 5, 1);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(a.sample(), b.sample());
        }
    }
}

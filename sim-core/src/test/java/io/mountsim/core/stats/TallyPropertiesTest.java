package io.mountsim.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.junit.jupiter.api.Test;

/** The one-pass tally against Commons Math's two-pass DescriptiveStatistics. */
class TallyPropertiesTest {

    @Property(tries = 300)
    void matchesDescriptiveStatistics(
            @ForAll @Size(min = 2, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> data,
            @ForAll @DoubleRange(min = -1e9, max = 1e9) double offset) {
        Tally tally = new Tally();
        DescriptiveStatistics reference = new DescriptiveStatistics();
        for (double x : data) {
            // a large common offset is where a naive sum-of-squares variance loses its digits
            tally.add(x + offset);
            reference.addValue(x + offset);
        }
        double scale = Math.max(1, reference.getStandardDeviation());
        assertEquals(reference.getN(), tally.count());
        assertEquals(reference.getMean(), tally.mean(), 1e-9 * Math.max(scale, Math.abs(reference.getMean())));
        // Each deviation x - mean is only known to about an ulp of the mean (up to 1e9 here), in
        // Welford's update and in the two-pass reference alike: that bounds how closely they agree.
        double deviationUlp = 4 * Math.ulp(Math.abs(reference.getMean()));
        assertEquals(reference.getVariance(), tally.variance(), 1e-8 * scale * scale + 2 * scale * deviationUlp);
        assertEquals(reference.getStandardDeviation(), tally.standardDeviation(), 1e-8 * scale + deviationUlp);
        assertEquals(reference.getMin(), tally.min());
        assertEquals(reference.getMax(), tally.max());
        assertEquals(reference.getSum(), tally.sum(), 1e-9 * Math.max(1, Math.abs(reference.getSum())) + 1e-6 * data.size());
    }

    @Test
    void emptyAndSingleObservationAreExplicit() {
        Tally t = new Tally();
        assertTrue(Double.isNaN(t.mean()));
        assertTrue(Double.isNaN(t.min()));
        assertTrue(Double.isNaN(t.max()));
        t.add(4);
        assertEquals(4, t.mean());
        assertTrue(Double.isNaN(t.variance()), "no variance from one observation");
        t.reset();
        assertEquals(0, t.count());
        assertTrue(Double.isNaN(t.mean()));
    }

    @Test
    void handComputedExample() {
        Tally t = new Tally();
        for (double x : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            t.add(x);
        }
        assertEquals(5, t.mean(), 1e-15);
        assertEquals(32.0 / 7, t.variance(), 1e-12); // sum of squared deviations 32, n - 1 = 7
        assertEquals(40, t.sum(), 1e-12);
    }
}

package io.mountsim.models.lockbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TicketLockMarkovModelTest {
    /** Short serial section, expensive handoffs: the paper's collapsing case. */
    private static final TicketLockMarkovModel COLLAPSING = new TicketLockMarkovModel(20_000, 200, 100);

    @Test
    void oneCoreIsAnAlternationOfThinkingAndOneLockPeriod() {
        // n = 1: P_0 = s_1 / (a + s_1); throughput = P_1 s_1 = 1 / (1/a + s + c/2)
        assertEquals(1e9 / (20_000 + 200 + 50), COLLAPSING.acquisitionsPerSecond(1), 1e-6);
        assertEquals(20_000 / 20_250.0, COLLAPSING.speedup(1), 1e-12);
        double[] p = COLLAPSING.stationary(1);
        assertEquals(250 / 20_250.0, p[1], 1e-12);
    }

    @Test
    void throughputRisesThenCollapsesWhenHandoffsAreExpensive() {
        double[] rate = new double[129];
        for (int n = 1; n <= 128; n++) {
            rate[n] = COLLAPSING.acquisitionsPerSecond(n);
        }
        int peak = 1;
        for (int n = 1; n <= 128; n++) {
            if (rate[n] > rate[peak]) {
                peak = n;
            }
        }
        assertTrue(peak >= 16 && peak <= 40, "peak at " + peak);
        for (int n = 2; n <= peak; n++) {
            assertTrue(rate[n] > rate[n - 1], "rises up to the peak, n=" + n);
        }
        for (int n = peak + 1; n <= 128; n++) {
            assertTrue(rate[n] < rate[n - 1], "falls after the peak, n=" + n);
        }
        assertTrue(rate[peak + 16] < 0.5 * rate[peak], "collapse: " + rate[peak + 16] + " vs " + rate[peak]);
        // Fully collapsed, every core waits and each period costs s + c n / 2.
        assertEquals(1e9 / (200 + 100 * 128 / 2.0), rate[128], 0.05 * rate[128]);
    }

    @Test
    void withFreeHandoffsThroughputSaturatesAtTheSerialSectionRate() {
        TicketLockMarkovModel scalable = new TicketLockMarkovModel(20_000, 200, 0);
        double previous = 0;
        for (int n = 1; n <= 256; n *= 2) {
            double r = scalable.acquisitionsPerSecond(n);
            assertTrue(r >= previous, "never falls without handoff costs");
            assertTrue(r <= 1e9 / 200 + 1e-6);
            previous = r;
        }
        assertEquals(1e9 / 200, scalable.acquisitionsPerSecond(256), 1e-3 * 1e9 / 200);
    }

    @Property(tries = 100)
    void stationaryDistributionIsAProbabilityAndBalancesFlows(@ForAll @IntRange(min = 1, max = 300) int n,
                                                              @ForAll @DoubleRange(min = 10, max = 1e6) double thinkNs,
                                                              @ForAll @DoubleRange(min = 0, max = 1000) double c) {
        TicketLockMarkovModel m = new TicketLockMarkovModel(thinkNs, 100, c);
        double[] p = m.stationary(n);
        assertEquals(1.0, Arrays.stream(p).sum(), 1e-9);
        double arrivals = m.speedup(n) / thinkNs * 1e9;
        assertEquals(arrivals, m.acquisitionsPerSecond(n), 1e-6 * arrivals, "arrival rate = release rate");
        assertTrue(m.speedup(n) <= n + 1e-9);
        assertEquals(n, m.speedup(n) + m.meanContenders(n), 1e-6 * n);
    }

    @Test
    void rejectsMeaninglessParameters() {
        assertThrows(IllegalArgumentException.class, () -> new TicketLockMarkovModel(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> COLLAPSING.stationary(0));
    }
}

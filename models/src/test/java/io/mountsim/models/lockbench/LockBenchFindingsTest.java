package io.mountsim.models.lockbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.mitigation.CpuSets;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.topology.HardwareCosts;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The lock microbenchmark findings of the Netflix study (netflix-study.md, "Findings on
 * hardware"), on the presets with their sourced parameters: nothing here is tuned per
 * scenario. A 5 ns critical section (one increment plus the loop), 300 per thread.
 */
class LockBenchFindingsTest {
    private static final double CRITICAL_SECTION_NS = 5;
    private static final long ITERATIONS = 300;

    static double nsPerCriticalSection(String machine, boolean smt, String cpuset, int threads) {
        Topology t = new Mitigations(smt, CpuSets.parse(cpuset)).applyTo(MachinePresets.find(machine).orElseThrow());
        LockBenchResult r = LockBench.simulateScheduled(t,
                new LockBenchConfig(threads, CRITICAL_SECTION_NS, ITERATIONS, 0, GrantOrder.TEST_AND_SET),
                LockBenchPropertiesTest.costs(t.spec()), 42, 0, 0);
        assertEquals(1, r.maxHolders());
        System.out.printf("lockbench %-15s smt %-3s cpuset %-8s T=%3d: %6.0f ns per critical section (%d cross-socket handoffs)%n",
                machine, smt ? "on" : "off", cpuset, threads, r.nsPerCriticalSection(), r.crossSocketHandoffs());
        return r.nsPerCriticalSection();
    }

    @Test
    void r5MetalIsMuchFasterAtHighThreadCountsPinnedToOneSocket() {
        for (int threads : new int[] {48, 96}) {
            double spread = nsPerCriticalSection("r5.metal", true, "all", threads);
            double pinned = nsPerCriticalSection("r5.metal", true, "socket:0", threads);
            assertTrue(pinned < 0.67 * spread, threads + " threads: pinned " + pinned + " vs spread " + spread);
        }
        // With few threads both run on socket 0 anyway: the same machine, the same result.
        assertEquals(nsPerCriticalSection("r5.metal", true, "all", 16),
                nsPerCriticalSection("r5.metal", true, "socket:0", 16), 1e-9);
    }

    @Test
    void m7iMetal24xlScalesBetterWithSmtOff() {
        double smtOn = nsPerCriticalSection("m7i.metal-24xl", true, "all", 96);
        double smtOff = nsPerCriticalSection("m7i.metal-24xl", false, "all", 96);
        assertTrue(smtOff < 0.8 * smtOn, "smt off " + smtOff + " vs on " + smtOn);
    }

    @Test
    void m7a24xlargeScalesBestOfTheThree() {
        for (int threads : new int[] {48, 96}) {
            double m7a = nsPerCriticalSection("m7a.24xlarge", true, "all", threads);
            double m7i = nsPerCriticalSection("m7i.metal-24xl", true, "all", threads);
            double r5 = nsPerCriticalSection("r5.metal", true, "all", threads);
            assertTrue(m7a < m7i && m7i < r5, threads + " threads: m7a " + m7a + ", m7i " + m7i + ", r5 " + r5);
        }
        // ... and its cost grows least from 8 to 96 threads.
        double growthM7a = nsPerCriticalSection("m7a.24xlarge", true, "all", 96)
                / nsPerCriticalSection("m7a.24xlarge", true, "all", 8);
        double growthM7i = nsPerCriticalSection("m7i.metal-24xl", true, "all", 96)
                / nsPerCriticalSection("m7i.metal-24xl", true, "all", 8);
        double growthR5 = nsPerCriticalSection("r5.metal", true, "all", 96)
                / nsPerCriticalSection("r5.metal", true, "all", 8);
        assertTrue(growthM7a < growthM7i && growthM7a < growthR5,
                "growth 8->96 threads: m7a " + growthM7a + ", m7i " + growthM7i + ", r5 " + growthR5);
    }

    @Test
    void oneThreadPaysOnlyItsCriticalSection() {
        assertEquals(CRITICAL_SECTION_NS, nsPerCriticalSection("r5.metal", true, "all", 1), 1e-9);
    }
}

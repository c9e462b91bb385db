package io.mountsim.models.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.mountsim.core.results.CpuBreakdown;
import org.junit.jupiter.api.Test;

/** The running containers' spinning path walks move from idle to spinning; the parts still add up. */
class BackgroundSpinBreakdownTest {

    @Test
    void walkersSpinComesOutOfIdleAndThePartsAddUp() {
        CpuBreakdown scheduled = new CpuBreakdown(0.35, 0.027, 0.623, 0.01);
        // 3.1% of a capacity of 96 CPUs x 1 s
        double capacityNs = 96e9;
        CpuBreakdown shown = MountSimulation.withBackgroundSpin(scheduled, Math.round(0.031 * capacityNs), capacityNs);
        assertEquals(0.35, shown.usefulWork(), 1e-12);
        assertEquals(0.058, shown.spinning(), 1e-9);
        assertEquals(0.592, shown.idle(), 1e-9);
        assertEquals(1.0, shown.usefulWork() + shown.spinning() + shown.idle(), 1e-9);
        assertEquals(0.01, shown.waitingForCpu(), 1e-12);
    }

    @Test
    void spinNeverExceedsTheIdleTimeItComesFrom() {
        CpuBreakdown scheduled = new CpuBreakdown(0.9, 0.08, 0.02, 0);
        CpuBreakdown shown = MountSimulation.withBackgroundSpin(scheduled, 50, 1000);
        assertEquals(0.1, shown.spinning(), 1e-12);
        assertEquals(0, shown.idle(), 1e-12);
    }

    @Test
    void withoutWalkersTheSchedulersBreakdownIsKept() {
        CpuBreakdown scheduled = new CpuBreakdown(0.5, 0.1, 0.4, 0);
        assertSame(scheduled, MountSimulation.withBackgroundSpin(scheduled, 0, 1000));
    }
}

package io.mountsim.models.lockbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.topology.CoherenceModel;
import io.mountsim.models.topology.CoreToCoreNs;
import io.mountsim.models.topology.HardwareCosts;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The simulated ticket lock against the analytic model it should agree with: same
 * assumptions as the paper (exponential time between a release and the next acquire
 * attempt, handoff c*k/2), one thread per core, no SMT.
 *
 * <p>The core counts step over the collapse (peak near 34 cores, a third of it at 48) but
 * not into the knee itself (36-40 cores), where the two differ by design: the chain lets an
 * arrival during a lock period lengthen that period at once (state-dependent exponential
 * rate), while the simulation prices a handoff by the waiters present at the release. In
 * that bistable window the simulation stays uncontended longer: measured +13% at 36,
 * +44% at 38, +14% at 40 cores (seed 7, 10,000 iterations per thread); everywhere else
 * within 3%.
 */
class LockBenchVersusMarkovTest {
    private static final double THINK_NS = 20_000;
    private static final double SERIAL_NS = 200;
    private static final double C_NS = 100;
    private static final int[] CORES = {1, 2, 4, 8, 16, 24, 32, 48, 64, 96, 128};

    private static final MachineSpec FLAT = new MachineSpec("flat-128", 1, 128, 1, 1, 1, Interconnect.MESH,
            new CoreToCoreNs(10, 50, 50, 100), 0, 1, 40, "test machine: 128 cores, one LLC");

    @Test
    void simulatedTicketLockMatchesTheModelWithinTenPercentIncludingTheCollapse() {
        HardwareCosts hw = HardwareCosts.of(Topology.of(FLAT)).withCoherence(new CoherenceModel.LinearInWaiters(C_NS));
        TicketLockMarkovModel model = new TicketLockMarkovModel(THINK_NS, SERIAL_NS, C_NS);
        StringBuilder table = new StringBuilder();
        double peakModel = 0;
        double peakSim = 0;
        double simAt128 = 0;
        for (int n : CORES) {
            LockBenchResult r = LockBench.simulate(hw, new LockBenchConfig(n, SERIAL_NS, 3000, THINK_NS, GrantOrder.TICKET),
                    11, 0);
            double expected = model.acquisitionsPerSecond(n);
            double simulated = r.acquisitionsPerSecondAllRunning();
            table.append(String.format("%n  %3d cores: model %.3e/s, simulation %.3e/s (%+.1f%%)", n, expected, simulated,
                    100 * (simulated / expected - 1)));
            assertEquals(1, r.maxHolders());
            assertEquals(expected, simulated, 0.10 * expected, "n=" + n + table);
            peakModel = Math.max(peakModel, expected);
            peakSim = Math.max(peakSim, simulated);
            simAt128 = simulated;
        }
        System.out.println("ticket lock vs Markov model" + table);
        assertTrue(simAt128 < 0.2 * peakSim, "the simulation collapses too" + table);
        assertTrue(model.acquisitionsPerSecond(128) < 0.2 * peakModel);
    }
}

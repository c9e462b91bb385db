package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.models.topology.EstimatedParameter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The running workloads' load keeps each CPU busy the share it asks for. */
class CpuLoadTest {
    @ParameterizedTest
    @CsvSource({"0.1, 2", "0.3, 2", "0.6, 0.5"})
    void eachCpuIsBusyTheRequestedShare(double utilization, double burstMs) {
        NodeRig rig = new NodeRig(8);
        NodeSpec node = new NodeSpec(0, 0, 0, Optional.of(new NodeSpec.CpuLoad(utilization, burstMs)), 0);
        NodeRuntime runtime = NodeRuntime.start(rig.kernel, node, Optional.empty(), List.of(), 4096, rig.streams.stream("nodeLoad", 0));
        rig.sim.scheduleAt(20_000_000_000L, rig.sim::stop);
        rig.sim.run();
        CpuBreakdown cpu = rig.sched.breakdown();
        // one task per CPU, each alone on its CPU most of the time: busy = u (bursts are
        // exponential, so 20 s hold about 10^4-10^5 of them per CPU)
        assertEquals(utilization, cpu.usefulWork(), 0.03 * utilization + 0.005);
        assertEquals(0, cpu.spinning(), 1e-12);
        // the work the tasks handed out is the work the CPUs did: nobody else ran
        assertEquals(cpu.usefulWork(), runtime.metrics().get(NodeRuntime.NODE_LOAD_CPU_FRACTION), 0.01 * utilization);
    }

    /**
     * The sensitivity tool's x2 on the [est] load (0.3 -> 0.6) must reach the CPUs: the
     * node then keeps them busy 0.6, not 0.3 (and x0.5 0.15).
     */
    @ParameterizedTest
    @CsvSource({"2, 0.6", "0.5, 0.15"})
    void aSensitivityRunScalesTheLoadTheCpusSee(double factor, double busy) {
        double measured = EstimatedParameter.NODE_CPU_LOAD.withScaled(factor, () -> {
            NodeRig rig = new NodeRig(8);
            NodeSpec node = new NodeSpec(0, 0, 0, Optional.of(new NodeSpec.CpuLoad(0.3, 2)), 0);
            NodeRuntime.start(rig.kernel, node, Optional.empty(), List.of(), 4096, rig.streams.stream("nodeLoad", 0));
            rig.sim.scheduleAt(20_000_000_000L, rig.sim::stop);
            rig.sim.run();
            return rig.sched.breakdown().usefulWork();
        });
        assertEquals(busy, measured, 0.03 * busy + 0.005);
    }

    /** PID 1's [est] unit bookkeeping is half its per-line cost: x2 on it makes a re-parse 1.5x. */
    @Test
    void aSensitivityRunScalesPid1sUnitWorkPerLine() {
        Pid1Config pid1 = Pid1Config.defaults();
        long base = pid1.reparseNs(1000, 0);
        long doubled = EstimatedParameter.PID1_UNIT_NS_PER_LINE.withScaled(2, () -> pid1.reparseNs(1000, 0));
        assertEquals(1000 * (pid1.parseNsPerLine() + pid1.unitNsPerLine()), base, 1);
        assertEquals(1000 * (pid1.parseNsPerLine() + 2 * pid1.unitNsPerLine()), doubled, 1);
    }

    /** The running containers' path walks, scaled, are the rate the kernel's lookups take. */
    @Test
    void aSensitivityRunScalesThePathWalkRate() {
        NodeSpec node = new NodeSpec(200, 50, 3, Optional.empty(), 1000);
        assertEquals(200_000, node.pathLookupsPerSecond(), 1e-9);
        assertEquals(100_000, EstimatedParameter.NODE_PATH_LOOKUPS.withScaled(0.5, node::pathLookupsPerSecond), 1e-9);
    }
}

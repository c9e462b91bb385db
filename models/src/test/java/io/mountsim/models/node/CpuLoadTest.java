package io.mountsim.models.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mountsim.core.results.CpuBreakdown;
import java.util.List;
import java.util.Optional;
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
}

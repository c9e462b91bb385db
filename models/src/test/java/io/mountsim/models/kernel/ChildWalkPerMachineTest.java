package io.mountsim.models.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.models.calibration.CalibrationFit;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedulerParams;
import io.mountsim.models.sched.TopologyCpuLayout;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import org.junit.jupiter.api.Test;

/** has_locked_children() costs the host's measured per-child figure on the host, scaled elsewhere. */
class ChildWalkPerMachineTest {
    private static final int CHILDREN = 1_000;

    private static long walkNs(MachineSpec machine) {
        var layout = new TopologyCpuLayout(Topology.of(machine));
        var sched = new CpuScheduler(new Simulation(), layout, new SchedulerParams(3_000_000, 5_000, 2_000));
        var kernel = new Kernel(sched, KernelProfiles.EPYC_2CORE, 0, new RandomStreams(1).stream("x", 0), 0,
                LayerStoreChildren.ALL);
        for (int i = 0; i < CHILDREN; i++) {
            kernel.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0));
        }
        return kernel.lockedChildrenCheckNs();
    }

    @Test
    void theCalibrationHostPaysItsOwnMeasuredCostPerChild() {
        double perChildNs = KernelProfiles.EPYC_2CORE.syscallsUs().childMountCheck() * 1000;
        assertEquals(Math.round(perChildNs * CHILDREN), walkNs(CalibrationFit.epyc2coreMachine()));
    }

    @Test
    void eachPresetPaysItsMemoryHierarchysShare() {
        long host = walkNs(CalibrationFit.epyc2coreMachine());
        for (String preset : new String[] {"r5.metal", "m7i.metal-24xl", "m7a.24xlarge"}) {
            MachineSpec spec = MachinePresets.find(preset).orElseThrow();
            assertEquals(spec.memory().childWalkScale(), (double) walkNs(spec) / host, 1e-3, preset);
        }
        // a faster clock and a nearer L3 walk faster: Genoa below Sapphire Rapids
        assertTrue(walkNs(MachinePresets.find("m7a.24xlarge").orElseThrow())
                < walkNs(MachinePresets.find("m7i.metal-24xl").orElseThrow()));
    }
}

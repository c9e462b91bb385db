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
import io.mountsim.models.topology.MemoryHierarchy;
import io.mountsim.models.topology.Topology;
import org.junit.jupiter.api.Test;

/** has_locked_children() costs the host's measured per-child figure on the host, scaled elsewhere. */
class ChildWalkPerMachineTest {
    private static final int CHILDREN = 1_000;

    private static Kernel kernel(MachineSpec machine) {
        var layout = new TopologyCpuLayout(Topology.of(machine));
        var sched = new CpuScheduler(new Simulation(), layout, new SchedulerParams(3_000_000, 5_000, 2_000));
        return new Kernel(sched, KernelProfiles.EPYC_2CORE, 0, new RandomStreams(1).stream("x", 0), 0,
                LayerStoreChildren.ALL);
    }

    private static long walkNs(MachineSpec machine) {
        Kernel kernel = kernel(machine);
        for (int i = 0; i < CHILDREN; i++) {
            kernel.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0), 0);
        }
        return kernel.lockedChildrenCheckNs(0);
    }

    private static int firstCpuOfNode(Kernel kernel, int node) {
        var layout = kernel.scheduler().layout();
        for (int c = 0; c < layout.cpus(); c++) {
            if (layout.nodeOf(c) == node) {
                return c;
            }
        }
        throw new AssertionError("no CPU on node " + node);
    }

    /**
     * r5.metal: children attached by a CPU of node 1 and walked from node 0 cost their
     * lines' cross-socket transfer (nviennot Cascade Lake 134 ns) instead of an L3 hit
     * (AnandTech Skylake-SP 26 ns), exposed in the host's L3 share (3.6 ns per child of
     * 3.6 lines at its 50-cycle / 3.653 GHz L3); once, and never to the writing node.
     */
    @Test
    void linesWrittenOnTheOtherSocketCostTheirTransferOnceToTheOtherSocketsWalker() {
        MachineSpec r5 = MachinePresets.find("r5.metal").orElseThrow();
        Kernel kernel = kernel(r5);
        int node0 = firstCpuOfNode(kernel, 0);
        int node1 = firstCpuOfNode(kernel, 1);
        for (int i = 0; i < CHILDREN; i++) {
            kernel.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0), node1);
        }
        long local = walkNs(r5);
        double linesPerChild = 230.0 / 64;
        double perLineExtra = 3.6 / (50 / 3.653) / linesPerChild * (134 - 26);
        double walkedLines = CHILDREN * linesPerChild + 1;
        assertEquals(local + walkedLines * perLineExtra, kernel.lockedChildrenCheckNs(node0), 2.0);
        assertEquals(local, kernel.lockedChildrenCheckNs(node0), "node 0 holds the lines now");
        assertEquals(local, kernel.lockedChildrenCheckNs(node1), "node 1 wrote them");
        kernel.mountsChanged(new Step.MountTableChange(-1, MountKind.BIND, 0), node1);
        long oneFewer = Math.round(KernelProfiles.EPYC_2CORE.syscallsUs().childMountCheck() * 1000
                * r5.memory().childWalkScale() * (CHILDREN - 1));
        assertEquals(oneFewer + 2 * perLineExtra, kernel.lockedChildrenCheckNs(node0), 2.0,
                "a detach rewrites its two list neighbours");
        assertEquals(walkedLines + 2, kernel.crossNodeLinesRead(), 1e-6);
    }

    @Test
    void aOneSocketMachineHasNoRemoteLines() {
        Kernel kernel = kernel(MachinePresets.find("m7i.metal-24xl").orElseThrow());
        for (int i = 0; i < CHILDREN; i++) {
            kernel.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0), i % kernel.scheduler().cpuCount());
        }
        assertEquals(walkNs(MachinePresets.find("m7i.metal-24xl").orElseThrow()), kernel.lockedChildrenCheckNs(5));
        assertEquals(0, kernel.crossNodeLinesRead());
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

    /**
     * The node's own load (node.cpuLoad.llcFootprintMb) at 4 MB per busy CPU, 30% busy: 48 x 1.2
     * = 57.6 MB per r5.metal socket, more than its 35.75 MB L3, so every child of the walk comes
     * from DRAM: from node 1's DRAM for children a CPU of node 1 attached (alloc_vfsmnt() there),
     * priced at r5.metal's remote DRAM; a walker on node 1 pays its local DRAM for the same
     * children. The cross-socket line charge is then not paid on top (the lines come from DRAM).
     * Without the footprint the walk is priced as before.
     */
    @Test
    void aLoadThatOverflowsTheLlcSendsTheWalkToDramRemoteForTheOtherNodesChildren() {
        MachineSpec r5 = MachinePresets.find("r5.metal").orElseThrow();
        Kernel kernel = kernel(r5);
        kernel.runningLoadLlcFootprint(4, 0.3);
        int node0 = firstCpuOfNode(kernel, 0);
        int node1 = firstCpuOfNode(kernel, 1);
        for (int i = 0; i < CHILDREN; i++) {
            kernel.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0), node1);
        }
        long inCache = walkNs(r5);
        var memory = r5.memory();
        assertEquals(inCache + CHILDREN * memory.evictedExtraNsPerChild(true), kernel.lockedChildrenCheckNs(node0), 1.0);
        assertEquals(inCache + CHILDREN * memory.evictedExtraNsPerChild(false), kernel.lockedChildrenCheckNs(node1), 1.0);
        // r5.metal's remote DRAM: 90 ns local + (134 - 47) ns for the socket link, at the host's exposed share
        assertEquals(MemoryHierarchy.exposedDramLoadsPerChild() * (90 + 134 - 47 - 26), memory.evictedExtraNsPerChild(true), 1e-9);
        assertEquals(2 * CHILDREN, kernel.evictedChildrenWalked(), 1e-9);

        Kernel idle = kernel(r5);
        idle.runningLoadLlcFootprint(0, 0.3);
        for (int i = 0; i < CHILDREN; i++) {
            idle.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0), node0);
        }
        assertEquals(inCache, idle.lockedChildrenCheckNs(node0));
        assertEquals(0, idle.evictedChildrenWalked());
    }

    /** Genoa: each 8-core CCD has its own 32 MB L3, so the same per-CPU footprint (9.6 MB per CCD) leaves the walk there. */
    @Test
    void aCcdKeepsTheWalkWhereAMeshSocketLosesIt() {
        MachineSpec m7a = MachinePresets.find("m7a.24xlarge").orElseThrow();
        Kernel kernel = kernel(m7a);
        kernel.runningLoadLlcFootprint(4, 0.3);
        for (int i = 0; i < CHILDREN; i++) {
            kernel.mountsChanged(new Step.MountTableChange(+1, MountKind.BIND, 0), 0);
        }
        assertEquals(walkNs(m7a), kernel.lockedChildrenCheckNs(3));
        assertEquals(0, kernel.evictedChildrenWalked());
    }
}

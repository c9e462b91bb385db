package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.mitigation.CpuSet;
import io.mountsim.models.mitigation.CpuSets;
import io.mountsim.models.mitigation.Mitigations;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.junit.jupiter.api.Test;

class TopologyTest {

    static MachineSpec preset(String name) {
        return MachinePresets.find(name).orElseThrow();
    }

    static Topology topology(String name, boolean smt, String cpuset) {
        return new Mitigations(smt, CpuSets.parse(cpuset)).applyTo(preset(name));
    }

    @Test
    void r5MetalHas96ThreadsNumberedLikeLinux() {
        Topology t = Topology.of(preset("r5.metal"));
        assertEquals(96, t.allowedCpuCount());
        assertEquals(2, t.sockets());
        assertEquals(2, t.numaNodes());
        assertEquals(2, t.llcDomains());
        assertEquals(48, t.cores());
        assertTrue(t.isSmtOn());
        // lscpu on r5/c5.metal: node0 0-23,48-71, node1 24-47,72-95; cpu n's sibling is n + 48
        assertEquals("0-23,48-71", CpuSets.format(t.cpusOfNode(0)));
        assertEquals("24-47,72-95", CpuSets.format(t.cpusOfNode(1)));
        assertEquals(OptionalInt.of(48), t.siblingOf(0));
        assertEquals(OptionalInt.of(0), t.siblingOf(48));
        assertEquals(OptionalInt.of(95), t.siblingOf(47));
        assertEquals(t.coreOf(30), t.coreOf(78));
        assertEquals(1, t.socketOf(72));
    }

    @Test
    void r5MetalDistancesAreTheMeasuredLatencies() {
        Topology t = Topology.of(preset("r5.metal"));
        assertEquals(0, t.transferNs(5, 5), 1e-9);
        assertEquals(7.6, t.transferNs(0, 48), 1e-9);
        assertEquals(47, t.transferNs(0, 1), 1e-9);
        assertEquals(47, t.transferNs(0, 71), 1e-9);
        assertEquals(134, t.transferNs(0, 24), 1e-9);
        assertEquals(134, t.transferNs(48, 95), 1e-9);
    }

    @Test
    void smtOffRemovesEverySecondThread() {
        Topology t = topology("r5.metal", false, "all");
        assertFalse(t.isSmtOn());
        assertEquals(48, t.allowedCpuCount());
        assertEquals(IntStream.range(0, 48).boxed().toList(), t.cpus());
        assertEquals(OptionalInt.empty(), t.siblingOf(0));
        assertFalse(t.isOnline(48));
        assertThrows(IllegalArgumentException.class, () -> t.transferNs(0, 48));
    }

    @Test
    void cpusetSocketZeroKeepsBothThreadsOfSocketZeroCores() {
        Topology t = topology("r5.metal", true, "socket:0");
        assertEquals(48, t.allowedCpuCount());
        assertEquals("0-23,48-71", CpuSets.format(t.cpuArray()));
        assertTrue(t.cpus().stream().allMatch(c -> t.socketOf(c) == 0));
        Topology node1 = topology("r5.metal", false, "node:1");
        assertEquals("24-47", CpuSets.format(node1.cpuArray()));
        Topology list = topology("r5.metal", false, "0-3,50-60");
        assertEquals(List.of(0, 1, 2, 3), list.cpus(), "offline siblings are dropped, like sched_setaffinity");
    }

    @Test
    void m7iPresets() {
        Topology small = Topology.of(preset("m7i.metal-24xl"));
        assertEquals(96, small.allowedCpuCount());
        assertEquals(1, small.sockets());
        assertEquals(OptionalInt.of(48), small.siblingOf(0));
        assertEquals(51, small.transferNs(0, 47), 1e-9);
        assertEquals(8.1, small.transferNs(3, 51), 1e-9);
        Topology big = Topology.of(preset("m7i.metal-48xl"));
        assertEquals(192, big.allowedCpuCount());
        assertEquals(2, big.numaNodes());
        assertEquals(OptionalInt.of(96), big.siblingOf(0));
        assertEquals(108, big.transferNs(0, 48), 1e-9);
        assertEquals(48, topology("m7i.metal-24xl", false, "all").allowedCpuCount());
    }

    @Test
    void m7aHasTwelveCcdsPerSocketAndNoSmt() {
        Topology t = Topology.of(preset("m7a.24xlarge"));
        assertEquals(96, t.allowedCpuCount());
        assertEquals(12, t.llcDomains());
        assertFalse(t.isSmtOn());
        assertEquals(OptionalInt.empty(), t.siblingOf(0));
        assertEquals(t.llcOf(0), t.llcOf(7));
        assertEquals(23, t.transferNs(0, 7), 1e-9);
        assertEquals(100, t.transferNs(0, 8), 1e-9);
        assertEquals(100, t.transferNs(8, 95), 1e-9);
        Topology big = Topology.of(preset("m7a.metal-48xl"));
        assertEquals(192, big.allowedCpuCount());
        assertEquals(24, big.llcDomains());
        assertEquals(197, big.transferNs(0, 96), 1e-9);
        assertEquals(197, big.transferNs(5, 191), 1e-9);
        assertEquals("96-191", CpuSets.format(topology("m7a.metal-48xl", true, "socket:1").cpuArray()));
    }

    @Test
    void graphHoldsTheHierarchyWithNonNegativeWeights() {
        Topology t = Topology.of(preset("r5.metal"));
        long threads = t.graph().vertexSet().stream().filter(v -> v instanceof TopologyNode.HardwareThread).count();
        long cores = t.graph().vertexSet().stream().filter(v -> v instanceof TopologyNode.Core).count();
        assertEquals(96, threads);
        assertEquals(48, cores);
        for (DefaultWeightedEdge e : t.graph().edgeSet()) {
            assertTrue(t.graph().getEdgeWeight(e) >= 0);
        }
        assertEquals(3, t.graph().degreeOf(new TopologyNode.Core(0)), "two threads and an LLC");
        assertThrows(UnsupportedOperationException.class,
                () -> t.graph().addVertex(new TopologyNode.Socket(7)));
    }

    @Test
    void everyPresetIsValidAndDescribesItself() {
        for (String name : MachinePresets.names()) {
            MachineSpec spec = MachinePresets.find(name).orElse(null);
            if (spec == null) {
                continue; // host on a machine without sysfs
            }
            assertEquals(List.of(), Topology.problems(spec), name);
            String text = Topology.of(spec).describe();
            assertTrue(text.startsWith(name + ":"), text);
            assertTrue(text.contains("line transfer ns"), text);
        }
        String r5 = Topology.of(preset("r5.metal")).describe();
        assertTrue(r5.contains("socket 1: cpus 24-47,72-95"), r5);
        assertTrue(topology("r5.metal", false, "socket:0").describe().contains("cpuset: 0-23"));
    }

    @Test
    void impossibleMachinesAreRejectedWithReadableMessages() {
        MachineSpec base = preset("m7a.24xlarge");
        MachineSpec badCcds = new MachineSpec("x", 1, 10, 1, 3, 1, Interconnect.CHIPLET, base.coreToCoreNs(),
                50, 1.5, 17, "test");
        assertEquals(List.of("coresPerSocket (10) must be a multiple of llcDomainsPerSocket (3)"), Topology.problems(badCcds));
        MachineSpec noSockets = new MachineSpec("x", 0, 10, 1, 1, 1, Interconnect.MESH, base.coreToCoreNs(), 1, 1.5, 17, "t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Topology.of(noSockets));
        assertTrue(e.getMessage().contains("sockets must be at least 1, got 0"), e.getMessage());
        MachineSpec inverted = new MachineSpec("x", 2, 8, 1, 1, 1, Interconnect.MESH, new CoreToCoreNs(8, 50, 50, 40),
                1, 1.5, 17, "t");
        assertTrue(Topology.problems(inverted).get(0).contains("crossSocket (40.0) must not be below"));
    }

    @Test
    void badCpusetsFailWhenTheTopologyIsBuilt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Mitigations(true, new CpuSet.Socket(2)).applyTo(preset("r5.metal")));
        assertEquals("cpuset socket:2 does not exist: r5.metal has 2 socket(s), numbered 0-1", e.getMessage());
    }
}

package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.mitigation.Mitigations;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class TopologyPropertiesTest {
    private static final Topology M7A_2S = Topology.of(MachinePresets.find("m7a.metal-48xl").orElseThrow());
    private static final Topology R5 = Topology.of(MachinePresets.find("r5.metal").orElseThrow());

    @Property(tries = 300)
    void distancesAreAMetricGivenByTheHierarchy(@ForAll @IntRange(max = 191) int a, @ForAll @IntRange(max = 191) int b,
                                                @ForAll @IntRange(max = 191) int c) {
        Topology t = M7A_2S;
        assertEquals(t.transferNs(a, b), t.transferNs(b, a), 1e-9);
        assertTrue(t.transferNs(a, c) <= t.transferNs(a, b) + t.transferNs(b, c) + 1e-9);
        double expected = a == b ? 0
                : t.socketOf(a) != t.socketOf(b) ? 197
                : t.llcOf(a) != t.llcOf(b) ? 100 : 23;
        assertEquals(expected, t.transferNs(a, b), 1e-9);
    }

    @Property(tries = 200)
    void siblingsAreMutualAndShareACore(@ForAll @IntRange(max = 95) int cpu) {
        Topology t = R5;
        int sibling = t.siblingOf(cpu).orElseThrow();
        assertEquals(cpu, t.siblingOf(sibling).orElseThrow());
        assertEquals(t.coreOf(cpu), t.coreOf(sibling));
        assertEquals(7.6, t.transferNs(cpu, sibling), 1e-9);
    }

    @Property(tries = 50)
    void smtOffHalvesTheOnlineCpus(@ForAll @IntRange(min = 1, max = 4) int sockets,
                                   @ForAll @IntRange(min = 1, max = 16) int coresPerSocket) {
        MachineSpec spec = new MachineSpec("p", sockets, coresPerSocket, 2, 1, 1, Interconnect.MESH,
                MachinePresets.CASCADE_LAKE, 23.5, 1.5, 45, "property");
        Topology on = Topology.of(spec);
        Topology off = new Mitigations(false, new io.mountsim.models.mitigation.CpuSet.All()).applyTo(spec);
        assertEquals(2 * sockets * coresPerSocket, on.allowedCpuCount());
        assertEquals(sockets * coresPerSocket, off.allowedCpuCount());
        assertTrue(off.cpus().stream().allMatch(c -> on.siblingOf(c).orElseThrow() == c + sockets * coresPerSocket));
    }
}

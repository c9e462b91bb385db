package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.mitigation.CpuSets;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.topology.Interconnect;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scheduler's dense view of a topology after SMT and cpuset mitigations. */
class TopologyCpuLayoutTest {

    @ParameterizedTest
    @CsvSource({"true, all", "false, all", "true, socket:0", "true, 0-5"})
    void siblingsAreMutualAndOnTheSameCoreAndDistancesMatchTheTopology(boolean smt, String cpuset) {
        for (String name : MachinePresets.names()) {
            if (MachinePresets.HOST.equals(name)) {
                continue;
            }
            MachineSpec spec = MachinePresets.find(name).orElseThrow();
            Topology topology = new Mitigations(smt, CpuSets.parse(cpuset)).applyTo(spec);
            TopologyCpuLayout layout = new TopologyCpuLayout(topology);
            int[] logical = topology.cpuArray();
            assertEquals(logical.length, layout.cpus());
            for (int i = 0; i < layout.cpus(); i++) {
                int s = layout.siblingOf(i);
                if (!smt || spec.threadsPerCore() == 1) {
                    assertEquals(-1, s, name + ": no SMT, no sibling");
                }
                if (s >= 0) {
                    assertTrue(s != i && s < layout.cpus());
                    assertEquals(i, layout.siblingOf(s), name + ": siblings are mutual");
                    assertEquals(topology.coreOf(logical[i]), topology.coreOf(logical[s]), name + ": same core");
                }
                assertEquals(0.0, layout.transferNs(i, i));
                assertEquals(topology.llcOf(logical[i]), layout.llcOf(i));
                int j = layout.cpus() - 1 - i;
                assertEquals(topology.transferNs(logical[i], logical[j]), layout.transferNs(i, j), 1e-9);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void everyUsableSmtPairIsFoundWhenAllCpusAreAllowed(boolean smt) {
        for (String name : MachinePresets.names()) {
            if (MachinePresets.HOST.equals(name)) {
                continue;
            }
            MachineSpec spec = MachinePresets.find(name).orElseThrow();
            TopologyCpuLayout layout = new TopologyCpuLayout(new Mitigations(smt, CpuSets.parse("all")).applyTo(spec));
            long withSibling = java.util.stream.IntStream.range(0, layout.cpus()).filter(i -> layout.siblingOf(i) >= 0).count();
            long expected = smt && spec.threadsPerCore() == 2 ? layout.cpus() : 0;
            assertEquals(expected, withSibling, name);
        }
    }

    /**
     * kernel-mount-locking.md section 6: on a mesh every spinner's request queues at the
     * line's home agent, on chiplets one request per CCD reaches it; so the extra handoff
     * cost follows the spinners on a mesh and the domains on chiplets, and nothing else.
     */
    @ParameterizedTest
    @CsvSource({"1, 1", "8, 2", "40, 4"})
    void contentionFollowsSpinnersOnAMeshAndDomainsOnChiplets(int spinners, int domains) {
        for (String name : MachinePresets.names()) {
            if (MachinePresets.HOST.equals(name)) {
                continue;
            }
            MachineSpec spec = MachinePresets.find(name).orElseThrow();
            TopologyCpuLayout layout = new TopologyCpuLayout(Topology.of(spec));
            double base = layout.contentionNs(spinners, domains);
            double moreSpinners = layout.contentionNs(spinners + 1, domains);
            double moreDomains = layout.contentionNs(spinners, domains + 1);
            assertTrue(base >= 0, name);
            if (spec.interconnect() == Interconnect.MESH) {
                assertTrue(moreSpinners > base, name + ": one more spinner costs more on a mesh");
                assertEquals(base, moreDomains, 1e-9, name + ": domains do not matter on a mesh");
            } else {
                assertTrue(moreDomains > base, name + ": one more CCD costs more on chiplets");
                assertEquals(base, moreSpinners, 1e-9, name + ": spinners within a CCD share one request");
            }
        }
    }
}

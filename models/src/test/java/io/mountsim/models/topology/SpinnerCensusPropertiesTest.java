package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SpinnerCensusPropertiesTest {
    private static final Topology M7A_2S = Topology.of(MachinePresets.find("m7a.metal-48xl").orElseThrow());
    private static final Topology R5 = Topology.of(MachinePresets.find("r5.metal").orElseThrow());

    /** Spinners come and go in any order; the census always equals a recount from scratch. */
    @Property(tries = 200)
    void incrementalCountsEqualARecount(@ForAll @Size(max = 300) List<@IntRange(max = 191) Integer> toggles) {
        SpinnerCensus census = new SpinnerCensus(M7A_2S, 0);
        List<Integer> spinning = new ArrayList<>();
        for (int cpu : toggles) {
            if (spinning.contains(cpu)) {
                spinning.remove(Integer.valueOf(cpu));
                census.remove(cpu, 1);
            } else {
                spinning.add(cpu);
                census.add(cpu, 1);
            }
            Set<Integer> localLlcs = new HashSet<>();
            Set<Integer> remoteLlcs = new HashSet<>();
            long remote = 0;
            for (int c : spinning) {
                if (M7A_2S.socketOf(c) == 0) {
                    localLlcs.add(M7A_2S.llcOf(c));
                } else {
                    remote++;
                    remoteLlcs.add(M7A_2S.llcOf(c));
                }
            }
            assertEquals(spinning.size(), census.spinners());
            assertEquals(remote, census.remoteWeight(), 1e-9);
            assertEquals(spinning.size() - remote, census.localWeight(), 1e-9);
            assertEquals(localLlcs.size(), census.localLlcDomains());
            assertEquals(remoteLlcs.size(), census.remoteLlcDomains());
        }
    }

    /** On a mesh one more spinner anywhere never makes a handoff cheaper. */
    @Property(tries = 200)
    void meshHandoffNeverFallsWhenSomeoneStartsSpinning(@ForAll @Size(min = 1, max = 60) List<@IntRange(max = 95) Integer> cpus,
                                                        @ForAll @IntRange(max = 95) int extra) {
        HardwareCosts hw = HardwareCosts.of(R5);
        SpinnerCensus census = new SpinnerCensus(R5, 0);
        cpus.forEach(c -> census.add(c, 1));
        int from = cpus.get(0);
        int to = cpus.get(cpus.size() - 1);
        double before = hw.handoffNs(from, to, census);
        census.add(extra, 1);
        assertTrue(hw.handoffNs(from, to, census) >= before);
    }
}

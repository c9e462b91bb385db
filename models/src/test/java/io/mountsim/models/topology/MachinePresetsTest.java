package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachinePresetsTest {
    @Test
    void namesTheStudyMachinesAndHost() {
        assertEquals(List.of("r5.metal", "m7i.metal-24xl", "m7i.metal-48xl", "m7a.24xlarge", "m7a.metal-48xl", "host"),
                MachinePresets.names());
        assertEquals(Optional.empty(), MachinePresets.find("r6.metal"));
    }

    @Test
    void shapesMatchTheInstanceTypes() {
        record Shape(String name, int sockets, int cores, int threads, int llcs, Interconnect ic) {
        }
        for (Shape s : List.of(
                new Shape("r5.metal", 2, 24, 2, 1, Interconnect.MESH),
                new Shape("m7i.metal-24xl", 1, 48, 2, 1, Interconnect.MESH),
                new Shape("m7i.metal-48xl", 2, 48, 2, 1, Interconnect.MESH),
                new Shape("m7a.24xlarge", 1, 96, 1, 12, Interconnect.CHIPLET),
                new Shape("m7a.metal-48xl", 2, 96, 1, 12, Interconnect.CHIPLET))) {
            MachineSpec m = MachinePresets.find(s.name()).orElseThrow();
            assertEquals(s.sockets(), m.sockets(), s.name());
            assertEquals(s.cores(), m.coresPerSocket(), s.name());
            assertEquals(s.threads(), m.threadsPerCore(), s.name());
            assertEquals(s.llcs(), m.llcDomainsPerSocket(), s.name());
            assertEquals(s.ic(), m.interconnect(), s.name());
            assertFalse(m.source().isBlank());
        }
    }

    @Test
    void contentionCostsFollowThePapersHalfATransferPerContender() {
        assertEquals(47 / 2.0, MachinePresets.find("r5.metal").orElseThrow().perSpinnerHandoffNs(), 1e-9);
        assertEquals(100 / 2.0, MachinePresets.find("m7a.24xlarge").orElseThrow().perSpinnerHandoffNs(), 1e-9);
        double r5Pause = MachinePresets.find("r5.metal").orElseThrow().pauseNs();
        assertTrue(r5Pause > 40 && r5Pause < 50, "140 cycles at 3.1 GHz: " + r5Pause);
    }
}

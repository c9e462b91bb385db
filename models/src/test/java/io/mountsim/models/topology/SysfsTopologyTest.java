package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.mitigation.CpuSets;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SysfsTopologyTest {

    static Path tree(String name) {
        try {
            return Path.of(SysfsTopologyTest.class.getResource("/topology/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsATwoSocketIntelBoxWithSparseCoreIdsAndAnOfflineCpu() {
        SysfsTopology s = SysfsTopology.read(tree("sysfs-intel-2s"));
        assertEquals(15, s.placements().size(), "cpu15 is offline: no topology directory");
        assertEquals("GenuineIntel", s.vendorId());
        CpuPlacement cpu9 = s.placements().get(9);
        assertEquals(new CpuPlacement(9, 0, 0, 0, 1, 1), cpu9, "cpu 9 = socket 0, second core, second thread");
        CpuPlacement cpu4 = s.placements().get(4);
        assertEquals(1, cpu4.socket());
        assertEquals(1, cpu4.node());
        assertEquals(1, cpu4.llc());
        assertEquals(0, cpu4.threadInCore());

        MachineSpec spec = s.toMachineSpec();
        assertEquals("host", spec.name());
        assertEquals(2, spec.sockets());
        assertEquals(4, spec.coresPerSocket());
        assertEquals(2, spec.threadsPerCore());
        assertEquals(1, spec.llcDomainsPerSocket());
        assertEquals(1, spec.numaNodesPerSocket());
        assertEquals(Interconnect.MESH, spec.interconnect(), "Intel -> the nearest family is Sapphire Rapids' mesh");
        assertEquals(MachinePresets.SAPPHIRE_RAPIDS, spec.coreToCoreNs());
        assertTrue(spec.source().contains("Platinum 8259CL"), spec.source());
        // The numbering of the fake tree is Linux's, so the generic layout agrees with it.
        Topology t = Topology.of(spec);
        assertEquals("0-3,8-11", CpuSets.format(t.cpusOfSocket(0)));
    }

    @Test
    void readsThisKindOfDevMachineAnAmdVmWithTwoVcpus() {
        MachineSpec spec = SysfsTopology.read(tree("sysfs-amd-vm")).toMachineSpec();
        assertEquals(1, spec.sockets());
        assertEquals(2, spec.coresPerSocket());
        assertEquals(1, spec.threadsPerCore());
        assertEquals(Interconnect.CHIPLET, spec.interconnect());
        assertEquals(MachinePresets.GENOA, spec.coreToCoreNs());
        assertEquals(2, Topology.of(spec).allowedCpuCount());
    }

    @Test
    void countsCcdsFromTheL3SharingListsAndSurvivesAMissingNodeDirectory() {
        SysfsTopology s = SysfsTopology.read(tree("sysfs-amd-ccd"));
        MachineSpec spec = s.toMachineSpec();
        assertEquals(8, spec.coresPerSocket());
        assertEquals(2, spec.llcDomainsPerSocket());
        assertEquals(1, spec.numaNodesPerSocket());
        assertEquals(s.placements().get(3).llc(), 0);
        assertEquals(s.placements().get(4).llc(), 1);
        Topology t = Topology.of(spec);
        assertEquals(100, t.transferNs(0, 4), 1e-9);
        assertEquals(23, t.transferNs(0, 3), 1e-9);
    }

    @Test
    void malformedFilesAreNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SysfsTopology.read(tree("sysfs-broken")));
        assertTrue(e.getMessage().contains("core_id: expected an integer, found 'zero'"), e.getMessage());
        assertEquals(Optional.empty(), SysfsTopology.tryRead(tree("sysfs-broken")));
        assertEquals(Optional.empty(), SysfsTopology.tryRead(Path.of("/nonexistent-root")));
    }

    @Test
    void hostPresetReadsThisMachineWhenItIsLinux() {
        Optional<MachineSpec> host = MachinePresets.find("host");
        if (Files.isDirectory(Path.of("/sys/devices/system/cpu/cpu0/topology"))) {
            MachineSpec spec = host.orElseThrow();
            assertTrue(spec.hardwareThreads() >= 1);
            assertEquals(spec.hardwareThreads(), Topology.of(spec).allowedCpuCount());
        } else {
            assertEquals(Optional.empty(), host);
        }
    }
}

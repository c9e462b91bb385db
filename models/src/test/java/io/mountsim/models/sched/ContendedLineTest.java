package io.mountsim.models.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * A lock line's cost to its owner with a live census of pollers: per poller on a mesh
 * (the home CHA queues every request), per LLC domain with pollers on chiplets (each
 * CCD's L3 answers its own cores), pollers on another socket weighted by crossSocket/llc.
 */
class ContendedLineTest {

    private static TopologyCpuLayout layout(String preset) {
        MachineSpec spec = MachinePresets.find(preset).orElseThrow();
        return new TopologyCpuLayout(Topology.of(spec));
    }

    private static int[] cpusOnLlc(TopologyCpuLayout layout, int llc, int n) {
        int[] cpus = new int[n];
        int k = 0;
        for (int c = 0; c < layout.cpus() && k < n; c++) {
            if (layout.llcOf(c) == llc) {
                cpus[k++] = c;
            }
        }
        return cpus;
    }

    @Test
    void onAMeshEveryPollerQueuesAtTheHome() {
        TopologyCpuLayout m7i = layout("m7i.metal-24xl");
        ContendedLine line = m7i.contendedLine(0);
        assertEquals(0, line.queueNs());
        line.addPoller(1);
        double one = line.queueNs();
        for (int c = 2; c < 9; c++) {
            line.addPoller(c);
        }
        assertEquals(8 * one, line.queueNs(), 1e-9);
        for (int c = 1; c < 9; c++) {
            line.removePoller(c);
        }
        assertEquals(0, line.queueNs());
    }

    @Test
    void onChipletsPollersCountPerCcdOnceTheLineCrossesCcds() {
        TopologyCpuLayout m7a = layout("m7a.24xlarge");
        ContendedLine sameCcd = m7a.contendedLine(0);
        for (int c : cpusOnLlc(m7a, 0, 8)) {
            sameCcd.addPoller(c);
        }
        ContendedLine oneCcd = m7a.contendedLine(0);
        oneCcd.addPoller(cpusOnLlc(m7a, 0, 1)[0]);
        assertEquals(8 * oneCcd.queueNs(), sameCcd.queueNs(), 1e-9, "in one CCD its L3 queues each poller");
        ContendedLine twoCcds = m7a.contendedLine(0);
        twoCcds.addPoller(cpusOnLlc(m7a, 0, 1)[0]);
        twoCcds.addPoller(cpusOnLlc(m7a, 1, 1)[0]);
        ContendedLine twoCcdsEight = m7a.contendedLine(0);
        for (int c : cpusOnLlc(m7a, 0, 4)) {
            twoCcdsEight.addPoller(c);
        }
        for (int c : cpusOnLlc(m7a, 1, 4)) {
            twoCcdsEight.addPoller(c);
        }
        assertEquals(twoCcds.queueNs(), twoCcdsEight.queueNs(), 1e-9, "across CCDs, one request per CCD reaches the home");
        ContendedLine spread = m7a.contendedLine(0);
        for (int llc = 0; llc < 8; llc++) {
            spread.addPoller(cpusOnLlc(m7a, llc, 1)[0]);
        }
        assertEquals(4 * twoCcds.queueNs(), spread.queueNs(), 1e-9, "8 pollers on 8 CCDs = 8 domains");
    }

    @Test
    void aPollerOnTheOtherSocketWeighsMoreThanALocalOne() {
        TopologyCpuLayout twoSockets = layout("m7i.metal-48xl");
        int remote = -1;
        for (int c = 0; c < twoSockets.cpus() && remote < 0; c++) {
            if (twoSockets.socketOf(c) == 1) {
                remote = c;
            }
        }
        ContendedLine local = twoSockets.contendedLine(0);
        local.addPoller(1);
        ContendedLine far = twoSockets.contendedLine(0);
        far.addPoller(remote);
        MachineSpec spec = twoSockets.topology().spec();
        assertEquals(spec.coreToCoreNs().crossSocket() / spec.coreToCoreNs().llc(), far.queueNs() / local.queueNs(), 1e-9);
        assertTrue(far.queueNs() > local.queueNs());
    }
}

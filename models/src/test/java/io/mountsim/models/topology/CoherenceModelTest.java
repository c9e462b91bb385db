package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoherenceModelTest {
    private static final Topology R5 = Topology.of(MachinePresets.find("r5.metal").orElseThrow());
    private static final Topology M7A = Topology.of(MachinePresets.find("m7a.24xlarge").orElseThrow());

    private static double handoff(Topology t, int from, int to, int... spinners) {
        SpinnerCensus census = new SpinnerCensus(t, 0);
        for (int cpu : spinners) {
            census.add(cpu, 1);
        }
        return HardwareCosts.of(t).handoffNs(from, to, census);
    }

    @Test
    void meshHandoffGrowsWithEverySpinner() {
        double one = handoff(R5, 0, 1, 1);
        double two = handoff(R5, 0, 1, 1, 2);
        double three = handoff(R5, 0, 1, 1, 2, 3);
        assertEquals(47 + 23.5, one, 1e-9);
        assertEquals(23.5, two - one, 1e-9);
        assertEquals(23.5, three - two, 1e-9);
    }

    @Test
    void meshSpinnersOnTheOtherSocketQueueLongerAtTheHome() {
        double local = handoff(R5, 0, 1, 1, 2);
        double remote = handoff(R5, 0, 1, 1, 24);
        assertEquals(23.5 * 134 / 47, remote - local + 23.5, 1e-9);
        assertEquals(134 + 23.5 * 134 / 47, handoff(R5, 0, 24, 24), 1e-9, "cross-socket transfer, remote spinner");
    }

    @Test
    void chipletPenaltyGrowsWithDomainsNotSpinners() {
        double twoCcds = handoff(M7A, 0, 1, 1, 8);
        double twoCcdsMoreSpinners = handoff(M7A, 0, 1, 1, 2, 3, 8, 9);
        double threeCcds = handoff(M7A, 0, 1, 1, 8, 16);
        assertEquals(23 + 2 * 50, twoCcds, 1e-9);
        assertEquals(twoCcds, twoCcdsMoreSpinners, 1e-9);
        assertEquals(50, threeCcds - twoCcds, 1e-9);
    }

    @Test
    void withinOneCcdTheLineNeverLeavesItsL3AndEachSpinnerQueuesThere() {
        double oneSpinner = handoff(M7A, 0, 1, 1);
        double sevenSpinners = handoff(M7A, 0, 1, 1, 2, 3, 4, 5, 6, 7);
        assertEquals(23 + 23 / 2.0, oneSpinner, 1e-9, "same-CCD transfer plus half a same-CCD transfer");
        assertEquals(23 + 7 * 23 / 2.0, sevenSpinners, 1e-9);
        assertTrue(sevenSpinners < handoff(M7A, 0, 1, 1, 8), "seven spinners in one CCD cost less than two spinners on two CCDs");
    }

    @Test
    void reacquiringAnUncontendedLineIsFree() {
        assertEquals(0, handoff(R5, 3, 3, 3), 1e-9);
        assertEquals(0, handoff(M7A, 3, 3, 3), 1e-9);
        assertTrue(handoff(R5, 3, 3, 3, 4) > 0, "another spinner pulled the line away");
    }

    @Test
    void censusTracksDomainsAsSpinnersComeAndGo() {
        SpinnerCensus c = new SpinnerCensus(M7A, 0);
        c.add(0, 1);
        c.add(1, 0.5);
        c.add(8, 1);
        assertEquals(3, c.spinners());
        assertEquals(2.5, c.totalWeight(), 1e-12);
        assertEquals(2, c.localLlcDomains());
        c.remove(0, 1);
        assertEquals(2, c.localLlcDomains());
        c.remove(1, 0.5);
        assertEquals(1, c.localLlcDomains());
        c.remove(8, 1);
        assertEquals(0, c.totalWeight());
        assertEquals(0, c.localLlcDomains());
    }

    @Test
    void linearModelIsThePapersHalfOfTheQueue() {
        SpinnerCensus census = new SpinnerCensus(R5, 0);
        for (int cpu = 0; cpu < 10; cpu++) {
            census.add(cpu, 1);
        }
        assertEquals(100 * 10 / 2.0, new CoherenceModel.LinearInWaiters(100).handoffNs(R5, 0, 40, census), 1e-9);
    }

    @Test
    void smtSlowdownDependsOnWhatTheSiblingDoes() {
        HardwareCosts hw = HardwareCosts.of(R5);
        assertEquals(1.0, hw.smtSlowdown(HardwareCosts.SiblingActivity.IDLE));
        assertEquals(2 / 1.3, hw.smtSlowdown(HardwareCosts.SiblingActivity.BUSY), 1e-9);
        assertTrue(hw.smtSlowdown(HardwareCosts.SiblingActivity.SPINNING) < hw.smtSlowdown(HardwareCosts.SiblingActivity.BUSY));
    }
}

package io.mountsim.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.topology.MemoryHierarchy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The memory hierarchy read off child-walk-levels rows: synthetic files and the calibration host's raw run. */
class ChildWalkLevelsTest {
    private static final String MOUNTBENCH = "== probe mountbench\n" + ProbeResultsTest.run(1, "layer", 280, 7);

    /** A kit file whose walk costs l2Ns per child up to 4,000 children and l3Ns per child beyond. */
    private static ProbeResults walk(double ghz, double l2Ns, double l3Ns, double at16000Us) {
        StringBuilder b = new StringBuilder(ProbeResultsTest.HEADER + MOUNTBENCH + "== probe child-walk-levels\n");
        b.append(String.format(Locale.ROOT, "core-clock ghz=%.3f%n", ghz));
        double base = 3.45;
        for (int n : new int[] {0, 500, 1000, 2000, 4000}) {
            b.append(String.format(Locale.ROOT, "child-walk children=%d open_tree_us=%.4f%n", n, base + n * l2Ns / 1000));
        }
        double at4000 = base + 4000 * l2Ns / 1000;
        b.append(String.format(Locale.ROOT, "child-walk children=8000 open_tree_us=%.4f%n", at4000 + 4000 * l3Ns / 1000));
        b.append(String.format(Locale.ROOT, "child-walk children=16000 open_tree_us=%.4f%n",
                at16000Us > 0 ? at16000Us : at4000 + 12000 * l3Ns / 1000));
        return ProbeResults.parse(b.append("== end\n").toString(), "/x/probe-results.txt");
    }

    @Test
    void theCalibrationHostsOwnSlopesGiveBackItsHierarchy() {
        ChildWalkLevels.Result r = ChildWalkLevels.read(walk(3.653, 21.9, 25.5, 0)).orElseThrow();
        assertEquals(21.9, r.l2NsPerChild().orElseThrow(), 1e-3);
        // 4,000-16,000 includes no L2 point, so the slope there is the L3 cost alone
        assertEquals(25.5, r.l3NsPerChild().orElseThrow(), 1e-3);
        assertEquals(3.653, r.memory().allCoreGhz(), 1e-9);
        assertEquals(MemoryHierarchy.CALIBRATION_HOST.l3Ns(), r.memory().l3Ns(), 0.01);
        assertEquals(1.0, r.memory().childWalkScale(), 1e-3, "the host's walk costs the host's walk");
        assertTrue(r.note().isEmpty());
        assertTrue(r.provenance().contains("allCoreGhz 3.653 measured (probe-results.txt child-walk-levels core-clock row)"),
                r.provenance());
        assertTrue(r.provenance().contains("l3Ns 13.7 derived"), r.provenance());
    }

    @Test
    void twiceTheExposedL3CostIsTwiceTheL3LatencyAndASlowerWalk() {
        // 3.6 ns more per child than the host's L3-resident walk exposes: an L3 twice as far
        ChildWalkLevels.Result r = ChildWalkLevels.read(walk(3.653, 21.9, 21.9 + 7.2, 0)).orElseThrow();
        assertEquals(2 * MemoryHierarchy.CALIBRATION_HOST.l3Ns(), r.memory().l3Ns(), 0.02);
        assertTrue(r.memory().childWalkScale() > 1.1, "the exposed 3.6 ns doubles: " + r.memory().childWalkScale());
    }

    @Test
    void anImplausibleSlopeDifferenceFallsBackToTheCycleEstimateAtTheMeasuredClock() {
        // the 16,000 step out of the guest's L3 share, as on a busy day: 1,455 us instead of 400
        ChildWalkLevels.Result r = ChildWalkLevels.read(walk(3.0, 21.9, 25.5, 1455)).orElseThrow();
        double cycles = MemoryHierarchy.CALIBRATION_HOST.l3Ns() * MemoryHierarchy.CALIBRATION_HOST.allCoreGhz();
        assertEquals(cycles / 3.0, r.memory().l3Ns(), 1e-9);
        assertEquals(3.0, r.memory().allCoreGhz(), 1e-9);
        assertTrue(r.note().orElseThrow().contains("outside the plausible 5-60 ns"), r.note().get());
        assertTrue(r.provenance().contains("[est]") && r.provenance().contains("refused"), r.provenance());
    }

    @Test
    void noClockRowNoHierarchy() {
        String text = ProbeResultsTest.HEADER + MOUNTBENCH + "== probe child-walk-levels\nchild-walk children=0 open_tree_us=3\n== end\n";
        assertTrue(ChildWalkLevels.read(ProbeResults.parse(text, "k")).isEmpty());
        assertTrue(ChildWalkLevels.read(ProbeResults.parse(ProbeResultsTest.HEADER + MOUNTBENCH + "== end\n", "k")).isEmpty());
    }

    /** The calibration host's raw hand run (0-64,000 children): the slopes MemoryHierarchy states. */
    @Test
    void theCalibrationHostsRawRunGivesMemoryHierarchysFigures() throws IOException {
        String raw;
        try (InputStream in = getClass().getResourceAsStream("/calibration/epyc-2core/child-walk-levels.txt")) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String rows = raw.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n", "", "\n"));
        ProbeResults results = ProbeResults.parse(ProbeResultsTest.HEADER + MOUNTBENCH + "== probe child-walk-levels\n"
                + rows + "== end\n", "child-walk-levels.txt");
        ChildWalkLevels.Result r = ChildWalkLevels.read(results).orElseThrow();
        assertEquals(MemoryHierarchy.HOST_CORE_NS_PER_CHILD, r.l2NsPerChild().orElseThrow(), 0.05);
        assertEquals(MemoryHierarchy.HOST_CORE_NS_PER_CHILD + MemoryHierarchy.HOST_L3_EXPOSED_NS_PER_CHILD,
                r.l3NsPerChild().orElseThrow(), 0.05);
        assertEquals(MemoryHierarchy.CALIBRATION_HOST.allCoreGhz(), r.memory().allCoreGhz(), 1e-9);
        assertEquals(MemoryHierarchy.CALIBRATION_HOST.l3Ns(), r.memory().l3Ns(), 0.3);
    }
}

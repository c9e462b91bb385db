package io.mountsim.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.runtime.IdmapMode;
import org.junit.jupiter.api.Test;

/** The probe kit's results file (kit-version 1), against synthetic inputs written to its contract. */
class ProbeResultsTest {
    static final String HEADER = "# mountsim probe kit\n# kit-version: 1\n# date: 2026-11-30T02:10:00Z\n"
            + "# kernel: 6.18.44\n# cpu-model: AMD EPYC\n# online-cpus: 0-3\n"
            + "# topology: cpu=0 core=0 package=0 node=0 llc=0-3 siblings=0,2\n"
            + "# topology: cpu=1 core=1 package=0 node=0 llc=0-3 siblings=1,3\n"
            + "# topology: cpu=2 core=0 package=0 node=0 llc=0-3 siblings=0,2\n"
            + "# topology: cpu=3 core=1 package=0 node=0 llc=0-3 siblings=1,3\n# mode: full\n";

    static String run(int threads, String mode, double startsPerS, double openTree) {
        return "threads=" + threads + " layers=50 mode=" + mode + " readers=0 containers=256 wall_s=1 starts_per_s="
                + startsPerS + " mount_syscalls_per_s=1 lat_mean_ms=3 p50_ms=3 p95_ms=4 p99_ms=5 max_ms=6 mounts_after=277"
                + " reader_reads=0 future_key=7\n  per-syscall mean_us: open_tree=" + openTree
                + " mount_setattr=1 move_mount=2 overlay_mount=200 umount_detach=40\n";
    }

    @Test
    void readsHeaderTopologyRowsAndAveragesTheThreePassesOfAShape() {
        String text = HEADER + "== probe mountbench\n" + run(2, "layer", 400, 8) + run(2, "layer", 500, 10)
                + run(2, "layer", 600, 12) + "mountinfo mounts=121 read_us=190.0 ns_per_line=1571\n"
                + "== probe wakeup-idle\nwakeup-idle idle_gap_us=50 samples=10 mean_us=20.5 p50_us=19 new_key=1\n"
                + "== probe smt-sibling\npause-latency ns=24.56\n"
                + "smt-sibling load=idle workload=compute trials=15 ns_per_op=1.1 ratio=1.000\n"
                + "smt-sibling load=compute workload=compute trials=15 ns_per_op=1.4 ratio=1.310\n"
                + "== probe lockbench\nlockbench threads=4 ns_per_cs=120\n"
                + "== probe something-new\nwhatever rows=1\n== end\n";
        ProbeResults r = ProbeResults.parse(text, "kit.txt");
        assertEquals("6.18.44", r.header().get("kernel"));
        assertEquals(4, r.topology().size());
        assertEquals(3, r.mountbench().runs().size());
        MeasuredRun merged = r.mountbench().merged().find(IdmapMode.PER_LAYER, 2, 50, 0).orElseThrow();
        assertEquals(500, merged.startsPerSecond(), 1e-9);
        assertEquals(10, merged.syscallMeanUs().get("open_tree"), 1e-9);
        assertEquals(20.5, r.rows("wakeup-idle", "wakeup-idle").get(0).number("mean_us").orElseThrow());
        assertEquals(1, r.rows("lockbench", "lockbench").size());
        var m = ProbeTopology.machine(r, "h").orElseThrow();
        assertEquals(1, m.sockets());
        assertEquals(2, m.coresPerSocket());
        assertEquals(2, m.threadsPerCore(), "siblings 0,2 and 1,3");
        assertEquals(1.31, m.smtSlowdown(), 1e-9, "smt-sibling load=compute workload=compute ratio");
        assertEquals(24.56, m.pauseNs(), 1e-9, "pause-latency ns");
    }

    @Test
    void skippedOptionalProbesAreListedAndTheSpinningSiblingAndMemoryReachTheMachine() {
        String text = HEADER + "# skipped: mountinfo-parse (its library is missing: libmount.h: No such file or directory)\n"
                + "# skipped: other (pkg-config does not find the library 'x')\n"
                + "== probe mountbench\n" + run(1, "layer", 280, 7)
                + "== probe smt-sibling\npause-latency ns=20\n"
                + "smt-sibling-setup cpu=0 other_cpu=2 shares_core=yes children=2000 trials=9 trial_ms=300\n"
                + "smt-sibling load=pause workload=compute trials=9 ns_per_op=1.2 ratio=1.080\n"
                + "smt-sibling load=compute workload=compute trials=9 ns_per_op=1.6 ratio=1.450\n"
                + "== probe child-walk-levels\ncore-clock ghz=2.500\nchild-walk children=0 open_tree_us=3\n== end\n";
        ProbeResults r = ProbeResults.parse(text, "kit.txt");
        assertEquals(java.util.List.of("mountinfo-parse (its library is missing: libmount.h: No such file or directory)",
                "other (pkg-config does not find the library 'x')"), r.skipped());
        var m = ProbeTopology.machine(r, "h").orElseThrow();
        assertEquals(2, m.threadsPerCore());
        assertEquals(1.08, m.spinningSiblingSlowdown(), 1e-9, "smt-sibling load=pause workload=compute ratio");
        assertEquals(2.5, m.memory().allCoreGhz(), 1e-9, "core-clock ghz");
        assertTrue(m.source().contains("allCoreGhz 2.500 measured"), m.source());
        // one-thread cores: a spinning sibling cannot exist
        var noSmt = ProbeTopology.machine(ProbeResults.parse(text.replace("cpu=2 core=0", "cpu=2 core=2")
                .replace("cpu=3 core=1", "cpu=3 core=3"), "k"), "h").orElseThrow();
        assertEquals(1, noSmt.threadsPerCore());
        assertEquals(1.0, noSmt.spinningSiblingSlowdown(), 1e-9);
        assertTrue(ProbeResults.parse(HEADER + "== probe mountbench\n" + run(1, "layer", 280, 7) + "== end\n", "k")
                .skipped().isEmpty());
    }

    @Test
    void aFileWithoutItsEndLineIsTruncated() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ProbeResults.parse(HEADER + "== probe mountbench\n" + run(1, "layer", 280, 7), "cut.txt"));
        assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("== end"), e.getMessage());
    }

    @Test
    void anotherKitVersionForeignTextAndTextAfterTheEndAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeResults.parse(
                HEADER.replace("kit-version: 1", "kit-version: 2") + "== probe mountbench\n== end\n", "v2.txt"))
                .getMessage().contains("kit-version 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeResults.parse("<html>\n", "page.html"))
                .getMessage().contains("page.html:1: not a probe results file"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeResults.parse(
                HEADER + "== probe mountbench\n== end\nmore\n", "x.txt")).getMessage().contains("after '== end'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ProbeResults.parse(
                HEADER + "== probe wakeup-idle\n== end\n", "x.txt")).getMessage().contains("no '== probe mountbench'"));
    }

    @Test
    void aMountbenchErrorNamesTheLineOfTheWholeFile() {
        String text = HEADER + "== probe mountbench\nthreads=1 layers=50 mode=sideways\n== end\n";
        var e = assertThrows(IllegalArgumentException.class, () -> ProbeResults.parse(text, "k.txt"));
        assertTrue(e.getMessage().startsWith("k.txt:13:"), e.getMessage());
    }

    @Test
    void calibrationNamesTheRowsAPartialFileLacks() {
        String text = HEADER + "== probe mountbench\n" + run(1, "layer", 280, 7) + "== end\n";
        var e = assertThrows(IllegalArgumentException.class, () -> HostCalibration.calibrate(
                ProbeResults.parse(text, "p.txt"), CalibrationFit.epyc2coreMachine(), "p"));
        assertTrue(e.getMessage().contains("threads=1 layers=50 mode=parent"), e.getMessage());
    }
}

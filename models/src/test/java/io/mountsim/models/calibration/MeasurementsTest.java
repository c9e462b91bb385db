package io.mountsim.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.runtime.IdmapMode;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

    @Test
    void readsEveryRunAndMountinfoRowOfTheShippedProbeOutput() {
        Measurements m = Measurements.epyc2core();
        // 7 thread counts x 2 modes, 3 layer counts x 2 modes, 3 reader runs
        assertEquals(23, m.runs().size());
        assertEquals(4, m.mountinfoReads().size());
        MeasuredRun r = m.find(IdmapMode.PER_LAYER, 64, 50, 0).orElseThrow();
        assertEquals(197.8, r.startsPerSecond());
        assertEquals(143450.61, r.syscallMeanUs().get("overlay_mount"));
        assertEquals(20021, m.mountinfoReads().get(3).mounts());
    }

    @Test
    void aLineOfNeitherKindIsAnErrorWithItsNumber() {
        String text = "mountinfo mounts=121 read_us=190.0 ns_per_line=1571\nsomething else\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Measurements.parse(text, "m.txt"));
        assertTrue(e.getMessage().startsWith("m.txt:2: "), e.getMessage());
    }

    @Test
    void aResultLineWithoutItsPerSyscallLineIsAnError() {
        String text = "threads=1 layers=1 mode=layer readers=0 containers=64 starts_per_s=1 lat_mean_ms=1 p99_ms=1\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Measurements.parse(text, "m.txt"));
        assertTrue(e.getMessage().contains("m.txt:1: result line without its per-syscall line"), e.getMessage());
    }
}

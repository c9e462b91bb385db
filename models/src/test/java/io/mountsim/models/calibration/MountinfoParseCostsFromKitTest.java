package io.mountsim.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.node.Pid1Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** PID 1's parse costs read off a kit file's mountinfo-parse section. */
class MountinfoParseCostsFromKitTest {
    private static final String MOUNTBENCH = "== probe mountbench\n" + ProbeResultsTest.run(1, "layer", 280, 7);

    private static ProbeResults kit(String rows) {
        return ProbeResults.parse(ProbeResultsTest.HEADER + MOUNTBENCH + "== probe mountinfo-parse\n" + rows + "== end\n",
                "/r/probe-results.txt");
    }

    private static String row(String kind, int mounts, int lines, double userUs) {
        return "mountinfo-parse kind=" + kind + " mounts=" + mounts + " lines=" + lines + " entries=" + lines
                + " bytes=1 read_us=1 parse_us=1 user_us=" + userUs + " ns_per_line=1 ns_per_byte=1\n";
    }

    /** The hand run of the calibration host, as a kit section: Pid1Config's measured constants come back. */
    @Test
    void theCalibrationHostsRunGivesPid1ConfigsMeasuredCosts() throws IOException {
        String raw;
        try (InputStream in = getClass().getResourceAsStream("/calibration/epyc-2core/mountinfo-parse.txt")) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<MountinfoParseCosts.Cost> costs = MountinfoParseCosts.read(kit(raw.lines().filter(l -> !l.startsWith("#"))
                .collect(Collectors.joining("\n", "", "\n"))));
        assertEquals(List.of("parseNsPerLine", "parseNsPerLowerdir"), costs.stream().map(MountinfoParseCosts.Cost::key).toList());
        assertEquals(Pid1Config.MEASURED_PARSE_NS_PER_LINE, costs.get(0).ns(), 0.03 * Pid1Config.MEASURED_PARSE_NS_PER_LINE);
        assertEquals(Pid1Config.MEASURED_PARSE_NS_PER_LOWERDIR, costs.get(1).ns(),
                0.03 * Pid1Config.MEASURED_PARSE_NS_PER_LOWERDIR);
        assertTrue(costs.get(1).describe().startsWith("watchers.systemd.parseNsPerLowerdir = "), costs.get(1).describe());
        assertTrue(costs.get(1).provenance().contains("probe-results.txt mountinfo-parse kind=overlay:50 and overlay:1"),
                costs.get(1).provenance());
    }

    @Test
    void slopesOfSyntheticRowsSmallTablesIgnored() {
        // 700 ns per line from 1,000 mounts on; the small table's fixed cost must not bend the line
        String rows = row("bind", 10, 31, 500) + row("bind", 1000, 1021, 0.7 * 1021 + 20) + row("bind", 2000, 2021, 0.7 * 2021 + 20)
                + row("overlay:1", 100, 121, 1.0 * 121) + row("overlay:1", 300, 321, 1.0 * 321)
                + row("overlay:11", 100, 121, 3.0 * 121) + row("overlay:11", 300, 321, 3.0 * 321);
        List<MountinfoParseCosts.Cost> costs = MountinfoParseCosts.read(kit(rows));
        assertEquals(700, costs.get(0).ns(), 1e-6);
        assertEquals((3000 - 1000) / 10.0, costs.get(1).ns(), 1e-6, "(slope at 11 lowerdirs - at 1) / 10");
    }

    @Test
    void oneOverlayWidthOrOneRowGivesNoCost() {
        assertTrue(MountinfoParseCosts.read(kit(row("bind", 1000, 1021, 700) + row("overlay:50", 100, 121, 1000)
                + row("overlay:50", 300, 321, 3000))).isEmpty());
        assertTrue(MountinfoParseCosts.read(kit("")).isEmpty());
    }
}

package io.mountsim.scenarios.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.calibration.MeasuredRun;
import io.mountsim.models.calibration.Measurements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The committed full-kit output of the development host keeps the results-file contract
 * (probes/FORMAT.md): header lines in order, one section per kit probe, "== end" last, and a
 * mountbench section that the calibration parser reads, with every shape of the earlier
 * hand-run data three times.
 */
class ShippedResultsTest {
    private static String resource(String path) throws IOException {
        try (InputStream in = ShippedResultsTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * probe-results-0206.txt (02:06 UTC) predates the five probes added to the kit later: its
     * sections are the kit's first seven. probe-results.txt (04:38 UTC), the whole kit, is what
     * the dev-host profiles and VALIDATION.md's transfer table are made from now.
     */
    @Test
    void theDevelopmentHostsKitOutputsKeepTheContract() throws IOException {
        List<String> kit = Kit.shipped().manifest().probes().stream().map(KitProbe::name).toList();
        keepsTheContract(resource("/calibration/epyc-2core/kit/probe-results-0206.txt"), kit.subList(0, 7));
        keepsTheContract(resource("/calibration/epyc-2core/kit/probe-results.txt"), beforeWakeupCross(kit));
    }

    /** The kit's probes less wakeup-cross, added last (2026-11-30 07:00 UTC) after these runs. */
    private static List<String> beforeWakeupCross(List<String> kit) {
        assertEquals("wakeup-cross", kit.get(kit.size() - 1));
        return kit.subList(0, kit.size() - 1);
    }

    /** The whole kit's full run (with libmount installed, so nothing skipped). */
    @Test
    void theWholeKitsFullRunKeepsTheContract() throws IOException {
        String text = resource("/calibration/epyc-2core/kit/probe-results-full-kit.txt");
        keepsTheContract(text, beforeWakeupCross(Kit.shipped().manifest().probes().stream().map(KitProbe::name).toList()));
        assertTrue(!text.contains("# skipped:"), "libmount was installed");
    }

    private static void keepsTheContract(String text, List<String> expectedSections) {
        List<String> lines = text.lines().toList();
        assertEquals("# mountsim probe kit", lines.get(0));
        assertEquals("# kit-version: " + Kit.shipped().manifest().version(), lines.get(1));
        assertTrue(lines.get(2).matches("# date: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), lines.get(2));
        assertTrue(lines.get(3).startsWith("# kernel: 6.18"), lines.get(3));
        assertTrue(lines.get(4).startsWith("# cpu-model: "), lines.get(4));
        assertEquals("# online-cpus: 0-1", lines.get(5));
        assertEquals("# topology: cpu=0 core=0 package=0 node=0 llc=0-1 siblings=0", lines.get(6));
        assertEquals("# topology: cpu=1 core=1 package=0 node=0 llc=0-1 siblings=1", lines.get(7));
        assertEquals("# mode: full", lines.get(8));
        assertEquals("== end", lines.get(lines.size() - 1));
        List<String> sections = lines.stream().filter(l -> l.startsWith("== probe ")).map(l -> l.substring(9)).toList();
        assertEquals(expectedSections, sections);

        String mountbench = text.substring(text.indexOf("== probe mountbench\n") + 20, text.indexOf("== probe child-mounts\n"));
        Measurements kit = Measurements.parse(mountbench, "kit mountbench section");
        Measurements earlier = Measurements.epyc2core();
        Map<String, Long> shapes = kit.runs().stream().collect(Collectors.groupingBy(ShippedResultsTest::shape, Collectors.counting()));
        for (MeasuredRun r : earlier.runs()) {
            assertEquals(3L, shapes.get(shape(r)), shape(r) + " appears once per pass");
        }
        assertEquals(earlier.runs().size(), shapes.size(), "the kit's shapes are the earlier data's");
        assertEquals(earlier.mountinfoReads().stream().map(m -> m.mounts()).toList(),
                kit.mountinfoReads().stream().map(m -> m.mounts()).toList());
    }

    private static String shape(MeasuredRun r) {
        return r.mode() + " threads=" + r.threads() + " layers=" + r.layers() + " readers=" + r.readers() + " containers=" + r.containers();
    }
}

package io.mountsim.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.topology.MachineSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One-thread fidelity for any host (issue 11): a profile built by {@link HostCalibration}
 * from a host's one-thread rows, simulated one thread at a time, gives back the host's
 * per-call means and starts/s. Three hosts: the calibration host's shipped data, and two
 * synthetic hosts whose every cost is x0.4 and x2.5 of it (their results files are
 * generated here, in the kit's format with micro-probe rows), so that no constant of the
 * calibration host can hide: before the unmount's waits came from the host, a x0.4 host
 * kept the calibration host's 38.5 us of waiting in every unmount.
 */
class OneThreadFidelityTest {
    static final MachineSpec MACHINE = CalibrationFit.epyc2coreMachine();
    static final Map<String, String> CALLS = Map.of("open_tree", "openTree", "mount_setattr", "mountSetattr",
            "move_mount", "moveMount", "overlay_mount", "overlayMount", "umount_detach", "umountDetach");

    /** Simulated / measured, per one-thread row, per call and for starts/s. */
    static Map<String, Double> ratios(ProbeResults results) {
        HostProfile p = HostCalibration.calibrate(results, MACHINE, "host").profile();
        Map<String, Double> out = new LinkedHashMap<>();
        for (MeasuredRun r : results.mountbench().merged().runs()) {
            if (r.threads() != 1 || r.readers() != 0) {
                continue;
            }
            var m = SimulationModel.runReplication(CalibrationFit.specFor(r, MACHINE, p.kernel()), 1, 0, false).metrics();
            String row = r.mode().yamlName() + "/" + r.layers();
            CALLS.forEach((probe, column) -> out.put(row + " " + probe,
                    m.get(MetricNames.SYSCALL_US_MEAN_PREFIX + column) / r.syscallMeanUs().get(probe)));
            out.put(row + " starts/s", m.get(MetricNames.STARTS_PER_SECOND) / r.startsPerSecond());
        }
        return out;
    }

    @Test
    void syntheticHostsAtX04AndX25AreReproducedAsWellAsTheCalibrationHost() throws IOException {
        Map<String, Double> shipped = ratios(ShippedProfiles.epyc2coreResults());
        for (double f : new double[] {0.4, 2.5}) {
            String file = syntheticKitFile(f);
            ProbeResults synthetic = ProbeResults.parse(file, "synthetic-x" + f);
            Map<String, Double> got = ratios(synthetic);
            assertEquals(shipped.keySet(), got.keySet());
            for (String point : shipped.keySet()) {
                assertEquals(shipped.get(point), got.get(point), 0.05 * shipped.get(point),
                        "x" + f + " " + point + ": simulated/measured " + got.get(point) + " vs the calibration host's "
                                + shipped.get(point));
            }
        }
    }

    /**
     * The rows the profile takes its costs from (one thread, 50 layers) and the 100-layer
     * rows: starts/s within 10% in both idmap modes, and the per-layer row's calls within
     * 5% but for the overlay mount, whose least-squares line through 1-100 layers is 3%
     * above the 50-layer row. The 1- and 10-layer rows are not held to it: on the real
     * kernel one host's umount_detach is 10-17 us there and 45-63 us at 50-100 layers, which
     * no layer-independent cost reproduces (VALIDATION.md, one-thread fidelity).
     */
    @Test
    void theSourceRowsAreReproduced() {
        Map<String, Double> r = ratios(ShippedProfiles.epyc2coreResults());
        for (String row : List.of("per-layer/50", "common-parent/50", "per-layer/100", "common-parent/100")) {
            double s = r.get(row + " starts/s");
            assertTrue(Math.abs(s - 1) <= 0.10, row + " starts/s ratio " + s);
        }
        for (String call : List.of("open_tree", "mount_setattr", "move_mount", "umount_detach")) {
            double c = r.get("per-layer/50 " + call);
            assertTrue(Math.abs(c - 1) <= 0.05, "per-layer/50 " + call + " ratio " + c);
        }
        assertTrue(Math.abs(r.get("per-layer/50 overlay_mount") - 1) <= 0.08, "overlay " + r.get("per-layer/50 overlay_mount"));
    }

    /** Prints the table VALIDATION.md publishes. */
    public static void main(String[] args) {
        ratios(ShippedProfiles.epyc2coreResults()).forEach((k, v) -> System.out.printf(Locale.ROOT, "%s %.3f%n", k, v));
    }

    private static final Pattern NUMBER = Pattern.compile("([a-z_]+)=([0-9.]+)");

    /** The calibration host's results with every time x f (rates / f), as a kit file with micro-probe rows. */
    static String syntheticKitFile(double f) throws IOException {
        StringBuilder out = new StringBuilder("# mountsim probe kit\n# kit-version: 1\n# date: 2026-11-30T00:00:00Z\n"
                + "# kernel: synthetic\n# cpu-model: synthetic x" + f + "\n# online-cpus: 0-1\n"
                + "# topology: cpu=0 core=0 package=0 node=0 llc=0-1 siblings=0-1\n"
                + "# topology: cpu=1 core=0 package=0 node=0 llc=0-1 siblings=0-1\n# mode: full\n");
        out.append("== probe mountbench\n").append(scale(resource("measurements.txt"), f));
        out.append("== probe child-mounts\n").append(scale(withoutFirstLine(resource("child-mounts.txt")), f));
        out.append("== probe mountinfo-overlay-lines\n").append(scale(withoutFirstLine(resource("mountinfo-overlay-lines.txt")), f));
        // the calibration host's unmount split (7.57 us CPU, 38.54 us waiting, 13.19 us of it the wakeup), scaled
        out.append("== probe wakeup-idle\n").append(String.format(Locale.ROOT,
                "wakeup-idle idle_gap_us=50 samples=1000 mean_us=%.3f p50_us=%.3f%n", 13.19 * f, 13.19 * f));
        out.append("== probe context-switch\n").append(String.format(Locale.ROOT,
                "context-switch method=futex cpu=0 samples=1000 mean_us=%.3f%n", 6.58 * f));
        out.append("== probe umount-gp\n").append(String.format(Locale.ROOT,
                "umount-gp other_cpus=idle samples=1000 mean_us=%.3f cpu_only_us=%.3f wait_mean_us=%.3f cpus=2%n",
                46.11 * f, 7.57 * f, 38.54 * f));
        out.append("== end\n");
        return out.toString();
    }

    private static String scale(String text, double f) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            double v = Double.parseDouble(m.group(2));
            boolean time = key.endsWith("_us") || key.endsWith("_ms") || key.equals("wall_s") || key.equals("ns_per_line")
                    || CALLS.containsKey(key);
            boolean rate = key.endsWith("_per_s");
            double scaled = time ? v * f : rate ? v / f : v;
            m.appendReplacement(sb, key + "=" + (time || rate ? String.format(Locale.ROOT, "%.6f", scaled) : m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String withoutFirstLine(String s) {
        return s.substring(s.indexOf('\n') + 1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OneThreadFidelityTest.class.getResourceAsStream("/calibration/epyc-2core/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

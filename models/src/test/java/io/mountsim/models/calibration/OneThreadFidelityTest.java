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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One-thread fidelity for any host (issue 11): a profile built by {@link HostCalibration}
 * from a host's results, simulated one thread at a time, gives back the host's one-thread
 * rows: every per-call mean within 5% and starts/s within 10%, both idmap modes, 1 to 100
 * layers. The host is the development host's newest full kit run
 * (calibration/epyc-2core/kit/probe-results.txt, three passes of each row), and two
 * synthetic hosts whose every time is x0.4 and x2.5 of it (their results files are
 * generated here), so that no constant of one host can hide.
 *
 * <p>On that host an unmount runs in one of two states (scenarios/validation/umount-state/):
 * the expedited grace period's kthread worker on the unmounting thread's CPU (two local
 * switches: an 8-14 us unmount) or on the other, idle vCPU (a halted vCPU's wakeup each way:
 * 30-50 us). The second is the steady state of a one-thread load, and the model's (its
 * grace-period worker is woken onto the idle CPU, at the costs umount-gp and wakeup-idle
 * measure); the first lasts a few tens of ms after both CPUs were busy, so the short 1- and
 * 10-layer rows run in it. Each pass of a row says which state it ran in (mountbench's
 * umount_wait_us), and the rows held to the bar are the passes in the steady state. Passes
 * in the other state are reported (main()), not reproduced: nothing is fitted to them.
 */
class OneThreadFidelityTest {
    static final MachineSpec MACHINE = CalibrationFit.epyc2coreMachine();
    static final Map<String, String> CALLS = Map.of("open_tree", "openTree", "mount_setattr", "mountSetattr",
            "move_mount", "moveMount", "overlay_mount", "overlayMount", "umount_detach", "umountDetach");
    static final String DEV_HOST = "/calibration/epyc-2core/kit/probe-results.txt";

    /**
     * Whether a one-thread pass ran in the steady state, the grace period's worker on another
     * CPU for (nearly) all its unmounts: a pass's mean unmount wait (wall less CPU time) is
     * the mix f x remote + (1 - f) x local of the two states' waits as this host's own
     * micro-probes give them (remote: umount-gp's wait with the other CPU idle; local: a round
     * trip of two context switches, context-switch), and f must be at least 0.9.
     */
    static boolean steadyState(MeasuredRun r, ProbeResults host) {
        double local = 2 * host.rows("context-switch", "context-switch").get(0).number("mean_us").orElseThrow();
        double remote = host.rows("umount-gp", "umount-gp").stream()
                .filter(row -> "idle".equals(row.values().get("other_cpus"))).findFirst().orElseThrow()
                .number("wait_mean_us").orElseThrow();
        return (r.umountWaitUs().orElseThrow() - local) / (remote - local) >= 0.9;
    }

    /**
     * Simulated / measured, per one-thread row shape (idmap/layers), per call and for
     * starts/s, against the mean of the shape's passes in the given state; a shape with no
     * pass in that state is left out.
     */
    static Map<String, Double> ratios(ProbeResults results, boolean steady) {
        HostProfile p = HostCalibration.calibrate(results, MACHINE, "host").profile();
        Map<String, List<MeasuredRun>> passes = new LinkedHashMap<>();
        for (MeasuredRun r : results.mountbench().runs()) {
            if (r.threads() == 1 && r.readers() == 0 && steadyState(r, results) == steady) {
                passes.computeIfAbsent(r.mode().yamlName() + "/" + r.layers(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        passes.forEach((row, same) -> {
            MeasuredRun r = same.get(0);
            var m = SimulationModel.runReplication(CalibrationFit.specFor(r, MACHINE, p.kernel()), 1, 0, false).metrics();
            CALLS.forEach((probe, column) -> out.put(row + " " + probe, m.get(MetricNames.SYSCALL_US_MEAN_PREFIX + column)
                    / same.stream().mapToDouble(x -> x.syscallMeanUs().get(probe)).average().orElseThrow()));
            out.put(row + " starts/s", m.get(MetricNames.STARTS_PER_SECOND)
                    / same.stream().mapToDouble(MeasuredRun::startsPerSecond).average().orElseThrow());
        });
        return out;
    }

    /**
     * Steady-state points the model does not reproduce, each with what it lacks (VALIDATION.md,
     * one-thread fidelity, has the numbers). Every other steady-state point is held to the bar.
     */
    static final Map<String, String> KNOWN_MISSES = Map.of(
            "per-layer/100 umount_detach", "the model's unmount is one cost whatever the layer count (umount_tree() of one"
                    + " mount); the host's steady-state passes unmount at 38.1 and 35.8 us at 100 layers, 38.1-46.6 at 50",
            "common-parent/50 open_tree", "a call's first issue in a start costs more than its repeats"
                    + " (mountbench first_*_us); every common-parent call is a first one; not modelled",
            "common-parent/50 mount_setattr", "as open_tree: first calls of a start",
            "common-parent/50 move_mount", "as open_tree: first calls of a start",
            "per-layer/100 overlay_mount", "the overlay's cost is a least-squares line through the 1- to 100-layer rows"
                    + " (all passes); at 100 layers it is 5.0% under the two steady passes' 492 us",
            "common-parent/50 overlay_mount", "an overlay whose lowerdirs share one idmapped mount costs less than one over"
                    + " 50 separate mounts (225-239 us against 244-279 at 50 layers); the model has one overlay cost per layer count");

    static ProbeResults devHost() throws IOException {
        return ProbeResults.parse(resource(DEV_HOST), DEV_HOST);
    }

    @Test
    void everySteadyStateRowOfTheDevelopmentHostIsReproduced() throws IOException {
        assertHeldToTheBar(ratios(devHost(), true), "development host");
    }

    @Test
    void syntheticHostsAtX04AndX25AreReproducedLikeTheDevelopmentHost() throws IOException {
        Map<String, Double> real = ratios(devHost(), true);
        for (double f : new double[] {0.4, 2.5}) {
            Map<String, Double> got = ratios(ProbeResults.parse(syntheticKitFile(f), "synthetic-x" + f), true);
            assertEquals(real.keySet(), got.keySet(), "x" + f + ": the same passes are in the steady state");
            assertHeldToTheBar(got, "synthetic x" + f);
            for (String point : real.keySet()) {
                assertEquals(real.get(point), got.get(point), 0.02 * real.get(point),
                        "x" + f + " " + point + ": simulated/measured " + got.get(point) + " vs the real host's " + real.get(point));
            }
        }
    }

    /**
     * The crossing-wakeup cost (scheduler.crossCpuWakeup, measured by wakeup-cross) leaves
     * every one-thread row as it was. A one-thread unmount's wakeups do cross vCPUs on this
     * host (the grace period's worker runs on the other, idle vCPU, and wakes the caller by
     * IPI: scenarios/validation/umount-state/), but their cost is inside what the kit
     * measured: the caller's IPI to the worker is CPU time of its umount2 (umount_detach's
     * CPU part), the worker's wakeup and the caller's are umount-gp's measured wait, which the
     * profile's idle wakeup and grace period are cut from. So the model's grace-period
     * wakeups (RcuExpedited) name no waking task and are not charged again.
     */
    @Test
    void theCrossingWakeupCostLeavesEveryOneThreadRowAsItWas() throws IOException {
        ProbeResults withCross = ProbeResults.parse(withWakeupCrossRows(), "probe-results.txt + wakeup-cross.txt");
        var cross = HostCalibration.calibrate(withCross, MACHINE, "host").profile().kernel().scheduler().crossCpuWakeup();
        assertTrue(cross.wakerUs() > 1 && cross.wokenUs() > 1 && cross.wakerIdleTargetUs() > 1, cross.toString());
        assertEquals(ratios(devHost(), true), ratios(withCross, true));
    }

    /**
     * The kit file with a wakeup-cross section holding the rows of the full-argument runs of
     * calibration/epyc-2core/wakeup-cross.txt (what
     * scenarios/validation/switch-cold/transfer/make-results.sh builds).
     */
    static String withWakeupCrossRows() throws IOException {
        StringBuilder rows = new StringBuilder();
        boolean full = false;
        for (String line : resource("/calibration/epyc-2core/wakeup-cross.txt").split("\n")) {
            if (line.startsWith("### ")) {
                full = line.contains("wakeup-cross 40000 5 16");
            } else if (full && line.startsWith("wakeup-cross")) {
                rows.append(line).append('\n');
            }
        }
        String kit = resource(DEV_HOST);
        return kit.substring(0, kit.lastIndexOf("== end")) + "== probe wakeup-cross\n" + rows + "== end\n";
    }

    /**
     * Which passes ran in which state, as measured: the per-layer 50-layer row (256 starts,
     * 0.8-0.9 s) always in the steady state, every 1- and 10-layer row (6-30 ms) with the
     * worker on the unmounting thread's CPU. So the 1- and 10-layer rows cannot be held to the
     * steady-state model: they are the documented miss (main() prints their ratios).
     */
    @Test
    void theShortRowsRanWithTheWorkerLocalAndTheLongOnesInTheSteadyState() throws IOException {
        ProbeResults host = devHost();
        for (MeasuredRun r : host.mountbench().runs()) {
            String row = r.mode().yamlName() + "/" + r.layers() + " wait " + r.umountWaitUs().orElseThrow();
            if (r.threads() == 1 && r.readers() == 0 && r.layers() <= 10) {
                assertTrue(!steadyState(r, host), row);
            } else if (r.threads() == 1 && r.readers() == 0 && r.layers() == 50 && r.mode().yamlName().equals("per-layer")) {
                assertTrue(steadyState(r, host), row);
            }
        }
    }

    private static void assertHeldToTheBar(Map<String, Double> r, String host) {
        StringBuilder misses = new StringBuilder();
        assertTrue(r.keySet().containsAll(KNOWN_MISSES.keySet()), host + ": a known miss is not among the points " + r.keySet());
        r.forEach((point, ratio) -> {
            if (KNOWN_MISSES.containsKey(point)) {
                return;
            }
            double bar = point.endsWith("starts/s") ? 0.10 : 0.05;
            if (Math.abs(ratio - 1) > bar) {
                misses.append(String.format(Locale.ROOT, "%n  %s %.3f", point, ratio));
            }
        });
        assertTrue(misses.isEmpty(), host + ": outside 5% (a call) or 10% (starts/s):" + misses);
    }

    /** Prints the table VALIDATION.md publishes: steady-state passes, then the other state's. */
    public static void main(String[] args) throws IOException {
        ProbeResults host = devHost();
        for (MeasuredRun r : host.mountbench().runs()) {
            if (r.threads() == 1 && r.readers() == 0) {
                System.out.printf(Locale.ROOT, "pass %s/%d umount_wait_us %.2f steady %s%n", r.mode().yamlName(), r.layers(),
                        r.umountWaitUs().orElseThrow(), steadyState(r, host));
            }
        }
        ratios(host, true).forEach((k, v) -> System.out.printf(Locale.ROOT, "steady %s %.3f%n", k, v));
        ratios(host, false).forEach((k, v) -> System.out.printf(Locale.ROOT, "worker-local %s %.3f%n", k, v));
    }

    private static final Pattern NUMBER = Pattern.compile("([a-z_]+)=([0-9.]+)");

    /** The development host's kit file with every time x f (rates / f), probe parameters kept. */
    static String syntheticKitFile(double f) throws IOException {
        return scale(resource(DEV_HOST).replace("# cpu-model: ", "# cpu-model: synthetic x" + f + " of "), f);
    }

    private static String scale(String text, double f) {
        Matcher m = NUMBER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1);
            double v = Double.parseDouble(m.group(2));
            // idle_gap_us and trial_ms are how a probe was run, not what it measured
            boolean parameter = key.equals("idle_gap_us") || key.equals("trial_ms");
            boolean time = !parameter && (key.endsWith("_us") || key.endsWith("_ms") || key.equals("wall_s")
                    || key.equals("ns_per_line") || CALLS.containsKey(key));
            boolean rate = key.endsWith("_per_s");
            double scaled = time ? v * f : rate ? v / f : v;
            m.appendReplacement(sb, key + "=" + (time || rate ? String.format(Locale.ROOT, "%.6f", scaled) : m.group(2)));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OneThreadFidelityTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.calibration.HostProfile;
import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.ProfileYaml;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `mountsim calibrate`: what it writes, what it refuses, and that a scenario can use the result. */
class CalibrateCommandTest {
    static final Path MEASUREMENTS = Path.of("../models/src/main/resources/calibration/epyc-2core/measurements.txt");
    static final Path KIT_RUN = Path.of("../models/src/main/resources/calibration/epyc-2core/kit/probe-results-0206.txt");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(ReplicationModel.simulation(), new ReportsSink(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), 1);
        return MountsimCommand.execute(context, args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainMountbenchOutputWithAnInlineMachineBecomesAProfileAndListsItsDefaults() throws IOException {
        Path profile = dir.resolve("host.yaml");
        assertEquals(0, run("calibrate", MEASUREMENTS.toString(), "--machine", "{sockets: 1, coresPerSocket: 16}",
                "-o", profile.toString()), stderr());
        assertTrue(stderr().contains("warning: default used: scheduler.idleWakeupUs"), stderr());
        assertTrue(stderr().contains("warning: default used: rcu.kworkerUs"), stderr());
        HostProfile p = ProfileYaml.read(profile);
        assertEquals(16, p.machine().hardwareThreads());
        assertEquals(46.11, p.kernel().syscallsUs().umount(), 1e-9, "threads=1 layers=50 mode=layer umount_detach");
        assertTrue(Files.readString(profile).startsWith(ProfileYaml.HEADER + "\n"));
        // a file mountsim wrote may be replaced
        assertEquals(0, run("calibrate", MEASUREMENTS.toString(), "--machine", "r5.metal", "-o", profile.toString()), stderr());
        assertEquals("r5.metal", ProfileYaml.read(profile).machine().name());
    }

    @Test
    void aKitResultsFileNeedsNoMachineAndTakesTheUnmountsWaitFromItsOwnProbe() {
        Path profile = dir.resolve("dev.yaml");
        assertEquals(0, run("calibrate", KIT_RUN.toString(), "-o", profile.toString()), stderr());
        HostProfile p = ProfileYaml.read(profile);
        assertEquals(2, p.machine().hardwareThreads(), "online-cpus 0-1");
        assertEquals(1, p.machine().threadsPerCore(), "sysfs: siblings=0 and siblings=1");
        // umount-gp other_cpus=idle wait_mean_us=24.54: the grace period and the wakeup after it
        assertEquals(24.54, p.kernel().host().umountWaitUs(), 1e-6);
        assertEquals(24.54, p.kernel().rcu().gracePeriodUs() + p.kernel().scheduler().idleWakeupUs(), 1e-6);
        assertEquals(2.369, p.kernel().scheduler().contextSwitchUs(), 1e-9, "context-switch mean_us");
        assertFalse(stderr().contains("scheduler.contextSwitchUs"), "measured, so not a default: " + stderr());
    }

    /**
     * The newer probes' sections: child-walk-levels gives the machine's clock and L3 latency
     * (in the profile, with their provenance in the machine's source); mountinfo-parse gives
     * PID 1's parse costs, which a profile has no place for: printed as facts and kept as
     * comments. A skipped optional probe is a warning.
     */
    @Test
    void theHardwareAndLibmountSectionsOfAKitFileAreReadWithTheirProvenance() throws IOException {
        String kit = Files.readString(KIT_RUN);
        StringBuilder walk = new StringBuilder("== probe child-walk-levels\ncore-clock ghz=3.100\n");
        for (int n : new int[] {0, 500, 1000, 2000, 4000}) {
            walk.append("child-walk children=").append(n).append(" open_tree_us=").append(4 + n * 0.020).append('\n');
        }
        // 4,000-16,000: 20 + 7.2 ns per child, twice the calibration host's exposed 3.6 ns
        walk.append("child-walk children=8000 open_tree_us=").append(84 + 4000 * 0.0272).append('\n');
        walk.append("child-walk children=16000 open_tree_us=").append(84 + 12000 * 0.0272).append('\n');
        String parse = "== probe mountinfo-parse\n"
                + "mountinfo-parse kind=bind mounts=1000 lines=1021 user_us=" + 0.75 * 1021 + "\n"
                + "mountinfo-parse kind=bind mounts=2000 lines=2021 user_us=" + 0.75 * 2021 + "\n";
        Path file = dir.resolve("kit.txt");
        Files.writeString(file, kit.replace("# mode: full\n", "# mode: full\n# skipped: something (a reason)\n")
                .replace("== end\n", walk + parse + "== end\n"));
        Path profile = dir.resolve("walk.yaml");
        assertEquals(0, run("calibrate", file.toString(), "-o", profile.toString()), stderr());
        HostProfile p = ProfileYaml.read(profile);
        assertEquals(3.1, p.machine().memory().allCoreGhz(), 1e-9, "core-clock ghz");
        assertEquals(2 * 50 / 3.653, p.machine().memory().l3Ns(), 0.05, "twice the calibration host's L3 latency");
        assertTrue(p.machine().source().contains("allCoreGhz 3.100 measured (kit.txt child-walk-levels core-clock row)"),
                p.machine().source());
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("fact, not in the profile (a scenario sets it): watchers.systemd.parseNsPerLine = 750 ns"
                + " (measured: kit.txt mountinfo-parse kind=bind rows with >= 1000 mounts"), said);
        assertFalse(said.contains("parseNsPerLowerdir"), "no overlay rows, no per-lowerdir cost: " + said);
        assertTrue(Files.readString(profile).contains("# fact, not in the profile (a scenario sets it): watchers.systemd"
                + ".parseNsPerLine = 750 ns"), "kept in the file's comments");
        assertTrue(stderr().contains("warning: the probe run skipped something (a reason)"), stderr());
    }

    /**
     * The wakeup-cross section becomes scheduler.crossCpuWakeup, measured, with the rows it
     * came from (the mean when several runs' rows are given); written and read back. Without
     * the section it is 0, "not measured", listed as a default and left out of the file, so
     * profiles written before it existed read the same.
     */
    @Test
    void theWakeupCrossRowsBecomeTheCrossingWakeupCostAndTheirAbsenceIsADefault() throws IOException {
        String kit = Files.readString(KIT_RUN);
        String section = "== probe wakeup-cross\n"
                + "wakeup-cross-run target=busy placement=local threads=16 rep=0 handoffs=40000 futex_wake_us=1.7\n"
                + "wakeup-cross target=busy threads=16 samples=5 extra_us=3.7 waker_extra_us=2.0 woken_extra_us=1.5\n"
                + "wakeup-cross target=idle threads=2 samples=5 waker_extra_us=5.0\n"
                + "wakeup-cross target=busy threads=16 samples=5 extra_us=4.1 waker_extra_us=3.0 woken_extra_us=1.1\n"
                + "wakeup-cross target=idle threads=2 samples=5 waker_extra_us=4.0\n";
        Path file = dir.resolve("kit.txt");
        Files.writeString(file, kit.replace("== end\n", section + "== end\n"));
        Path profile = dir.resolve("cross.yaml");
        assertEquals(0, run("calibrate", file.toString(), "-o", profile.toString()), stderr());
        assertFalse(stderr().contains("crossCpuWakeup"), "measured, so not a default: " + stderr());
        var cross = ProfileYaml.read(profile).kernel().scheduler().crossCpuWakeup();
        assertEquals(2.5, cross.wakerUs(), 1e-9, "mean of waker_extra_us 2.0 and 3.0");
        assertEquals(1.3, cross.wokenUs(), 1e-9, "mean of woken_extra_us 1.5 and 1.1");
        assertEquals(4.5, cross.wakerIdleTargetUs(), 1e-9, "mean of the idle rows' waker_extra_us");
        String text = Files.readString(profile);
        assertTrue(text.contains("wokenUs: {value: 1.3, method: measured, source: \"kit.txt wakeup-cross target=busy:"
                + " woken_extra_us, mean of 2 rows"), text);

        Path without = dir.resolve("without.yaml");
        assertEquals(0, run("calibrate", KIT_RUN.toString(), "-o", without.toString()), stderr());
        assertTrue(stderr().contains("warning: default used: scheduler.crossCpuWakeup = 0"), stderr());
        assertFalse(Files.readString(without).contains("crossCpuWakeup"), "left out at its not-measured value");
        assertEquals(0.0, ProfileYaml.read(without).kernel().scheduler().crossCpuWakeup().wakerUs());
    }

    @Test
    void refusesToOverwriteAFileMountsimDidNotWrite() throws IOException {
        Path mine = TestFiles.write(dir, "notes.yaml", "my notes\n");
        assertEquals(2, run("calibrate", MEASUREMENTS.toString(), "--machine", "r5.metal", "-o", mine.toString()));
        assertTrue(stderr().contains("was not written by mountsim"), stderr());
        assertEquals("my notes\n", Files.readString(mine));
    }

    @Test
    void truncatedForeignAndIncompleteFilesExitTwoNamingWhatIsMissing() throws IOException {
        String kit = Files.readString(KIT_RUN);
        Path truncated = TestFiles.write(dir, "cut.txt", kit.substring(0, kit.indexOf("== probe wakeup-idle")));
        Path foreign = TestFiles.write(dir, "foreign.txt", "model name : AMD EPYC\nflags : fpu\n");
        Path noParent = TestFiles.write(dir, "no-parent.txt", String.join("\n", Files.readAllLines(MEASUREMENTS).stream()
                .filter(l -> !l.contains("mode=parent")).toList()).replaceAll("(?m)^threads=1 layers=(\\d+) mode=parent.*\\n.*\\n", ""));
        Path output = dir.resolve("x.yaml");
        assertEquals(2, run("calibrate", truncated.toString(), "-o", output.toString()));
        assertTrue(stderr().contains("truncated") && stderr().contains("== end"), stderr());
        assertEquals(2, run("calibrate", foreign.toString(), "-o", output.toString()));
        assertTrue(stderr().contains("not a probe results file"), stderr());
        assertEquals(2, run("calibrate", MEASUREMENTS.toString(), "-o", output.toString()));
        assertTrue(stderr().contains("--machine"), "plain output has no topology: " + stderr());
        // the parent rows' per-syscall lines are left behind without their result lines
        assertEquals(2, run("calibrate", noParent.toString(), "--machine", "r5.metal", "-o", output.toString()));
        assertFalse(stderr().contains("Exception"), stderr());
        assertFalse(Files.exists(output), "nothing written");
    }

    /**
     * Issue 11's defect: an inline machine with the host's own one-thread costs (umount
     * 14 us) simulated umount2 at 53 us, because the grace period and wakeup stayed the
     * calibration host's. The given latency is now what a one-thread start sees.
     */
    @Test
    void aGivenUmountLatencyIsHonouredInAOneThreadSimulation() {
        Path f = TestFiles.write(dir, "own-costs.yaml", String.join("\n",
                "# issue 11's new user",
                "name: own costs",
                "machine: {sockets: 1, coresPerSocket: 16}",
                "kernel:",
                "  syscallsUs: {openTree: 4.28, mountSetattr: 0.84, moveMount: 1.31, overlayMount: {base: 36, perLayer: 2.6},"
                        + " umount: 14}",
                "runtime: {idmap: per-layer, passes: 1}",
                "workload: {containers: 20, layers: 50, maxConcurrentStarts: 1}",
                "run: {replications: 1}", ""));
        Scenario s = ScenarioLoader.load(f, Overrides.none());
        SimulationSpec spec = s.points().get(0).spec();
        var m = SimulationModel.runReplication(spec, 1, 0, false).metrics();
        double umount = m.get(MetricNames.SYSCALL_US_MEAN_PREFIX + SyscallKind.UMOUNT_DETACH.column());
        assertEquals(14, umount, 0.05 * 14, "simulated one-thread umount2(MNT_DETACH)");
    }

    @Test
    void aScenarioUsesAProfileByPathRelativeToItselfWithItsMachineAndInlineOverrides() throws IOException {
        Path profile = dir.resolve("profiles/dev.yaml");
        Files.createDirectories(profile.getParent());
        assertEquals(0, run("calibrate", KIT_RUN.toString(), "-o", profile.toString()), stderr());
        Path scenario = TestFiles.write(dir, "s/use.yaml", String.join("\n",
                "# uses a profile",
                "name: uses a profile",
                "kernel:",
                "  profile: ../profiles/dev.yaml",
                "  preemption: full",
                "workload: {containers: 4, layers: 5}",
                "run: {replications: 1}", ""));
        Scenario s = ScenarioLoader.load(scenario, Overrides.none());
        SimulationSpec spec = s.points().get(0).spec();
        HostProfile p = ProfileYaml.read(profile);
        assertEquals(p.machine(), spec.machine(), "no machine: the profile's");
        assertEquals(p.kernel().withKernelPreemption(true), spec.kernel(), "the profile, one number overridden");
        Path missing = TestFiles.write(dir, "s/missing.yaml", Files.readString(scenario).replace("dev.yaml", "nope.yaml"));
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.mountsim.scenarios.diag.InvalidInputException.class,
                () -> ScenarioLoader.load(missing, Overrides.none()));
        assertTrue(e.problems().toString().contains("kernel.profile: profile file not found"), e.problems().toString());
        List<String> unused = List.of();
        assertTrue(unused.isEmpty());
    }
}

package io.mountsim.scenarios.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ProbeRun against fake hosts and kits whose probes are shell scripts (a fake compiler
 * copies them): each refusal and failure gives its exit code and one line, and leaves no
 * results file, no output directory it created and no temporary directory.
 */
class ProbeRunTest {
    private static final Instant NOW = Instant.parse("2026-11-30T02:10:00Z");

    @TempDir
    Path tmp;

    private Path scratch;
    private Path out;
    private FakeHost host;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Map<String, String> files = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "the fake probes are shell scripts");
        scratch = Files.createDirectory(tmp.resolve("scratch"));
        out = tmp.resolve("out");
        host = new FakeHost(scratch, Optional.of(FakeHost.scriptCompiler(tmp)));
        files.put("probe.h", "// shared header\n");
    }

    private Kit kit(String manifest) {
        return new Kit(KitManifest.parse("kit-version 7\n" + manifest, "test kit.txt"), name -> {
            String text = files.get(name);
            if (text == null) {
                throw new IOException(name + " missing");
            }
            return text.getBytes(StandardCharsets.UTF_8);
        });
    }

    private ProbeRun run(Kit kit) {
        return new ProbeRun(host, kit, Clock.fixed(NOW, ZoneOffset.UTC), new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    private ProbeException refused(String manifest, KitMode mode) {
        return assertThrows(ProbeException.class, () -> run(kit(manifest)).run(mode, out));
    }

    private void assertNothingLeft() throws IOException {
        assertFalse(Files.exists(out), "the output directory this run created is removed");
        try (Stream<Path> s = Files.list(scratch)) {
            assertEquals(List.of(), s.toList(), "the temporary directory is removed");
        }
    }

    private static String script(String body) {
        return "#!/bin/sh\n" + body + "\n";
    }

    @Test
    void writesTheHeaderThenEachProbesOutputUnchangedThenEnd() throws Exception {
        files.put("alpha.c", script("echo \"alpha-row samples=3 mean_us=1.50 args=$*\"\necho '  indented line kept'"));
        files.put("beta.c", script("printf 'beta-row x=1'"));
        files.put("gamma.c", script("echo never"));
        Path file = run(kit("probe alpha private a1 a2 | q1\nprobe beta none b | b\nprobe gamma none g | -\n")).run(KitMode.QUICK, out);
        assertEquals(out.resolve("probe-results.txt").toAbsolutePath(), file);
        String expected = String.join("\n",
                "# mountsim probe kit",
                "# kit-version: 7",
                "# date: 2026-11-30T02:10:00Z",
                "# kernel: 6.18.0-test",
                "# cpu-model: Test CPU",
                "# online-cpus: 0-1",
                "# topology: cpu=0 core=0 package=0 node=0 llc=0-1 siblings=0",
                "# topology: cpu=1 core=1 package=0 node=0 llc=0-1 siblings=1",
                "# mode: quick",
                "== probe alpha",
                "alpha-row samples=3 mean_us=1.50 args=q1",
                "  indented line kept",
                "== probe beta",
                "beta-row x=1",
                "== end",
                "");
        assertEquals(expected, Files.readString(file));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(".mountsim-output", "probe-results.txt"), s.map(f -> f.getFileName().toString()).sorted().toList(),
                    "the results and mountsim's marker of its own files, nothing partial");
        }
        try (Stream<Path> s = Files.list(scratch)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void fullModeUsesTheFullArguments() throws Exception {
        files.put("alpha.c", script("echo \"args=$*\""));
        Path file = run(kit("probe alpha none f1 f2 | q\n")).run(KitMode.FULL, out);
        assertTrue(Files.readString(file).contains("# mode: full\n== probe alpha\nargs=f1 f2\n== end\n"));
    }

    @Test
    void refusesAnotherOperatingSystem() throws IOException {
        host.os = "Mac OS X";
        files.put("alpha.c", script("echo x"));
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertEquals("measures the Linux kernel and runs only on Linux (this is Mac OS X): run it on the "
                + "machine you want to model", e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFailedRunRemovesTheParentDirectoriesItCreatedButNoOther() throws IOException {
        files.put("alpha.c", script("exit 13"));
        Files.createDirectories(tmp.resolve("kept"));
        ProbeException e = assertThrows(ProbeException.class,
                () -> run(kit("probe alpha private a | a\n")).run(KitMode.QUICK, tmp.resolve("kept/new/deeper/out")));
        assertEquals(2, e.exitCode());
        assertTrue(Files.isDirectory(tmp.resolve("kept")), "existed before the run");
        assertFalse(Files.exists(tmp.resolve("kept/new")), "created by the run, removed");
    }

    @Test
    void refusesAnUnprivilegedUser() throws IOException {
        host.uid = 1000;
        files.put("alpha.c", script("echo x"));
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("needs root (uid 1000)"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo"));
        assertNothingLeft();
    }

    @Test
    void refusesAHostWithoutACompiler() throws IOException {
        host.cc = Optional.empty();
        files.put("alpha.c", script("echo x"));
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("no C compiler found"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install gcc"));
        assertNothingLeft();
    }

    /** Each host problem a probe reports by exit code becomes its own message; earlier output is dropped. */
    @ParameterizedTest
    @EnumSource(value = ProbeExit.class, names = {"NOT_PRIVILEGED", "NO_MOUNT_API", "NO_IDMAP", "NO_USERNS", "NO_SPACE", "NO_MOUNT_NS"})
    void aProbesHostProblemExitCodeNamesTheFix(ProbeExit exit) throws IOException {
        files.put("first.c", script("echo first-row ok=1"));
        files.put("second.c", script("echo partial-row\necho 'what the probe said' >&2\nexit " + exit.code()));
        ProbeException e = refused("probe first none a | a\nprobe second private b | b\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertEquals("probe second: " + exit.hostProblem().orElseThrow(), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void theExitCodeMessagesSayWhatToDo() {
        assertTrue(ProbeExit.NO_MOUNT_API.hostProblem().orElseThrow().contains("ENOSYS"));
        assertTrue(ProbeExit.NO_MOUNT_API.hostProblem().orElseThrow().contains("Linux 5.12"));
        assertTrue(ProbeExit.NO_IDMAP.hostProblem().orElseThrow().contains("Linux 6.3"));
        assertTrue(ProbeExit.NO_USERNS.hostProblem().orElseThrow().contains("user.max_user_namespaces"));
        assertTrue(ProbeExit.NO_SPACE.hostProblem().orElseThrow().contains("no space left"));
        assertEquals(Optional.empty(), ProbeExit.FAILED.hostProblem());
    }

    @Test
    void anUnexpectedProbeFailureIsExitOneWithItsLastErrorLine() throws IOException {
        files.put("alpha.c", script("echo 'mount overlay: Invalid argument' >&2\nexit 1"));
        ProbeException e = refused("probe alpha private a | a\n", KitMode.QUICK);
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("probe alpha failed with exit code 1: mount overlay: Invalid argument"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFullDiskWhileCompilingIsReportedAsSuch() throws IOException {
        files.put("alpha.c", "# compile: enospc\n");
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertEquals(ProbeExit.NO_SPACE.hostProblem().orElseThrow(), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aCompileErrorNamesTheFileTheErrorAndThePackages() throws IOException {
        files.put("alpha.c", "# compile: error\n");
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("compiling alpha.c with "), e.getMessage());
        assertTrue(e.getMessage().contains("fatal error: linux/mount.h: No such file or directory"), e.getMessage());
        assertTrue(e.getMessage().contains("linux-libc-dev"), e.getMessage());
        assertNothingLeft();
    }

    /** An optional probe without its library: a warning, a header line, and the rest of the kit. */
    @Test
    void anOptionalProbeWhoseLibraryIsMissingIsSkippedAndNamedInTheHeader() throws Exception {
        files.put("alpha.c", script("echo alpha-row x=1"));
        files.put("nolib.c", "# compile: error\n");
        files.put("nopkg.c", script("echo never"));
        files.put("beta.c", script("echo beta-row y=2"));
        Path file = run(kit("probe alpha none a | a\nprobe nolib none optional n | n\n"
                + "probe nopkg private optional pkg-config=mountsim-no-such-package-7 n | n\nprobe beta none b | b\n"))
                .run(KitMode.QUICK, out);
        String text = Files.readString(file);
        assertTrue(text.contains("# mode: quick\n"
                + "# skipped: nolib (its library is missing: nolib.c:3:10: fatal error: linux/mount.h: No such file or directory)\n"
                + "# skipped: nopkg (pkg-config does not find the library 'mountsim-no-such-package-7': install its development"
                + " package (e.g. Debian libmountsim-no-such-package-7-dev, Fedora libmountsim-no-such-package-7-devel) and"
                + " pkg-config)\n== probe alpha\nalpha-row x=1\n== probe beta\nbeta-row y=2\n== end\n"), text);
        String said = progress.toString(StandardCharsets.UTF_8);
        assertEquals(2, said.lines().filter(l -> l.startsWith("mountsim probe: warning: skipped optional probe ")).count(), said);
        assertTrue(said.contains("mountsim probe: warning: skipped optional probe nolib (its library is missing: "), said);
        // a reader of results files sees the skipped probes
        assertEquals(2, io.mountsim.models.calibration.ProbeResults.parse(text.replace("kit-version: 7", "kit-version: 1")
                .replace("== probe alpha",
                "== probe mountbench\n" + MOUNTBENCH_ROW + "== probe alpha"), "r").skipped().size());
    }

    private static final String MOUNTBENCH_ROW = "threads=1 layers=50 mode=layer readers=0 containers=8 wall_s=1 starts_per_s=1"
            + " mount_syscalls_per_s=1 lat_mean_ms=3 p50_ms=3 p95_ms=4 p99_ms=5 max_ms=6 mounts_after=1 reader_reads=0\n"
            + "  per-syscall mean_us: open_tree=1 mount_setattr=1 move_mount=2 overlay_mount=200 umount_detach=40\n";

    /** Only a missing library makes an optional probe skippable; a broken source stops the kit as any other. */
    @Test
    void anOptionalProbeWithAnotherCompileErrorStillFailsTheKit() throws IOException {
        files.put("alpha.c", "# compile: syntax\n");
        ProbeException e = refused("probe alpha none optional a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("compiling alpha.c with ") && e.getMessage().contains("expected ';'"),
                e.getMessage());
        assertNothingLeft();
    }

    /** cc= words reach the compiler (after the source, where ld wants -l); without them a required probe stops the kit. */
    @Test
    void theExtraCompilerWordsReachTheCompilerAfterTheSource() throws Exception {
        files.put("alpha.c", script("# compile: needs -lfoo\necho linked x=1"));
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertTrue(e.getMessage().contains("cannot find -lfoo"), e.getMessage());
        Path file = run(kit("probe alpha none cc=-DX=1,-lfoo a | a\n")).run(KitMode.QUICK, out);
        assertTrue(Files.readString(file).contains("== probe alpha\nlinked x=1\n== end\n"), Files.readString(file));
    }

    @Test
    void aScratchDirectoryThatCannotExecuteIsNamedWithTheWayOut() throws IOException {
        files.put("alpha.c", "# compile: noexec\n");
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("the compiled probe alpha in "), e.getMessage());
        assertTrue(e.getMessage().contains("-Djava.io.tmpdir="), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void aFullDiskWritingResultsIsRecognised() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "/dev/full answers every write with ENOSPC");
        IOException e = assertThrows(IOException.class, () -> {
            try (OutputStream o = new FileOutputStream("/dev/full")) {
                o.write("# mountsim probe kit\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
                o.flush();
            }
        });
        assertTrue(ProbeRun.isNoSpace(e), e.toString());
    }

    @Test
    void aMountLeftInThisNamespaceStopsTheRun() throws IOException {
        files.put("alpha.c", script("echo row"));
        AtomicInteger calls = new AtomicInteger();
        host.mounts = () -> calls.getAndIncrement() == 0 ? List.of("/", "/proc") : List.of("/", "/proc", "/tmp/mb");
        ProbeException e = refused("probe alpha private a | a\n", KitMode.QUICK);
        assertEquals(1, e.exitCode());
        assertTrue(e.getMessage().startsWith("probe alpha left a mount in this namespace at /tmp/mb"), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void ctrlCKillsTheProbeAndItsChildrenAndLeavesNothing() throws Exception {
        // the probe starts a child, records both pids, and waits
        files.put("slow.c", script("echo started-row\nsleep 60 &\necho $$ $! > pids\nwait"));
        ProbeRun run = run(kit("probe slow private a | a\n"));
        Thread canceller = new Thread(() -> {
            Path pids = null;
            for (int i = 0; i < 400 && pids == null; i++) {
                pids = run.workDir().map(w -> w.resolve("pids")).filter(p -> {
                    try {
                        return Files.exists(p) && Files.readString(p).strip().contains(" ");
                    } catch (IOException e) {
                        return false;
                    }
                }).orElse(null);
                sleep(25);
            }
            try {
                pidsSeen.addAll(List.of(Files.readString(pids).strip().split(" ")));
            } catch (IOException | NullPointerException e) {
                // the assertion below reports it
            }
            run.cancel();
        });
        canceller.start();
        long t0 = System.nanoTime();
        ProbeException e = assertThrows(ProbeException.class, () -> run.run(KitMode.QUICK, out));
        canceller.join();
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "the 60 s probe was stopped");
        assertEquals(2, e.exitCode());
        assertEquals(ProbeRun.INTERRUPTED, e.getMessage());
        assertEquals(2, pidsSeen.size(), "the probe and its child were running");
        for (String pid : pidsSeen) {
            Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(pid));
            for (int i = 0; i < 100 && p.map(ProcessHandle::isAlive).orElse(false); i++) {
                sleep(20);
            }
            assertFalse(p.map(ProcessHandle::isAlive).orElse(false), "process " + pid + " was killed");
        }
        assertNothingLeft();
    }

    private final List<String> pidsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refusesADirectoryHoldingOtherFilesAndTouchesNothing() throws IOException {
        files.put("alpha.c", script("echo x"));
        Files.createDirectories(out);
        Path notes = Files.writeString(out.resolve("notes.txt"), "mine");
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith(out + ": holds files mountsim did not write (notes.txt"), e.getMessage());
        assertEquals("mine", Files.readString(notes));
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(notes), s.toList());
        }
    }

    @Test
    void refusesAFileNamedLikeTheResultsThatItDidNotWrite() throws IOException {
        files.put("alpha.c", script("echo x"));
        Files.createDirectories(out);
        Path foreign = Files.writeString(out.resolve("probe-results.txt"), "someone else's\n");
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertEquals("someone else's\n", Files.readString(foreign));
    }

    @Test
    void replacesItsOwnEarlierResultsAndWritesIntoAnEmptyDirectory() throws Exception {
        Files.createDirectories(out);
        files.put("alpha.c", script("echo first-run"));
        run(kit("probe alpha none a | a\n")).run(KitMode.QUICK, out);
        files.put("alpha.c", script("echo second-run"));
        ProbeException refused = assertThrows(ProbeException.class,
                () -> run(kit("probe alpha none a | a\n")).run(KitMode.QUICK, out));
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        Path file = run(kit("probe alpha none a | a\n")).run(KitMode.QUICK, out, true);
        assertTrue(Files.readString(file).contains("== probe alpha\nsecond-run\n== end\n"));
    }

    @Test
    void refusesAFileGivenAsTheOutputDirectory() throws IOException {
        files.put("alpha.c", script("echo x"));
        Files.writeString(out, "a file");
        ProbeException e = refused("probe alpha none a | a\n", KitMode.QUICK);
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("is a file, not a directory"), e.getMessage());
        assertEquals("a file", Files.readString(out));
    }

    @Test
    void theDefaultOutputNamesTheHostAndTheTime() {
        assertEquals(Path.of("out", "probe-node-7-20261130-021000"), ProbeRun.defaultOutput("node-7", NOW));
        assertEquals(Path.of("out", "probe-a_b-20261130-021000"), ProbeRun.defaultOutput("a/b", NOW.plusMillis(250)));
    }
}

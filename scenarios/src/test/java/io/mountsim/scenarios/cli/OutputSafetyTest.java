package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mountsim.scenarios.ChildMountsim;
import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code -o} may do to the user's files (issue 14): write into a new or empty
 * directory, replace mountsim's own earlier output, and refuse everything else before
 * simulating, with exit 2 and one line naming the path and the way out.
 */
class OutputSafetyTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeModel model = new FakeModel();

    private static final String SWEEP = TestFiles.MINIMAL + "sweep:\n  workload.maxConcurrentStarts: [1, 2, 4]\n";

    private int run(String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(model, new ReportsSink(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 2);
        return MountsimCommand.execute(context, args);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every file under {@code root} with its bytes, to show nothing changed. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                files.put(root.relativize(p).toString(), Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "<dir>");
            }
        }
        return files;
    }

    private void assertRefusedBeforeRunning(Path named, String wayOut) {
        List<String> lines = stderr().lines().toList();
        assertEquals(2, lines.size(), "one line for the problem, one for the count:\n" + stderr());
        assertTrue(lines.get(0).contains(named.toString()), "names the path: " + lines.get(0));
        assertTrue(lines.get(0).contains(wayOut), "says the way out (" + wayOut + "): " + lines.get(0));
        assertFalse(stderr().contains("internal error"), stderr());
        assertEquals(0, model.calls.get(), "refused before simulating");
    }

    @Test
    void theCurrentDirectoryHoldingTheUsersFilesIsRefusedAndKept() throws Exception {
        assumeTrue(ChildMountsim.available());
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(work.resolve("notes.txt"), "my notes\n");
        TestFiles.write(work, "q.yaml", TestFiles.MINIMAL);
        Map<String, String> before = snapshot(work);
        ChildMountsim.Outcome o = ChildMountsim.run(work, dir.resolve("logs"), "run", "q.yaml", "-o", ".", "--quiet");
        assertEquals(2, o.exitCode(), o.stderr());
        assertEquals(before, snapshot(work), "the user's notes and the scenario are untouched");
        assertTrue(o.stderr().lines().findFirst().orElse("").contains("current directory"), o.stderr());
        assertTrue(o.stderr().contains("-o"), o.stderr());
        assertFalse(o.stderr().contains("\tat "), o.stderr());
    }

    @Test
    void aDirectoryHoldingTheScenarioBeingRunIsRefused() throws IOException {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path q = TestFiles.write(work, "q.yaml", TestFiles.MINIMAL);
        Files.writeString(work.resolve("notes.txt"), "mine");
        Map<String, String> before = snapshot(work);
        assertEquals(2, run("run", q.toString(), "-o", work.toString(), "--quiet"));
        assertRefusedBeforeRunning(work, "-o");
        assertEquals(before, snapshot(work));
    }

    @Test
    void aCopyOfTheShippedExamplesIsRefusedAndKeptWhole() throws IOException {
        Path examples = dir.resolve("examples");
        try (Stream<Path> walk = Files.walk(TestFiles.EXAMPLES)) {
            for (Path p : walk.toList()) {
                Path to = examples.resolve(TestFiles.EXAMPLES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        Map<String, String> before = snapshot(examples);
        assertTrue(before.size() > 5, "the copy holds the examples");
        assertEquals(2, run("run", examples.resolve("quickstart.yaml").toString(), "-o", examples.toString(), "--quiet"));
        assertRefusedBeforeRunning(examples, "-o");
        assertEquals(before, snapshot(examples));
    }

    @Test
    void aDirectoryOfUserFilesIsRefusedWithAndWithoutForce() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path theirs = Files.createDirectories(dir.resolve("theirs/sub"));
        Files.writeString(theirs.resolve("data.csv"), "1,2\n");
        Files.writeString(dir.resolve("theirs/readme"), "x");
        Map<String, String> before = snapshot(dir.resolve("theirs"));
        assertEquals(2, run("run", q.toString(), "-o", dir.resolve("theirs").toString(), "--quiet"));
        assertRefusedBeforeRunning(dir.resolve("theirs"), "-o");
        assertTrue(stderr().contains("readme, sub"), "names what is in there: " + stderr());
        assertEquals(2, run("run", q.toString(), "-o", dir.resolve("theirs").toString(), "--quiet", "--force"));
        assertRefusedBeforeRunning(dir.resolve("theirs"), "-o");
        assertEquals(before, snapshot(dir.resolve("theirs")));
    }

    @Test
    void aRegularFileIsRefusedBeforeSimulating() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path file = Files.writeString(dir.resolve("outfile"), "keep me");
        assertEquals(2, run("run", q.toString(), "-o", file.toString(), "--quiet"));
        assertRefusedBeforeRunning(file, "-o");
        assertTrue(stderr().contains("is a file"), stderr());
        assertEquals("keep me", Files.readString(file));
        Path under = file.resolve("sub");
        assertEquals(2, run("run", q.toString(), "-o", under.toString(), "--quiet"));
        assertRefusedBeforeRunning(under, "-o");
    }

    @Test
    void theFileSystemRootIsRefusedBeforeSimulating() {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        assertEquals(2, run("run", q.toString(), "-o", "/", "--quiet"));
        assertRefusedBeforeRunning(Path.of("/"), "-o");
    }

    @Test
    void anUnwritableParentIsRefusedBeforeSimulating() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        // procfs takes no new directories, not even from root (who may write a chmod 555 one).
        assumeTrue(Files.isDirectory(Path.of("/proc/self")));
        Path target = Path.of("/proc/mountsim-output-test");
        assertEquals(2, run("run", q.toString(), "-o", target.toString(), "--quiet"));
        assertRefusedBeforeRunning(target, "writable");

        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(readOnly), "root may write a read-only directory");
            assertEquals(2, run("run", q.toString(), "-o", readOnly.resolve("out").toString(), "--quiet"));
            assertRefusedBeforeRunning(readOnly.resolve("out"), "writable");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anEmptyDirectoryIsWrittenIntoSoAMountPointStaysInPlace() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path mount = Files.createDirectory(dir.resolve("volume"));
        Object inode = Files.getAttribute(mount, "unix:ino");
        assertEquals(0, run("run", q.toString(), "-o", mount.toString(), "--quiet"), stderr());
        assertEquals(inode, Files.getAttribute(mount, "unix:ino"), "the same directory, not a replacement");
        assertTrue(Files.isRegularFile(mount.resolve("results.csv")));
        assertTrue(Files.isRegularFile(mount.resolve(".mountsim-output")));
        assertEquals(List.of("q.yaml", "volume"), names(dir), "no staging directory left beside it");
        assertEquals(0, run("run", q.toString(), "-o", mount.toString(), "--quiet", "--force"),
                "a second run replaces its own output when asked to");
        assertEquals(inode, Files.getAttribute(mount, "unix:ino"));
    }

    /** Issue 12: replacing results is never silent; the refusal names the flag and nothing is touched. */
    @Test
    void aPreviousOutputIsReplacedOnlyWithForce() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path o = dir.resolve("out");
        assertEquals(0, run("run", q.toString(), "-o", o.toString(), "--quiet"), stderr());
        Map<String, String> before = snapshot(o);
        model.calls.set(0);
        assertEquals(2, run("run", q.toString(), "-o", o.toString(), "--quiet"));
        assertRefusedBeforeRunning(o, "--force");
        assertEquals(before, snapshot(o), "the earlier output is untouched");
        assertEquals(0, run("run", q.toString(), "-o", o.toString(), "--quiet", "--force"), stderr());
    }

    @Test
    void aPreviousOutputIsReplacedAndOnlyItsOwnFilesGo() throws IOException {
        Path sweep = TestFiles.write(dir, "q.yaml", SWEEP);
        Path o = dir.resolve("o");
        assertEquals(0, run("run", sweep.toString(), "-o", o.toString(), "--quiet"), stderr());
        assertTrue(Files.exists(o.resolve("points/2.json")));
        assertEquals(0, run("run", sweep.toString(), "-o", o.toString(), "--quiet", "--force", "--set",
                "sweep.workload.maxConcurrentStarts=[1]"),
                stderr());
        assertFalse(Files.exists(o.resolve("points/2.json")), "nothing of the previous run survives");
        assertEquals(2, Files.readAllLines(o.resolve("results.csv")).size());
        assertEquals(List.of(".mountsim-output", "charts", "points", "replications.csv", "report.html", "results.csv",
                "summary.json"), names(o));
        assertEquals(List.of("o", "q.yaml"), names(dir));
    }

    @Test
    void aPreviousOutputHoldingAUserFileIsKeptWhole() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path o = dir.resolve("o");
        assertEquals(0, run("run", q.toString(), "-o", o.toString(), "--quiet"), stderr());
        Files.writeString(o.resolve("charts/my-annotations.txt"), "mine");
        model.calls.set(0);
        Map<String, String> before = snapshot(o);
        assertEquals(2, run("run", q.toString(), "-o", o.toString(), "--quiet"));
        assertRefusedBeforeRunning(o, "-o");
        assertTrue(stderr().contains("charts"), stderr());
        assertEquals(2, run("run", q.toString(), "-o", o.toString(), "--quiet", "--force"));
        assertRefusedBeforeRunning(o, "-o");
        assertEquals(before, snapshot(o), "the user's file and the previous output are kept");
    }

    @Test
    void anOutputOfAnEarlierVersionIsReplacedOnlyWithForce() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path o = dir.resolve("o");
        assertEquals(0, run("run", q.toString(), "-o", o.toString(), "--quiet"), stderr());
        // what versions before the marker wrote: no marker, and no replications.csv either
        Files.delete(o.resolve(".mountsim-output"));
        Files.delete(o.resolve("replications.csv"));
        model.calls.set(0);
        Map<String, String> before = snapshot(o);
        assertEquals(2, run("run", q.toString(), "-o", o.toString(), "--quiet"));
        assertRefusedBeforeRunning(o, "--force");
        assertEquals(before, snapshot(o));
        assertEquals(0, run("run", q.toString(), "-o", o.toString(), "--quiet", "--force"), stderr());
        assertTrue(Files.isRegularFile(o.resolve(".mountsim-output")));
    }

    @Test
    void newFilesAndDirectoriesHaveThePermissionsTheUmaskGives() throws IOException {
        Path q = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        Path reference = Files.createDirectory(dir.resolve("reference"));
        Path referenceFile = Files.writeString(reference.resolve("f"), "x");
        Set<PosixFilePermission> dirMode = Files.getPosixFilePermissions(reference);
        assumeTrue(dirMode.contains(PosixFilePermission.OTHERS_READ), "a umask that lets others read");
        Path o = dir.resolve("new/o");
        assertEquals(0, run("run", q.toString(), "-o", o.toString(), "--quiet"), stderr());
        assertEquals(dirMode, Files.getPosixFilePermissions(o));
        assertEquals(dirMode, Files.getPosixFilePermissions(o.resolve("charts")));
        assertEquals(Files.getPosixFilePermissions(referenceFile), Files.getPosixFilePermissions(o.resolve("results.csv")));
    }

    @Test
    void compareAndMergeCheckTheirOutputBeforeWorking() throws IOException {
        Path a = TestFiles.write(dir, "a.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: before"));
        Path b = TestFiles.write(dir, "b.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: after"));
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("notes.txt"), "mine");
        assertEquals(2, run("compare", a.toString(), b.toString(), "-o", theirs.toString(), "--quiet"));
        assertRefusedBeforeRunning(theirs, "-o");

        Path sweep = TestFiles.write(dir, "s.yaml", SWEEP);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, run("run", sweep.toString(), "--shard", i + "/2", "-o", dir.resolve("shard-" + i).toString(), "--quiet"));
        }
        model.calls.set(0);
        Map<String, String> shard0 = snapshot(dir.resolve("shard-0"));
        assertEquals(2, run("merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(), "-o",
                dir.resolve("shard-0").toString()));
        assertRefusedBeforeRunning(dir.resolve("shard-0"), "input");
        assertEquals(shard0, snapshot(dir.resolve("shard-0")), "an input shard is not replaced by the merge");
        assertEquals(2, run("merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(), "-o", theirs.toString()));
        assertRefusedBeforeRunning(theirs, "-o");
        assertEquals(List.of("notes.txt"), names(theirs));
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}

package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, "one validation pass covers everything": the problems of the scenario keys,
 * the measured: CSV, the trace file and the output directory come out in one run, and
 * oversized inputs are refused quickly with a clear line.
 */
class OnePassValidationTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();
    private final FakeModel model = new FakeModel();

    private int run(String... args) {
        return cli.run(model, args);
    }

    private String stderr() {
        return cli.stderr();
    }

    @Test
    void aBadPresetAMissingCsvAndABadOutputAreReportedTogether() throws IOException {
        Path f = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL.replace("m7i.metal-24xl", "m7i.metal-24") + "measured: nowhere.csv\n");
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        assertEquals(2, run("run", f.toString(), "-o", file.toString(), "--shard", "3/2", "--quiet"));
        String err = stderr();
        assertTrue(err.contains("q.yaml:2: machine:"), err);
        assertTrue(err.contains("measured: file not found"), err);
        assertTrue(err.contains(file + ": is a file"), err);
        assertTrue(err.contains("--shard 3/2"), err);
        assertTrue(err.contains("4 errors; nothing was run or written."), err);
        assertEquals(0, model.calls.get());
    }

    @Test
    void aMeasuredCsvIsCheckedEvenWhenAPointIsInvalid() {
        TestFiles.write(dir, "m.csv", "runtime.idmap,startsPerSecond,bogusMetric\nper-layer,abc,1\n");
        Path f = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL.replace("layers: 5", "layers: -5")
                + "measured: m.csv\nsweep:\n  runtime.idmap: [per-layer]\n");
        assertEquals(2, run("validate", f.toString()));
        String err = stderr();
        assertTrue(err.contains("q.yaml:5: workload.layers"), err);
        assertTrue(err.contains("m.csv:1: bogusMetric: not a metric column"), err);
    }

    @Test
    void compareReportsASweepAndABadOutputTogether() throws IOException {
        Path a = TestFiles.write(dir, "a.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: a"));
        Path b = TestFiles.write(dir, "b.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: b")
                + "sweep:\n  workload.maxConcurrentStarts: [1, 2]\n");
        Path theirs = Files.createDirectory(dir.resolve("theirs"));
        Files.writeString(theirs.resolve("notes.txt"), "mine");
        assertEquals(2, run("compare", a.toString(), b.toString(), "-o", theirs.toString(), "--quiet"));
        assertTrue(stderr().contains("b.yaml: sweep: compare runs whole scenarios"), stderr());
        assertTrue(stderr().contains(theirs + ": holds files mountsim did not write"), stderr());
        assertEquals(0, model.calls.get());
    }

    @Test
    void aScenarioFileOverOneMebibyteIsRefusedAtOnce() throws IOException {
        Path big = dir.resolve("big.yaml");
        StringBuilder sb = new StringBuilder(TestFiles.MINIMAL);
        while (sb.length() <= (1 << 20)) {
            sb.append("# padding padding padding padding padding padding padding padding\n");
        }
        Files.writeString(big, sb);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(2, run("validate", big.toString())));
        assertTrue(stderr().contains("big.yaml: is " + Files.size(big) + " bytes; a scenario file may have at most 1048576"), stderr());
    }

    @Test
    void aValueOver64KibIsRefusedWithItsLine() {
        Path f = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL + "description: " + "x".repeat(64 * 1024 + 1) + "\n");
        assertEquals(2, run("validate", f.toString()));
        assertTrue(stderr().contains("q.yaml:8: description: a value of 65537 characters; values may have at most 65536"), stderr());
        Path key = TestFiles.write(dir, "k.yaml", TestFiles.MINIMAL + "? " + "k".repeat(5000) + "\n: 1\n");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertEquals(2, run("validate", key.toString())));
        assertTrue(stderr().contains("k.yaml:8: a key of 5000 characters"), stderr());
        assertFalse(stderr().contains("did you mean"), "no edit distance over a 5000-character key");
    }
}

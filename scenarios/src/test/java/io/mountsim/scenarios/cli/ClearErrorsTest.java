package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that name their real reason. */
class ClearErrorsTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();
    private final FakeModel model = new FakeModel();

    private int run(String... args) {
        return cli.run(model, args);
    }

    @Test
    void mergingAShardOfAnotherScenarioSaysDifferentRuns() {
        String sweep = "sweep:\n  workload.maxConcurrentStarts: [1, 2, 4, 8]\n";
        Path a = TestFiles.write(dir, "a.yaml", TestFiles.MINIMAL + sweep);
        Path b = TestFiles.write(dir, "b.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: other") + sweep);
        assertEquals(0, run("run", a.toString(), "--shard", "0/2", "-o", dir.resolve("a0").toString(), "--quiet"));
        assertEquals(0, run("run", b.toString(), "--shard", "1/2", "-o", dir.resolve("b1").toString(), "--quiet"));
        assertEquals(2, run("merge", dir.resolve("a0").toString(), dir.resolve("b1").toString(), "-o", dir.resolve("m").toString()));
        assertTrue(cli.stderr().contains("come from different runs: their name differs"), cli.stderr());
        assertFalse(cli.stderr().contains("missing"), cli.stderr());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    @Test
    void sweepingSmtOnAMachineWithoutSmtIsRefusedBeforeRunning() {
        Path f = TestFiles.write(dir, "smt.yaml", TestFiles.MINIMAL.replace("machine: m7i.metal-24xl", "machine: m7a.24xlarge")
                + "sweep:\n  mitigations.smt: [on, off]\n");
        assertEquals(2, run("run", f.toString(), "-o", dir.resolve("o").toString(), "--quiet"));
        assertTrue(cli.stderr().contains("sweep: points {mitigations.smt=off} and {mitigations.smt=on} simulate the same "
                + "thing; m7a.24xlarge has no SMT (threadsPerCore: 1)"), cli.stderr());
        assertEquals(0, model.calls.get(), "checked before anything runs");
    }

    @Test
    void aCrossProductWhereSomeCombinationsCollapseWarnsAndNamesThem() {
        Path f = TestFiles.write(dir, "x.yaml", TestFiles.MINIMAL
                + "sweep:\n  machine: [m7i.metal-24xl, m7a.24xlarge]\n  mitigations.smt: [on, off]\n");
        assertEquals(0, run("validate", f.toString()), cli.stderr());
        assertTrue(cli.stderr().contains("x.yaml: warning: points {machine=m7a.24xlarge, mitigations.smt=off} and "
                + "{machine=m7a.24xlarge, mitigations.smt=on} simulate the same thing; m7a.24xlarge has no SMT"), cli.stderr());
        assertFalse(cli.stderr().contains("m7i.metal-24xl, mitigations.smt=off} and"), "m7i has SMT: no warning for it");
        assertEquals(1, cli.stderr().lines().filter(l -> l.contains("warning")).count(), "one line per scenario");
    }

    @Test
    void sweepingSmtOnAMachineWithSmtIsFine() {
        Path f = TestFiles.write(dir, "smt.yaml", TestFiles.MINIMAL + "sweep:\n  mitigations.smt: [on, off]\n");
        assertEquals(0, run("validate", f.toString()), cli.stderr());
    }
}

package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.Timeline;
import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.run.ExperimentRunner;
import io.mountsim.scenarios.run.ProgressListener;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.run.RunBudget;
import io.mountsim.scenarios.run.Shard;
import io.mountsim.scenarios.scenario.Scenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, budgets: work and heap estimated and printed before running; runs that cannot fit refused. */
class BudgetTest {
    @TempDir
    Path dir;

    private final CapturedCli cli = new CapturedCli();

    private int run(ReplicationModel model, String... args) {
        return cli.run(model, args);
    }

    private String stderr() {
        return cli.stderr();
    }

    @Test
    void aRunThatCannotFitTheHeapIsRefusedAtOnceWithTheXmxItNeeds() {
        Path f = TestFiles.write(dir, "huge.yaml", TestFiles.MINIMAL.replace("containers: 10", "containers: 10000000")
                .replace("layers: 5", "layers: 500").replace("replications: 2", "replications: 1000"));
        FakeModel model = new FakeModel();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(2, run(model, "run", f.toString(), "-o",
                dir.resolve("o").toString())));
        assertTrue(stderr().contains("huge.yaml: budget: 1 point x 1000 replications, ~3.4e+14 simulated events"), stderr());
        assertTrue(stderr().matches("(?s).*huge\\.yaml: needs about [0-9.]+ GB of heap at its peak .* but this JVM has [0-9.]+ GB: "
                + "run java -Xmx\\d+g -jar mountsim.jar .*--yes-i-know.*"), stderr());
        assertEquals(0, model.calls.get());
    }

    @Test
    void yesIKnowRunsItAnyway() {
        Path f = TestFiles.write(dir, "big.yaml", TestFiles.MINIMAL.replace("containers: 10", "containers: 10000000"));
        FakeModel model = new FakeModel(); // draws at most 200 starts, whatever the scenario says
        assertEquals(0, run(model, "run", f.toString(), "-o", dir.resolve("o").toString(), "--yes-i-know", "--quiet"), stderr());
        assertEquals(2, model.calls.get());
    }

    @Test
    void theEstimatePrintedForANormalRunIsSmall() {
        Path f = TestFiles.write(dir, "q.yaml", TestFiles.MINIMAL);
        assertEquals(0, run(new FakeModel(), "run", f.toString(), "-o", dir.resolve("o").toString()));
        assertTrue(stderr().contains("q.yaml: budget: 1 point x 2 replications, ~7.2e+03 simulated events, peak heap ~"), stderr());
    }

    @Test
    void theEventEstimateIsWithinAQuarterOfTheRealModelsCount() {
        // 300 starts of 12 layers on r5.metal: a configuration that is not one of the measured ones.
        Scenario s = TestFiles.load(dir, TestFiles.MINIMAL.replace("containers: 10", "containers: 300")
                .replace("layers: 5", "layers: 12").replace("m7i.metal-24xl", "r5.metal").replace("replications: 2", "replications: 1"));
        RunBudget b = RunBudget.of(s.points(), 1, 1);
        ExperimentResult r = new ExperimentRunner(ReplicationModel.simulation(), 1, ProgressListener.none()).run(
                s, Shard.all());
        double events = r.points().get(0).metric("events").mean();
        assertTrue(Math.abs(b.events() - events) / events < 0.25, "estimated " + b.events() + ", simulated " + events);
    }

    @Test
    void hugeStormsKeepABoundedSampleOfLatenciesAndSmallOnesKeepAll() {
        int n = 250_000;
        ReplicationModel many = (spec, seed, rep, timeline) -> {
            double[] l = new double[n];
            for (int i = 0; i < n; i++) {
                l[i] = (i * 7919L) % n; // every value 0..n-1 once, shuffled
            }
            return ReplicationOutcome.builder().metric("startsPerSecond", 1.0).events(1).startLatenciesMs(l)
                    .cpu(new CpuBreakdown(0, 0, 0, 0)).build();
        };
        Scenario s = TestFiles.load(dir, TestFiles.MINIMAL);
        ExperimentResult r = new ExperimentRunner(many, 2, ProgressListener.none()).run(s, Shard.all());
        double[] kept = r.points().get(0).startLatenciesMs();
        assertEquals(2 * ExperimentRunner.LATENCIES_KEPT_PER_REPLICATION, kept.length);
        double[] one = Arrays.copyOf(kept, ExperimentRunner.LATENCIES_KEPT_PER_REPLICATION);
        assertEquals(0, one[0]);
        assertEquals(n - 1, one[one.length - 1]);
        // evenly spaced order statistics of 0..n-1: the k-th is floor(k (n-1) / (K-1))
        assertEquals(Math.floor(50_000.0 * (n - 1) / (one.length - 1)), one[50_000]);

        FakeModel small = new FakeModel();
        ExperimentResult a = new ExperimentRunner(small, 1, ProgressListener.none()).run(s, Shard.all());
        assertEquals(2 * 10, a.points().get(0).startLatenciesMs().length, "10 starts x 2 replications, all kept");
        ExperimentResult b = new ExperimentRunner(new FakeModel(), 2, ProgressListener.none()).run(s, Shard.all());
        assertArrayEquals(a.points().get(0).startLatenciesMs(), b.points().get(0).startLatenciesMs());
    }
}

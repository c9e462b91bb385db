package io.mountsim.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.MetricNames;
import io.mountsim.scenarios.cli.CliContext;
import io.mountsim.scenarios.cli.MountsimCommand;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.run.ResultSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library face does what the command line does, and nothing more. */
class MountSimApiTest {
    /** Small enough to run in well under a second per point. */
    private static final String SWEEP_YAML = String.join("\n",
            "name: api sweep",
            "machine: r5.metal",
            "workload:",
            "  containers: 12",
            "  layers: 4",
            "run:",
            "  replications: 2",
            "sweep:",
            "  runtime.idmap: [per-layer, common-parent]",
            "  workload.maxConcurrentStarts: [1, 12]",
            "");

    @TempDir
    Path dir;

    private static ScenarioBuilder sweepBuilder() {
        return MountSim.scenario("api sweep")
                .set("machine", "r5.metal")
                .set("workload.containers", 12)
                .set("workload.layers", 4)
                .replications(2)
                .sweep("runtime.idmap", "per-layer", "common-parent")
                .sweep("workload.maxConcurrentStarts", 1, 12);
    }

    @Test
    void aBuiltScenarioRunsLikeTheSameFileOnAnyThreadCount() throws IOException {
        Path file = Files.writeString(dir.resolve("sweep.yaml"), SWEEP_YAML);
        RunResult fromFile = MountSim.load(file).run(RunOptions.defaults().threads(1));
        RunResult built = sweepBuilder().build().run(RunOptions.defaults().threads(2));

        assertEquals(List.of("runtime.idmap", "workload.maxConcurrentStarts"), built.sweptKeys());
        assertEquals(4, built.points().size());
        assertEquals("common-parent", built.point(2).value("runtime.idmap").text());
        assertEquals(12.0, built.point(3).value("workload.maxConcurrentStarts").number().orElseThrow());
        assertTrue(built.point(0).value("runtime.idmap").number().isEmpty());
        for (int i = 0; i < 4; i++) {
            Point a = fromFile.points().get(i);
            Point b = built.points().get(i);
            assertEquals(a.values(), b.values());
            assertEquals(simulated(a), simulated(b), "point " + i);
            assertArrayEquals(a.startLatenciesMs(), b.startLatenciesMs(), "point " + i);
            assertEquals(2 * 12, b.startLatenciesMs().length, "every start of both replications");
        }
    }

    @Test
    void theReportIsTheCommandLinesByteForByte() throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), SWEEP_YAML);
        Path cliOut = dir.resolve("cli");
        CliContext cli = new CliContext(ReplicationModel.simulation(), CliContext.production().sink(),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()), 2);
        assertEquals(MountsimCommand.EXIT_OK, MountsimCommand.execute(cli, "run", file.toString(), "-o", cliOut.toString(),
                "--quiet", "--seed", "9", "--set", "workload.containers=8"));

        Path apiOut = MountSim.load(file, "workload.containers=8").run(RunOptions.defaults().seed(9).threads(1))
                .writeReport(dir.resolve("api"));
        assertEquals(Files.readString(cliOut.resolve("results.csv")), Files.readString(apiOut.resolve("results.csv")));
    }

    @Test
    void aBuiltScenarioSavesAsAFileTheLoaderAccepts() throws IOException {
        Path file = Files.writeString(dir.resolve("saved.yaml"), sweepBuilder().toYaml());
        Scenario loaded = MountSim.load(file);
        assertEquals("api sweep", loaded.name());
        assertEquals(4, loaded.pointCount());
        assertEquals(2, loaded.replications());
    }

    @Test
    void seedAndReplicationOverridesActLikeTheFilesOwnSettings() throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), SWEEP_YAML.replace("  replications: 2", "  replications: 2\n  seed: 7"));
        Path base = Files.writeString(dir.resolve("base.yaml"), SWEEP_YAML);
        Scenario scenario = MountSim.load(base, "sweep.workload.maxConcurrentStarts=[12]", "sweep.runtime.idmap=[per-layer]");
        Scenario seeded = MountSim.load(file, "sweep.workload.maxConcurrentStarts=[12]", "sweep.runtime.idmap=[per-layer]");

        RunResult overridden = scenario.run(RunOptions.defaults().seed(7));
        RunResult own = seeded.run();
        RunResult defaultSeed = scenario.run();
        assertEquals(7, overridden.seed());
        assertEquals(simulated(own.points().get(0)), simulated(overridden.points().get(0)));
        assertNotEquals(simulated(defaultSeed.points().get(0)), simulated(overridden.points().get(0)),
                "another seed draws other numbers");
        assertEquals(3, scenario.run(RunOptions.defaults().replications(3)).points().get(0).metric("startsPerSecond").n());
    }

    @Test
    void invalidReplicationsAreRefusedBeforeRunningLikeTheCommandLines() throws IOException {
        Scenario s = MountSim.load(Files.writeString(dir.resolve("s.yaml"), SWEEP_YAML));
        List<Progress> calls = Collections.synchronizedList(new ArrayList<>());
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> s.run(RunOptions.defaults().replications(0).onProgress(calls::add)));
        assertEquals("--replications 0: run.replications: expected an integer in [1, 100000]", e.problems().get(0).toString());
        assertTrue(calls.isEmpty(), "nothing ran");
    }

    @Test
    void fileProblemsAreTheLinesMountsimValidatePrints() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), String.join("\n",
                "name: bad",
                "machine: r5.metal",
                "workload:",
                "  containrs: 10",
                "  layers: 900",
                "sweep:",
                "  workload.maxConcurrentStarts: []",
                ""));
        ScenarioException e = assertThrows(ScenarioException.class, () -> MountSim.load(bad));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CliContext cli = new CliContext(ReplicationModel.simulation(), unusedSink(), new PrintStream(new ByteArrayOutputStream()),
                errStream, 1);
        assertEquals(MountsimCommand.EXIT_INVALID_INPUT, MountsimCommand.execute(cli, "validate", bad.toString()));
        List<String> printed = err.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.endsWith("nothing was run or written.")).toList();

        assertEquals(printed, e.problems().stream().map(ScenarioProblem::toString).toList());
        assertEquals(String.join("\n", printed), e.getMessage());
        assertTrue(e.problems().size() >= 3, "all problems at once: " + printed);
        ScenarioProblem first = e.problems().get(0);
        assertEquals(4, first.line());
        assertEquals("workload.containrs", first.key());
        assertEquals(bad.toString(), first.source());
    }

    @Test
    void builderProblemsNameTheScenarioAndTheKey() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> MountSim.scenario("mine")
                .set("machine", "r5.metal")
                .set("workload.containers", -5)
                .set("workload.layers", "lots")
                .build());
        assertEquals(List.of("mine (built in code): workload.containers: expected an integer in [1, 10000000], got -5",
                "mine (built in code): workload.layers: expected an integer in [1, 500] or {uniform: [min, max]}, got 'lots'"),
                e.problems().stream().map(ScenarioProblem::toString).toList());
        assertEquals(0, e.problems().get(0).line(), "generated text has no line worth naming");
    }

    @Test
    void anUnknownKeyIsRefusedAtOnceWithTheDidYouMean() {
        ScenarioBuilder b = MountSim.scenario("mine");
        ScenarioException e = assertThrows(ScenarioException.class, () -> b.set("workload.containrs", 5));
        assertEquals("workload.containrs", e.problems().get(0).key());
        assertTrue(e.problems().get(0).message().contains("did you mean workload.containers?"), e.getMessage());
        assertThrows(ScenarioException.class, () -> b.sweep("workload.concurrency", 1, 2));
        assertThrows(ScenarioException.class, () -> b.set("sweep.workload.containers", List.of(1, 2)));
    }

    @Test
    void progressIsToldOncePerReplicationUpToTheTotal() {
        List<Progress> calls = Collections.synchronizedList(new ArrayList<>());
        sweepBuilder().build().run(RunOptions.defaults().threads(2).onProgress(calls::add));
        assertEquals(4 * 2, calls.size());
        List<Progress> ordered = calls.stream().sorted(Comparator.comparingInt(Progress::replicationsDone)).toList();
        for (int i = 0; i < ordered.size(); i++) {
            assertEquals(i + 1, ordered.get(i).replicationsDone());
            assertEquals(8, ordered.get(i).replicationsTotal());
            assertEquals(4, ordered.get(i).pointsTotal());
        }
        assertEquals(1.0, ordered.get(7).fraction());
        assertEquals(4, calls.stream().mapToInt(Progress::pointsDone).max().orElseThrow());
    }

    @Test
    void runningWritesNothingAndReportsObeyTheOutputRules() throws IOException {
        Path file = Files.writeString(dir.resolve("s.yaml"), SWEEP_YAML);
        RunResult r = MountSim.load(file, "sweep.workload.maxConcurrentStarts=[4]", "sweep.runtime.idmap=[per-layer]").run();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "the run wrote nothing beside its input");
        }

        Path notes = Files.createDirectories(dir.resolve("notes"));
        Path mine = Files.writeString(notes.resolve("mine.txt"), "keep me");
        ScenarioException refused = assertThrows(ScenarioException.class, () -> r.writeReport(notes));
        assertTrue(refused.problems().get(0).toString().startsWith(notes.toString()), refused.getMessage());
        assertEquals("keep me", Files.readString(mine));
        assertThrows(ScenarioException.class, () -> r.writeReport(dir), "never into the directory holding the input");

        Path out = dir.resolve("out").resolve("run");
        assertEquals(out, r.writeReport(out));
        assertTrue(Files.isRegularFile(out.resolve("results.csv")));
        assertTrue(Files.isRegularFile(out.resolve("summary.json")));
        assertThrows(ScenarioException.class, () -> r.writeReport(out), "a rerun never replaces results silently");
        assertEquals(out, r.writeReport(out, true));
        assertTrue(Files.readString(out.resolve("results.csv")).contains("startLatencyMsP99"));
    }

    @Test
    void askingForWhatIsNotThereNamesWhatIs() {
        RunResult r = MountSim.scenario("one").set("machine", "r5.metal").set("workload.containers", 4)
                .set("workload.layers", 2).replications(1).build().run();
        Point p = r.points().get(0);
        assertEquals("point 0", p.label());
        assertTrue(assertThrows(java.util.NoSuchElementException.class, () -> p.metric("p99")).getMessage()
                .contains("startLatencyMsP99"));
        assertTrue(assertThrows(java.util.NoSuchElementException.class, () -> p.value("workload.containers")).getMessage()
                .contains("not swept"));
        assertEquals(0.0, p.metric("startLatencyMsP99").halfWidth(), "one replication has no spread");
        assertFalse(r.table().isBlank());
    }

    /** A point's metrics without the one measured on the host's clock (wallSeconds). */
    private static Map<String, Metric> simulated(Point p) {
        Map<String, Metric> m = new LinkedHashMap<>(p.metrics());
        assertTrue(m.remove(MetricNames.WALL_SECONDS) != null, "wallSeconds is a metric: the filter filters");
        return m;
    }

    private static ResultSink unusedSink() {
        return new ResultSink() {
            @Override
            public void write(io.mountsim.core.results.ExperimentResult result, Path d) {
                throw new AssertionError("validate writes nothing");
            }

            @Override
            public void merge(List<Path> shardDirs, Path d) {
                throw new AssertionError("validate writes nothing");
            }
        };
    }
}

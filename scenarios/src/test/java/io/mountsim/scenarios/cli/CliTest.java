package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.run.ReplicationModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private static final String SWEEP = TestFiles.MINIMAL + "sweep:\n  workload.maxConcurrentStarts: [1, 2, 4]\n  runtime.idmap: [per-layer, common-parent]\n";

    private int run(ReplicationModel model, String... args) {
        return run(model, 2, args);
    }

    private int run(ReplicationModel model, int threads, String... args) {
        out.reset();
        err.reset();
        CliContext context = new CliContext(model, new ReportsSink(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), threads);
        return MountsimCommand.execute(context, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void invalidScenarioExitsTwoPrintsEveryErrorAndWritesNothing() throws IOException {
        Path f = TestFiles.write(dir, "bad.yaml", TestFiles.MINIMAL.replace("containers: 10", "containrs: 10") + "bogus: 1\n");
        FakeModel model = new FakeModel();
        Path outDir = dir.resolve("out");
        assertEquals(2, run(model, "run", f.toString(), "-o", outDir.toString()));
        assertTrue(stderr().contains("bad.yaml:4: workload.containrs: unknown key; did you mean workload.containers?"), stderr());
        assertTrue(stderr().contains("bad.yaml:8: bogus: unknown key"), stderr());
        assertFalse(stderr().contains("Exception"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
        assertEquals(0, model.calls.get());
        assertFalse(Files.exists(outDir));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("bad.yaml"), left.map(p -> p.getFileName().toString()).toList(), "no temporary directory left");
        }
    }

    @Test
    void twoScenariosWritingTheSameDirectoryAreRefusedBeforeRunning() {
        Path a = TestFiles.write(dir, "a.yaml", TestFiles.MINIMAL);
        Path b = TestFiles.write(dir, "b.yaml", TestFiles.MINIMAL);
        FakeModel model = new FakeModel();
        assertEquals(2, run(model, "run", a.toString(), b.toString(), "-o", dir.resolve("o").toString(), "--quiet"));
        assertTrue(stderr().contains("b.yaml: name: writes to"), stderr());
        assertEquals(0, model.calls.get());
    }

    @Test
    void validateSaysOkPerFileOrListsErrors() {
        Path good = TestFiles.write(dir, "good.yaml", TestFiles.MINIMAL);
        assertEquals(0, run(new FakeModel(), "validate", good.toString()));
        assertTrue(stdout().startsWith(good + ": ok (1 point x 2 replications)"), stdout());
        Path bad = TestFiles.write(dir, "bad.yaml", "machine: r5.metal\nworkload: {containers: 0}\n");
        assertEquals(2, run(new FakeModel(), "validate", good.toString(), bad.toString()));
        assertTrue(stderr().contains("bad.yaml:2: workload.containers: expected an integer in [1, 10000000], got 0"), stderr());
        assertEquals(2, run(new FakeModel(), "validate", dir.resolve("missing.yaml").toString()));
        assertTrue(stderr().contains("missing.yaml: file not found"), stderr());
    }

    @Test
    void badOptionsExitTwoAndInternalErrorsExitOneWithoutStackTrace() {
        Path good = TestFiles.write(dir, "good.yaml", TestFiles.MINIMAL);
        assertEquals(2, run(new FakeModel(), "run", good.toString(), "--shard", "4/4"));
        assertTrue(stderr().contains("--shard 4/4: expected I/N with 0 <= I < N"), stderr());
        assertEquals(2, run(new FakeModel(), "run", "--no-such-option", good.toString()));
        assertEquals(2, run(new FakeModel(), "frobnicate"));

        ReplicationModel broken = (spec, seed, rep, timeline) -> {
            throw new IllegalStateException("model exploded");
        };
        Path outDir = dir.resolve("o");
        assertEquals(1, run(broken, "run", good.toString(), "-o", outDir.toString(), "--quiet"));
        assertTrue(stderr().startsWith("mountsim: internal error: model exploded (run with --verbose"), stderr());
        assertFalse(stderr().contains("\tat "), stderr());
        assertFalse(Files.exists(outDir));
        assertEquals(1, run(broken, "run", good.toString(), "-o", outDir.toString(), "--quiet", "--verbose"));
        assertTrue(stderr().contains("\tat "), "stack trace only with --verbose");
    }

    @Test
    void runWritesResultsAndATableAndIsByteIdenticalOnAnyNumberOfThreads() throws IOException {
        Path f = TestFiles.write(dir, "sweep.yaml", SWEEP);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, run(new FakeModel(), 1, "run", f.toString(), "-o", one.toString(), "--quiet"));
        String table = stdout();
        assertTrue(table.contains("workload.maxConcurrentStarts  runtime.idmap"), table);
        assertTrue(table.contains("startsPerSecond"), table);
        assertEquals(0, run(new FakeModel(), 4, "run", f.toString(), "-o", two.toString(), "--quiet"));
        for (String file : List.of("results.csv", "summary.json")) {
            assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
        }
        List<String> csv = Files.readAllLines(one.resolve("results.csv"));
        assertEquals(7, csv.size(), "header + 6 points");
        assertTrue(csv.get(0).startsWith("workload.maxConcurrentStarts,runtime.idmap,startsPerSecond,startsPerSecond_ci95"), csv.get(0));
        assertTrue(csv.get(1).startsWith("1,per-layer,"), csv.get(1));
        assertTrue(csv.get(6).startsWith("4,common-parent,"), csv.get(6));
        assertTrue(Files.readString(one.resolve("summary.json")).contains("\"maxConcurrentStarts\""));
    }

    @Test
    void shardsMergeIntoTheFilesOfAnUnshardedRun() throws IOException {
        Path f = TestFiles.write(dir, "sweep.yaml", SWEEP);
        Path whole = dir.resolve("whole");
        assertEquals(0, run(new FakeModel(), "run", f.toString(), "-o", whole.toString(), "--quiet"));
        FakeModel counting = new FakeModel();
        for (int i = 0; i < 4; i++) {
            assertEquals(0, run(counting, "run", f.toString(), "--shard", i + "/4", "-o", dir.resolve("shard-" + i).toString(), "--quiet"));
        }
        assertEquals(6 * 2, counting.calls.get(), "every point once across the shards");
        assertEquals(2, run(new FakeModel(), "merge", dir.resolve("shard-0").toString(), dir.resolve("shard-1").toString(),
                dir.resolve("shard-2").toString(), "-o", dir.resolve("partial").toString()));
        assertTrue(stderr().contains("a shard directory is missing"), stderr());
        assertFalse(Files.exists(dir.resolve("partial")));

        Path merged = dir.resolve("merged");
        assertEquals(0, run(new FakeModel(), "merge", dir.resolve("shard-2").toString(), dir.resolve("shard-0").toString(),
                dir.resolve("shard-3").toString(), dir.resolve("shard-1").toString(), "-o", merged.toString()), stderr());
        for (String file : List.of("results.csv", "summary.json", "report.html")) {
            assertEquals(List.of(), firstDifference(Files.readAllLines(whole.resolve(file)), Files.readAllLines(merged.resolve(file))), file);
        }
    }

    /** The first differing line of two files with its line number, or nothing. */
    private static List<String> firstDifference(List<String> a, List<String> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!x.equals(y)) {
                return List.of("line " + (i + 1), x, y);
            }
        }
        return List.of();
    }

    @Test
    void compareRunsWholeScenariosWithCommonRandomNumbers() throws IOException {
        Path a = TestFiles.write(dir, "a.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: before"));
        Path b = TestFiles.write(dir, "b.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: after")
                .replace("run:\n  replications: 2", "runtime: {idmap: common-parent}\nrun:\n  replications: 2\n  seed: 99"));
        List<Long> seeds = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeModel fake = new FakeModel();
        ReplicationModel recording = (spec, seed, rep, timeline) -> {
            seeds.add(seed);
            return fake.run(spec, seed, rep, timeline);
        };
        Path outDir = dir.resolve("cmp");
        assertEquals(0, run(recording, "compare", a.toString(), b.toString(), "-o", outDir.toString(), "--quiet"), stderr());
        assertEquals(List.of(42L), seeds.stream().distinct().toList(), "the baseline's seed for both");
        List<String> csv = Files.readAllLines(outDir.resolve("results.csv"));
        assertTrue(csv.get(0).startsWith("scenario,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("before,") && csv.get(2).startsWith("after,"), csv.toString());

        Path swept = TestFiles.write(dir, "s.yaml", SWEEP);
        assertEquals(2, run(new FakeModel(), "compare", a.toString(), swept.toString()));
        assertTrue(stderr().contains("compare runs whole scenarios"), stderr());
    }

    @Test
    void theRealModelGivesTheSameResultsOnOneAndTwoThreads() throws IOException {
        Path quickstart = TestFiles.EXAMPLES.resolve("quickstart.yaml");
        String[] small = {"--set", "workload.containers=12", "--set", "workload.layers=5", "--replications", "2", "--quiet"};
        List<List<String>> csvs = new java.util.ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            Path o = dir.resolve("real-" + threads);
            List<String> args = new java.util.ArrayList<>(List.of("run", quickstart.toString(), "-o", o.toString()));
            args.addAll(List.of(small));
            assertEquals(0, run(ReplicationModel.simulation(), threads, args.toArray(String[]::new)), stderr());
            csvs.add(withoutWallSeconds(Files.readAllLines(o.resolve("results.csv"))));
        }
        assertEquals(csvs.get(0), csvs.get(1));
        assertTrue(csvs.get(0).get(0).contains("mountOps"), csvs.get(0).get(0));
    }

    /** wallSeconds is the one column that measures the host, not the simulation. */
    private static List<String> withoutWallSeconds(List<String> csv) {
        List<String> header = List.of(csv.get(0).split(",", -1));
        List<String> out = new java.util.ArrayList<>();
        for (String line : csv) {
            List<String> cells = List.of(line.split(",", -1));
            List<String> kept = new java.util.ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                if (!header.get(i).startsWith("wallSeconds")) {
                    kept.add(cells.get(i));
                }
            }
            out.add(String.join(",", kept));
        }
        return out;
    }

    @Test
    void benchHoldPrintsEventsPerSecond() {
        assertEquals(0, run(new FakeModel(), "bench", "hold", "--pending", "100", "--events", "20000"));
        assertTrue(stdout().matches("eventsPerSecond=\\d+ pending=100 events=20000 wallSeconds=[0-9.]+\\R"), stdout());
        assertEquals(2, run(new FakeModel(), "bench", "hold", "--pending", "0"));
    }

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : List.of("run", "compare", "validate", "machines", "merge", "bench")) {
            assertEquals(0, run(new FakeModel(), command, "--help"));
            assertTrue(stdout().contains("Example"), command + ":\n" + stdout());
        }
        assertEquals(0, run(new FakeModel(), "machines"));
        assertTrue(stdout().contains("r5.metal") && stdout().contains("2 x 24 x 2 = 96 vCPUs"), stdout());
    }

}

package io.mountsim.scenarios.scenario;

import static io.mountsim.scenarios.TestFiles.MINIMAL;
import static io.mountsim.scenarios.TestFiles.load;
import static io.mountsim.scenarios.TestFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.mitigation.CpuSet;
import io.mountsim.models.runtime.IdmapMode;
import io.mountsim.models.workload.LayerCount;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.diag.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private static String lines(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void everyErrorOfAFileIsReportedWithItsLineKeyPathAndExpectation() {
        String text = String.join("\n",
                "name: broken",                       // 1
                "machine:",                           // 2
                "  sockets: 0",                       // 3
                "  coresPerSocket: 8",                // 4
                "workload:",                          // 5
                "  containrs: 100",                   // 6
                "  layers: {uniform: [80, 20]}",      // 7
                "runtime:",                           // 8
                "  idmap: per-layr",                  // 9
                "run:",                               // 10
                "  replications: 0",                  // 11
                "  confidence: 1.5",                  // 12
                "");
        List<Problem> problems = problems(dir, text);
        String all = lines(problems);
        assertEquals(6, problems.size(), all);
        String file = dir.resolve("s.yaml").toString();
        assertTrue(all.contains(file + ":3: machine.sockets: expected an integer in [1, 64], got 0"), all);
        assertTrue(all.contains(file + ":6: workload.containrs: unknown key; did you mean workload.containers?"), all);
        assertTrue(all.contains(file + ":7: workload.layers.uniform: expected min <= max, got [80, 20]"), all);
        assertTrue(all.contains(file + ":9: runtime.idmap: expected one of per-layer, common-parent, fd-lowerdirs, none, got 'per-layr'; did you mean per-layer?"), all);
        assertTrue(all.contains(file + ":11: run.replications:"), all);
        assertTrue(all.contains(file + ":12: run.confidence: expected a number in (0, 1), got 1.5"), all);
        // reported in line order
        List<Integer> order = problems.stream().map(p -> p.location().line()).toList();
        assertEquals(order.stream().sorted().toList(), order);
    }

    @Test
    void aKeyWrittenAtTheWrongLevelPointsToWhereItBelongs() {
        List<Problem> p = problems(dir, MINIMAL + "maxConcurrentStarts: 4\n");
        assertEquals("unknown key here; did you mean workload.maxConcurrentStarts?", p.get(0).message());
        assertEquals(8, p.get(0).location().line());
    }

    @Test
    void unknownPresetListsTheValidOnes() {
        List<Problem> p = problems(dir, MINIMAL.replace("m7i.metal-24xl", "r5.metall"));
        assertTrue(p.get(0).message().contains("did you mean r5.metal?"), p.get(0).message());
        assertTrue(p.get(0).message().contains("valid presets: r5.metal, m7i.metal-24xl"), p.get(0).message());
    }

    @Test
    void malformedYamlNamesLineAndColumn() {
        List<Problem> p = problems(dir, "name: x\nmachine: [a, b\nworkload: {}\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).location().line() >= 2, p.toString());
        assertTrue(p.get(0).message().startsWith("malformed YAML at column"), p.get(0).message());
    }

    @Test
    void duplicateKeysAreErrors() {
        List<Problem> p = problems(dir, MINIMAL + "machine: r5.metal\n");
        assertEquals("duplicate key (first written at line 2)", p.get(0).message());
    }

    @Test
    void cpusetBeyondTheMachineAndMissingTraceAreErrors() {
        List<Problem> p = problems(dir, MINIMAL + "mitigations:\n  cpuset: \"0-200\"\n");
        assertTrue(p.get(0).message().contains("cpu 200"), p.toString());
        assertTrue(problems(dir, MINIMAL + "mitigations:\n  cpuset: socket:1\n").get(0).message().contains("socket:1 does not exist"));
        List<Problem> t = problems(dir, "machine: host\nworkload:\n  kind: trace\n  file: nowhere.strace\n");
        assertTrue(t.get(0).message().startsWith("trace file not found: " + dir.resolve("nowhere.strace")), t.toString());
        assertEquals("workload.file", t.get(0).keyPath());
    }

    @Test
    void keysOfAnotherWorkloadKindAreNamedAsSuch() {
        List<Problem> p = problems(dir, MINIMAL.replace("  layers: 5", "  layers: 5\n  threads: 4"));
        assertEquals("not a key of kind container-starts (it belongs to kind lockbench)", p.get(0).message());
    }

    @Test
    void defaultsAreFilledAndWrittenBackWithOnlyUserKeys() {
        Scenario s = load(dir, MINIMAL);
        Map<String, Object> r = s.resolved();
        assertEquals(List.of("name", "machine", "kernel", "runtime", "watchers", "workload", "mitigations", "run"), List.copyOf(r.keySet()));
        @SuppressWarnings("unchecked")
        Map<String, Object> workload = (Map<String, Object>) r.get("workload");
        assertEquals("container-starts", workload.get("kind"));
        assertEquals("unlimited", workload.get("maxConcurrentStarts"));
        assertEquals("burst", workload.get("arrival"));
        assertEquals(30L, workload.get("healthCheckTimeoutSeconds"), "whole numbers as integers, as a user writes them");
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) r.get("machine");
        assertEquals("m7i.metal-24xl", machine.get("preset"));
        assertEquals(48L, machine.get("coresPerSocket"));
        assertEquals(Map.of("seed", 42L, "replications", 2L, "confidence", 0.95), r.get("run"));
        // the written-back scenario is itself a valid scenario file
        Scenario again = load(dir, new org.yaml.snakeyaml.Yaml().dump(r));
        assertEquals(s.points().get(0).spec(), again.points().get(0).spec());
    }

    @Test
    void setOverridesBeforeValidationAndNamesItselfInErrors() {
        Scenario s = load(dir, MINIMAL, "workload.containers=200", "workload.layers={uniform: [20, 80]}", "machine.threadsPerCore=1");
        WorkloadSpec.ContainerStarts w = (WorkloadSpec.ContainerStarts) s.points().get(0).spec().workload();
        assertEquals(200, w.containers());
        assertEquals(new LayerCount.Uniform(20, 80), w.layers());
        assertEquals(1, s.points().get(0).spec().machine().threadsPerCore());
        assertEquals(48, s.points().get(0).spec().machine().coresPerSocket(), "the preset stays the base");

        List<Problem> p = problems(dir, MINIMAL, "workload.containers=abc", "workload.containres=5");
        String all = lines(p);
        assertTrue(all.contains("--set workload.containers=abc: workload.containers: expected an integer in [1, 10000000], got 'abc'"), all);
        assertTrue(all.contains("--set workload.containres=5: workload.containres: unknown key; did you mean workload.containers?"), all);
    }

    @Test
    void setCanAddASweepAndRemoveAnOptionalSection() {
        Scenario s = load(dir, MINIMAL + "watchers: {mountinfoReaders: 1, rateLimit: {burst: 5, perSeconds: 1}}\n",
                "sweep.workload.containers=[5, 50]", "watchers.rateLimit=null");
        assertEquals(List.of("workload.containers"), s.sweptKeys());
        assertEquals(List.of("5", "50"), s.points().stream().map(p -> p.parameters().get("workload.containers")).toList());
        assertTrue(s.points().get(0).spec().watchers().rateLimit().isEmpty());
        List<Problem> p = problems(dir, MINIMAL, "workload.layers.uniform=[1, 2]", "noequals");
        String all = lines(p);
        assertTrue(all.contains("--set noequals: expected KEY=VALUE"), all);
        assertTrue(all.contains("--set workload.layers.uniform=[1, 2]: workload.layers.uniform: cannot set it: workload.layers holds a single value"), all);
    }

    @Test
    void sweepIsTheCartesianProductWithTheFirstKeySlowest() {
        Scenario s = load(dir, MINIMAL + "sweep:\n  workload.maxConcurrentStarts: [1, 4, unlimited]\n  runtime.idmap: [per-layer, common-parent]\n");
        assertEquals(List.of("workload.maxConcurrentStarts", "runtime.idmap"), s.sweptKeys());
        List<String> labels = s.points().stream()
                .map(p -> p.parameters().get("workload.maxConcurrentStarts") + "/" + p.parameters().get("runtime.idmap")).toList();
        assertEquals(List.of("1/per-layer", "1/common-parent", "4/per-layer", "4/common-parent",
                "unlimited/per-layer", "unlimited/common-parent"), labels);
        for (int i = 0; i < s.points().size(); i++) {
            assertEquals(i, s.points().get(i).index());
        }
        assertEquals(IdmapMode.COMMON_PARENT, s.points().get(3).spec().runtime().idmap());
        assertEquals(4, ((WorkloadSpec.ContainerStarts) s.points().get(3).spec().workload()).maxConcurrentStarts().getAsInt());
        assertTrue(((WorkloadSpec.ContainerStarts) s.points().get(5).spec().workload()).maxConcurrentStarts().isEmpty());
    }

    @Test
    void sweepValuesAreCheckedWithTheirOwnLines() {
        List<Problem> p = problems(dir, MINIMAL + "sweep:\n  workload.containers: [1, -5, 3]\n  machine: [r5.metal, nope]\n");
        String all = lines(p);
        assertTrue(all.contains(":9: workload.containers: expected an integer in [1, 10000000], got -5"), all);
        assertTrue(all.contains(":10: machine: unknown machine preset 'nope'"), all);
        assertEquals(2, p.size(), all);
    }

    @Test
    void sweepingAPresetsFieldExtendsThePreset() {
        Scenario s = load(dir, MINIMAL + "sweep:\n  machine.threadsPerCore: [1, 2]\n");
        assertEquals(1, s.points().get(0).spec().machine().threadsPerCore());
        assertEquals(2, s.points().get(1).spec().machine().threadsPerCore());
        assertEquals(48, s.points().get(0).spec().machine().coresPerSocket());
    }

    @Test
    void inlineMachineFillsCostsFromTheDefaultsPreset() {
        Scenario s = load(dir, "machine:\n  sockets: 1\n  coresPerSocket: 2\n  interconnect: chiplet\nworkload: {containers: 4}\n");
        var m = s.points().get(0).spec().machine();
        assertEquals("inline", m.name());
        assertEquals(2, m.hardwareThreads());
        assertEquals(io.mountsim.models.topology.Interconnect.CHIPLET, m.interconnect());
        assertEquals(MachineBinder.defaults().pauseNs(), m.pauseNs());
        List<Problem> missing = problems(dir, "machine: {threadsPerCore: 2}\nworkload: {containers: 4}\n");
        assertEquals(2, missing.size(), lines(missing));
        assertEquals("machine.coresPerSocket", missing.get(1).keyPath());
        assertEquals("machine.sockets", missing.get(0).keyPath());
    }

    @Test
    void seedAndReplicationsFromTheCommandLineWin() {
        Path f = TestFiles.write(dir, "s.yaml", MINIMAL);
        Scenario s = ScenarioLoader.load(f, new Overrides(List.of(), java.util.OptionalLong.of(9), java.util.OptionalInt.of(7)));
        assertEquals(new RunSettings(9, 7, 0.95), s.run());
    }

    @Test
    void measuredCsvIsAttachedToMatchingPoints() {
        TestFiles.write(dir, "m.csv", "# source: a test\nruntime.idmap,startsPerSecond,startLatencyMsMean\ncommon-parent,2420.7,0.388\nper-layer,281.6,\n");
        Scenario s = load(dir, MINIMAL + "measured: m.csv\nsweep:\n  runtime.idmap: [per-layer, common-parent]\n");
        assertEquals(Map.of("startsPerSecond", 281.6), s.measured().get(0));
        assertEquals(Map.of("startsPerSecond", 2420.7, "startLatencyMsMean", 0.388), s.measured().get(1));

        TestFiles.write(dir, "bad.csv", "runtime.idmap,startsPerSecnd\nnone,1\n");
        List<Problem> p = problems(dir, MINIMAL + "measured: bad.csv\nsweep:\n  runtime.idmap: [per-layer]\n");
        assertTrue(p.get(0).message().contains("did you mean startsPerSecond?"), lines(p));
    }

    @Test
    void lockbenchAndTraceWorkloadsBind() {
        Scenario lb = load(dir, "machine: m7a.24xlarge\nworkload:\n  kind: lockbench\n  threads: 8\n");
        WorkloadSpec.LockBench w = assertInstanceOf(WorkloadSpec.LockBench.class, lb.points().get(0).spec().workload());
        assertEquals(8, w.threads());
        assertEquals(100_000, w.iterationsPerThread());
        Scenario pinned = load(dir, MINIMAL.replace("m7i.metal-24xl", "r5.metal") + "mitigations: {smt: off, cpuset: socket:0}\n");
        assertEquals(new CpuSet.Socket(0), pinned.points().get(0).spec().mitigations().cpuset());
        assertFalse(pinned.points().get(0).spec().mitigations().smt());
    }
}

package io.mountsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.kernel.SyscallKind;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped scenario file validates, documents itself, and says what it models. */
class ShippedScenariosTest {

    static List<Path> shipped() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.walk(TestFiles.EXAMPLES), Files.walk(TestFiles.NETFLIX))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyShippedFileValidatesAndStartsWithAComment() throws IOException {
        List<Path> files = shipped();
        assertTrue(files.size() >= 15, files.toString());
        for (Path f : files) {
            Scenario s = ScenarioLoader.load(f, Overrides.none());
            assertFalse(s.points().isEmpty(), f.toString());
            assertTrue(Files.readString(f).startsWith("# "), f + " must say what it is in its first comment lines");
        }
    }

    /** The busy-node examples follow the study: every number in them says where it comes from. */
    @Test
    void everyNumberOfTheBusyNodeExamplesHasItsSourceBesideIt() throws IOException {
        List<Path> busy = shipped().stream().filter(f -> f.getFileName().toString().startsWith("busy-node")).toList();
        assertTrue(busy.size() >= 2, busy.toString());
        for (Path f : busy) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.startsWith("#") || line.startsWith("name:") || !line.matches(".*\\d.*")) {
                    continue;
                }
                assertTrue(line.contains("#"), f + ":" + (i + 1) + " has a number without a comment giving its source or [est]");
            }
        }
    }

    @Test
    void theNetflixDirectoryHasOneFilePerFinding() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(TestFiles.NETFLIX)) {
            names = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(List.of("common-parent-fix.yaml", "concurrency-cap-optimum.yaml", "hundred-plus-ordering.yaml",
                "lock-microbench.yaml", "m7i-noht-vs-m7a.yaml", "op-count.yaml", "smt-off-m7i.yaml",
                "twenty-or-fewer-alike.yaml", "two-sockets-worse.yaml"), names);
    }

    @Test
    void calibrationScenarioCarriesEveryMeasuredPoint() {
        Scenario s = ScenarioLoader.load(TestFiles.EXAMPLES.resolve("calibration-epyc-2core.yaml"), Overrides.none());
        assertEquals(14, s.points().size());
        assertEquals(14, s.measured().size(), "threads 1..64 x two modes from measurements.txt");
        // threads=1 layers=50 mode=layer: starts_per_s=281.6 lat_mean_ms=3.526
        assertEquals(281.6, s.measured().get(0).get("startsPerSecond"));
        assertEquals(3.526, s.measured().get(0).get("startLatencyMsMean"));
        assertEquals(2, s.points().get(0).spec().machine().hardwareThreads());
    }

    @Test
    void traceReplayExampleReplaysTheShippedTrace() {
        Scenario s = ScenarioLoader.load(TestFiles.EXAMPLES.resolve("trace-replay.yaml"), Overrides.none());
        WorkloadSpec.Trace t = (WorkloadSpec.Trace) s.points().get(0).spec().workload();
        assertEquals(4, t.threads().size());
        assertTrue(t.threads().stream().flatMap(th -> th.calls().stream())
                .filter(c -> c.kind() == SyscallKind.OVERLAY_MOUNT).allMatch(c -> c.layers() == 20));
    }
}

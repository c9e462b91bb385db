package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.RunDescription;
import io.mountsim.core.results.Setting;
import io.mountsim.core.results.SweepAxis;
import io.mountsim.reports.ReportWriter;
import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.run.RunDescriptions;
import io.mountsim.scenarios.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's typed description is built once from the validated scenario: results.csv's
 * swept columns carry the value each point simulated (not its YAML spelling), and a
 * shard's description still knows the whole run.
 */
class TypedFactsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Three spellings of whole numbers, three of decimals, two words. */
    private static final String SPELLED = TestFiles.MINIMAL + String.join("\n",
            "sweep:",
            "  workload.containers: [010, \"20\", +30]",
            "  workload.healthCheckTimeoutSeconds: [3e1, 30.50]",
            "  mitigations.cpuset: [all, \"socket:0\"]",
            "");

    private int run(String... args) {
        err.reset();
        return MountsimCommandAccess.execute(new FakeModel(), new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    @Test
    void resultsCsvCarriesTheValidatedValueNotItsSpelling() throws Exception {
        Path f = TestFiles.write(dir, "s.yaml", SPELLED);
        Path out = dir.resolve("o");
        assertEquals(0, run("run", f.toString(), "-o", out.toString(), "--quiet"), err.toString());
        List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        assertTrue(csv.get(0).startsWith("workload.containers,workload.healthCheckTimeoutSeconds,mitigations.cpuset,"),
                csv.get(0));
        // first key slowest: 010 x 3e1 x {all, socket:0}, then 010 x 30.50, ...
        List<String> keys = csv.subList(1, csv.size()).stream()
                .map(line -> String.join(",", List.of(line.split(",", 4)).subList(0, 3))).toList();
        assertEquals(List.of("10,30,all", "10,30,socket:0", "10,30.5,all", "10,30.5,socket:0",
                "20,30,all", "20,30,socket:0", "20,30.5,all", "20,30.5,socket:0",
                "30,30,all", "30,30,socket:0", "30,30.5,all", "30,30.5,socket:0"), keys);

        ExperimentResult back = ReportWriter.read(out);
        assertEquals(List.of(new SweepAxis("workload.containers", List.of("10", "20", "30")),
                new SweepAxis("workload.healthCheckTimeoutSeconds", List.of("30", "30.5")),
                new SweepAxis("mitigations.cpuset", List.of("all", "socket:0"))), back.run().sweep());
        assertEquals("10", back.points().get(0).parameters().get("workload.containers"), "summary.json's parameters too");
    }

    @Test
    void canonicalTextIsTheShortestPlainDecimalOfTheSameValue() {
        assertEquals("100", RunDescriptions.canonical(100.0));
        assertEquals("100", RunDescriptions.canonical(1e2));
        assertEquals("0.0000001", RunDescriptions.canonical(1e-7), "no exponent");
        assertEquals("3.1164000000000005", RunDescriptions.canonical(3.1164000000000005), "the value, not a rounding of it");
        assertEquals("0", RunDescriptions.canonical(-0.0));
        assertEquals("12345678901234567", RunDescriptions.canonical(12_345_678_901_234_567L));
        assertEquals("true", RunDescriptions.canonical(Boolean.TRUE));
    }

    @Test
    void aShardDescribesTheWholeRun() throws Exception {
        Path f = TestFiles.write(dir, "s.yaml", SPELLED);
        Path shard = dir.resolve("shard");
        assertEquals(0, run("run", f.toString(), "--shard", "1/5", "-o", shard.toString(), "--quiet"), err.toString());
        ExperimentResult r = ReportWriter.read(shard);
        assertEquals(3, r.points().size(), "points 1, 6 and 11 of 12");
        assertEquals(12, r.run().points(), "the sweep's size, which merge checks the shards against");
        assertEquals(12, ReportsSink.expectedPoints(r));
    }

    @Test
    void settingsAreTextWithoutBinaryNoiseAndTheMachineIsNamed() {
        Scenario s = TestFiles.load(dir, TestFiles.MINIMAL);
        RunDescription d = RunDescriptions.of(s);
        assertEquals("m7i.metal-24xl", d.baseline().machineLabel());
        assertTrue(d.baseline().machineShape().matches("1 socket × \\d+ cores × 2 threads, \\w+"), d.baseline().machineShape());
        assertEquals(List.of("m7i.metal-24xl"), d.commonMachine().stream().toList());
        assertEquals(1, d.points());
        // every double of the resolved tree (fitted syscall costs such as 3.1164000000000005 µs)
        // is shown as the shortest text that rounds to it at the report's precision
        Pattern noise = Pattern.compile("\\d\\.\\d*(0000000|9999999)\\d");
        for (Setting x : d.baseline().settings()) {
            assertFalse(noise.matcher(x.value()).find(), x.toString());
        }
        assertEquals("10", d.baseline().setting("workload.containers").orElseThrow());
    }

    @Test
    void aSweptMachineIsNoCommonMachine() {
        Scenario s = TestFiles.load(dir, TestFiles.MINIMAL + "sweep:\n  machine: [r5.metal, m7a.24xlarge]\n");
        RunDescription d = RunDescriptions.of(s);
        assertEquals(List.of(), d.commonMachine().stream().toList());
        assertEquals(List.of(new SweepAxis("machine", List.of("r5.metal", "m7a.24xlarge"))), d.sweep());
    }
}

package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.ReportWriter;
import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with --set is labelled as what ran, not as the file says; compare takes --set too. */
class LabelsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        err.reset();
        CliContext context = new CliContext(new FakeModel(), new ReportsSink(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 2);
        return MountsimCommand.execute(context, args);
    }

    @Test
    void setOverridesNameTheRunInTitleSubtitlesSummaryAndTheDefaultDirectory() throws Exception {
        Path f = TestFiles.write(dir, "s.yaml", TestFiles.MINIMAL);
        Overrides sets = new Overrides(List.of("workload.containers = 20"), OptionalLong.empty(), OptionalInt.empty());
        Scenario s = ScenarioLoader.load(f, sets);
        assertEquals("minimal [workload.containers=20]", s.title());
        assertEquals("minimal-workload.containers-20", s.slug(), "the default out/<slug>/ differs from the file's");
        assertFalse(s.slug().equals(ScenarioLoader.load(f, Overrides.none()).slug()));

        Path out = dir.resolve("o");
        assertEquals(0, run("run", f.toString(), "--set", "workload.containers=20", "-o", out.toString(), "--quiet"), err.toString());
        ExperimentResult r = ReportWriter.read(out);
        assertEquals("minimal [workload.containers=20]", r.name());
        assertEquals(List.of("workload.containers=20"), r.overrides());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<h1>minimal [workload.containers=20]</h1>"), html);
        assertTrue(html.contains("<dt>Command-line overrides</dt><dd>--set workload.containers=20"), html);
        String svg = Files.readString(out.resolve("charts/latency-cdf.svg"));
        assertTrue(svg.contains("minimal [workload.containers=20]"), "chart subtitles name the override");
    }

    @Test
    void compareAcceptsSetAndAppliesItToEveryScenario() throws Exception {
        Path a = TestFiles.write(dir, "a.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: a"));
        Path b = TestFiles.write(dir, "b.yaml", TestFiles.MINIMAL.replace("name: minimal", "name: b"));
        Path out = dir.resolve("cmp");
        assertEquals(0, run("compare", a.toString(), b.toString(), "--set", "workload.containers=30",
                "-o", out.toString(), "--quiet"), err.toString());
        ExperimentResult r = ReportWriter.read(out);
        assertEquals("a vs b [workload.containers=30]", r.name());
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> compared = (List<java.util.Map<String, Object>>) r.resolvedScenario().get("compare");
        for (java.util.Map<String, Object> c : compared) {
            assertEquals(30L, ((java.util.Map<?, ?>) c.get("workload")).get("containers"));
        }
    }

    @Test
    void aCapSweepPrintsItsRecommendedCapOnStdout() {
        Path f = TestFiles.write(dir, "cap.yaml", TestFiles.MINIMAL + "sweep:\n  workload.maxConcurrentStarts: [1, 4, unlimited]\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // a makespan that is shortest at cap 4: 1 -> 9 s, 4 -> 3 s, unlimited -> 5 s
        io.mountsim.scenarios.run.ReplicationModel model = (spec, seed, replication, withTimeline) -> {
                int cap = ((io.mountsim.models.workload.WorkloadSpec.ContainerStarts) spec.workload()).maxConcurrentStarts()
                        .orElse(0);
                double makespan = cap == 1 ? 9 : cap == 4 ? 3 : 5;
                return io.mountsim.core.results.ReplicationOutcome.builder()
                        .metric(io.mountsim.core.results.MetricNames.MAKESPAN_SECONDS, makespan + replication * 0.01)
                        .metric(io.mountsim.core.results.MetricNames.START_LATENCY_MS_P99, 100.0)
                        .metric(io.mountsim.core.results.MetricNames.FAILED_STARTS, 0.0)
                        .events(1).startLatenciesMs(new double[]{1, 2}).fingerprint(1).build();
        };
        CliContext context = new CliContext(model, new ReportsSink(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), 2);
        assertEquals(0, MountsimCommand.execute(context, "run", f.toString(), "-o", dir.resolve("cap").toString(), "--quiet"),
                err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Recommended concurrency cap: 4 (makespan 3 s"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generateCompletionPrintsABashScriptForEveryCommand() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CliContext context = new CliContext(new FakeModel(), new ReportsSink(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 2);
        assertEquals(0, MountsimCommand.execute(context, "generate-completion"), err.toString());
        String script = out.toString(StandardCharsets.UTF_8);
        assertTrue(script.contains("complete -F _complete_mountsim"), script.substring(0, Math.min(500, script.length())));
        for (String command : List.of("run", "compare", "validate", "machines", "merge")) {
            assertTrue(script.contains(command), command);
        }
        assertTrue(script.contains("--set"), "options complete too");
    }

    @Test
    void aConfidenceLevelOtherThan95NamesItsColumnsAndKeysForItself() throws Exception {
        Path f = TestFiles.write(dir, "c.yaml", TestFiles.MINIMAL);
        Path out = dir.resolve("c");
        assertEquals(0, run("run", f.toString(), "--set", "run.confidence=0.8", "-o", out.toString(), "--quiet"), err.toString());
        String header = Files.readAllLines(out.resolve("results.csv")).get(0);
        assertTrue(header.contains("startsPerSecond,startsPerSecond_ci80,"), header);
        assertFalse(header.contains("_ci95"), header);
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"ci80\": "), summary.substring(0, 400));
        assertFalse(summary.contains("\"ci95\""));
        assertEquals(0.8, ReportWriter.read(out).confidence(), "reads back");
    }
}

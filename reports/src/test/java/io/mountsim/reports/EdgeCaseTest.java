package io.mountsim.reports;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.reports.charts.ChartFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Degenerate results a real run can produce must still give a complete, readable output directory. */
class EdgeCaseTest {

    @TempDir
    Path tmp;

    private static final MetricSummary NAN = new MetricSummary(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);

    @Test
    void noPointsAtAll() throws Exception {
        ExperimentResult r = Fixtures.result("empty", "", 1, 1, 0.95, List.of("workload.containers"), List.of(),
                Map.of(), Double.NaN, false);
        List<ChartFile> charts = ReportWriter.writeAll(r, tmp);
        assertTrue(charts.isEmpty());
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("No points were simulated."));
        assertEquals(1, Files.readAllLines(tmp.resolve("results.csv")).size(), "header only");
    }

    @Test
    void nanMetricsMissingMetricsAndZeroLatencies() throws Exception {
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, MetricSummary> metrics = new LinkedHashMap<>();
            metrics.put(MetricNames.STARTS_PER_SECOND, i == 1 ? NAN : new MetricSummary(i, Double.NaN, i, i, 1));
            if (i != 2) {
                metrics.put(MetricNames.START_LATENCY_MS_P99, new MetricSummary(0, 0, 0, 0, 1));
                metrics.put(MetricNames.START_LATENCY_MS_P95, NAN);
            }
            points.add(new PointResult(i, Map.of("workload.containers", Integer.toString(10 * (i + 1))), metrics,
                    i == 0 ? new double[]{0, 0, 0} : new double[0], CpuBreakdown.NONE, Timeline.empty(),
                    i == 0 ? Map.of(MetricNames.STARTS_PER_SECOND, Double.NaN) : Map.of()));
        }
        ExperimentResult r = Fixtures.result("degenerate", "", 1, 1, 0.95, List.of("workload.containers"), points,
                Map.of(), 30, false);
        List<ChartFile> charts = ReportWriter.writeAll(r, tmp);
        for (ChartFile c : charts.stream().filter(ChartFile::drawn).toList()) {
            ReportWriterTest.assertValidPng(tmp.resolve(c.pngPath()));
            ReportWriterTest.assertWellFormedSvg(tmp.resolve(c.svgPath()));
        }
    }

    @Test
    void comparisonWhereOneScenarioLacksAPercentile() throws Exception {
        ExperimentResult cmp = Fixtures.comparison();
        List<PointResult> points = new ArrayList<>(cmp.points());
        PointResult second = points.get(1);
        Map<String, MetricSummary> metrics = new LinkedHashMap<>(second.metrics());
        metrics.remove(MetricNames.START_LATENCY_MS_P99);
        points.set(1, new PointResult(1, second.parameters(), metrics, second.startLatenciesMs(), second.cpu(),
                second.timeline(), second.measured()));
        ExperimentResult r = Fixtures.result(cmp.name(), cmp.description(), cmp.seed(), cmp.replications(),
                cmp.confidence(), cmp.sweptKeys(), points, cmp.resolvedScenario(), cmp.healthCheckTimeoutSeconds(), true);
        List<ChartFile> charts = ReportWriter.writeAll(r, tmp);
        assertTrue(charts.stream().anyMatch(c -> c.baseName().equals("comparison-latency")));
        for (ChartFile c : charts.stream().filter(ChartFile::drawn).toList()) {
            ReportWriterTest.assertValidPng(tmp.resolve(c.pngPath()));
        }
        String html = Files.readString(tmp.resolve("report.html"));
        // ranked by makespan, which it has; its missing p99 reads n/a rather than breaking the sentence
        assertTrue(html.contains("Best alternative: common-parent: makespan 2.89 s ± 90 ms, p99 start n/a"), html);
    }

    @Test
    void aBaselineWithoutAP99StillGetsAHeadline() throws Exception {
        ExperimentResult cmp = Fixtures.comparison();
        List<PointResult> points = new ArrayList<>(cmp.points());
        PointResult first = points.get(0);
        Map<String, MetricSummary> metrics = new LinkedHashMap<>(first.metrics());
        metrics.remove(MetricNames.START_LATENCY_MS_P99);
        points.set(0, new PointResult(0, first.parameters(), metrics, first.startLatenciesMs(), first.cpu(),
                first.timeline(), first.measured()));
        ExperimentResult r = Fixtures.result(cmp.name(), cmp.description(), cmp.seed(), cmp.replications(),
                cmp.confidence(), cmp.sweptKeys(), points, cmp.resolvedScenario(), cmp.healthCheckTimeoutSeconds(), true);
        ReportWriter.writeAll(r, tmp);
        String html = Files.readString(tmp.resolve("report.html"));
        assertTrue(html.contains("per-layer: makespan 21.6 min ± 38.4 s, p99 start n/a on r5.metal"), html);
        assertTrue(html.contains("Best alternative: common-parent: makespan 2.89 s ± 90 ms, p99 start 800 ms (-100%), none miss."),
                html);
    }

    @Test
    void measuredValuesOnAComparisonAreDrawnOnANamedAxis() throws Exception {
        ExperimentResult cmp = Fixtures.comparison();
        List<PointResult> points = new ArrayList<>();
        for (PointResult p : cmp.points()) {
            points.add(new PointResult(p.index(), p.parameters(), p.metrics(), p.startLatenciesMs(), p.cpu(),
                    p.timeline(), Map.of(MetricNames.STARTS_PER_SECOND, 10.0 + p.index())));
        }
        ExperimentResult r = Fixtures.result(cmp.name(), cmp.description(), cmp.seed(), cmp.replications(),
                cmp.confidence(), cmp.sweptKeys(), points, cmp.resolvedScenario(), cmp.healthCheckTimeoutSeconds(), true);
        List<ChartFile> charts = ReportWriter.writeAll(r, tmp);
        ChartFile measured = charts.stream().filter(c -> c.baseName().equals("measured-startsPerSecond")).findFirst()
                .orElseThrow();
        ReportWriterTest.assertValidPng(tmp.resolve(measured.pngPath()));
        String svg = Files.readString(tmp.resolve(measured.svgPath()));
        assertTrue(svg.contains("common-parent"), "the scenario names label the x axis");
        assertTrue(Files.readString(tmp.resolve("report.html")).contains("id=\"measured-table\""));
    }

    @Test
    void aHugeTimelineIsCutAndStillDrawn() throws Exception {
        List<TimelineSpan> spans = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            spans.add(new TimelineSpan(i % 3 == 0 ? "mount_lock" : "namespace_sem", i % 96, i, i * 1000L,
                    i * 1000L + 800, i % 2 == 0 ? TimelineSpan.Kind.HOLD : TimelineSpan.Kind.WAIT));
        }
        PointResult p = new PointResult(0, Map.of(), Map.of(), new double[0], CpuBreakdown.NONE,
                new Timeline(0, 20_000_000, 96, spans), Map.of());
        ExperimentResult r = Fixtures.result("big", "", 1, 1, 0.95, List.of(), List.of(p), Map.of(), Double.NaN, false);
        List<ChartFile> charts = ReportWriter.writeAll(r, tmp);
        assertEquals(List.of("timeline-overview-point0", "timeline-point0"), charts.stream().map(ChartFile::baseName).toList(),
                "the cut timeline comes with the strip of the whole run");
        ReportWriterTest.assertValidPng(tmp.resolve(charts.get(1).pngPath()));
        assertTrue(Files.size(tmp.resolve(charts.get(1).svgPath())) < 5_000_000, "SVG stays a reasonable size");
    }

    /** On a modelled node the headline says where the CPU time went and what the starts waited for PID 1. */
    @Test
    void aBusyNodeHeadlineSaysWhereTheTimeWentAndWhatPid1Cost() throws Exception {
        ExperimentResult single = Fixtures.single();
        PointResult p = single.points().get(0);
        Map<String, MetricSummary> metrics = new LinkedHashMap<>(p.metrics());
        metrics.put("mountTableLinesInitial", new MetricSummary(821, 0, 821, 821, 3));
        metrics.put("nodeLoadCpuFraction", new MetricSummary(0.25, 0.01, 0.24, 0.26, 3));
        metrics.put("pid1WaitMsMean", new MetricSummary(275, 10, 260, 290, 3));
        metrics.put("pid1BusyFraction", new MetricSummary(0.37, 0.01, 0.36, 0.38, 3));
        metrics.put("pid1Reparses", new MetricSummary(9, 1, 8, 10, 3));
        metrics.put("pid1ReparseLinesMean", new MetricSummary(1284, 10, 1270, 1300, 3));
        metrics.put("dbusTimeouts", new MetricSummary(4, 1, 3, 5, 3));
        ExperimentResult r = Fixtures.result(single.name(), single.description(), single.seed(), single.replications(),
                single.confidence(), single.sweptKeys(), List.of(new PointResult(0, p.parameters(), metrics,
                p.startLatenciesMs(), p.cpu(), p.timeline(), p.measured())), single.resolvedScenario(),
                single.healthCheckTimeoutSeconds(), false);
        ReportWriter.writeAll(r, tmp);
        String html = Files.readString(tmp.resolve("report.html"));
        // the fixture's breakdown: 30% work, 20% spinning, 40% idle
        assertTrue(html.contains("CPU time: 30% work (the running containers&#39; own load 25%), 20% spinning, 40% idle;"
                + " starts waited 275 ms for PID 1 on average (PID 1 busy 37% of the time, 9 re-parses of 1284 lines);"
                + " 4 replies per run came after runc&#39;s timeout."), html);
    }
}

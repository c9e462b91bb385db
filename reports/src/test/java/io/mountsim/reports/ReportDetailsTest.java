package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.charts.ChartFile;
import io.mountsim.reports.html.HtmlReport;
import io.mountsim.reports.text.MetricLabels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output details the issue names: no empty charts, numbers at their precision, labels for every metric. */
class ReportDetailsTest {

    @TempDir
    Path tmp;

    @Test
    void aChartWhoseValuesAreAllZeroIsASentenceInstead() throws Exception {
        // the comparison's alternatives have no failed starts; make the baseline have none either
        ExperimentResult cmp = Fixtures.comparison();
        List<PointResult> points = new ArrayList<>();
        for (PointResult p : cmp.points()) {
            Map<String, MetricSummary> m = new LinkedHashMap<>(p.metrics());
            m.put(MetricNames.FAILED_STARTS, new MetricSummary(0, 0, 0, 0, 5));
            points.add(new PointResult(p.index(), p.parameters(), m, p.startLatenciesMs(), p.cpu(), p.timeline(), p.measured()));
        }
        ExperimentResult r = Fixtures.result(cmp.name(), cmp.description(), cmp.seed(), cmp.replications(),
                cmp.confidence(), cmp.sweptKeys(), points, cmp.resolvedScenario(), cmp.healthCheckTimeoutSeconds(), true);
        List<ChartFile> charts = ReportWriter.writeAll(r, tmp);
        ChartFile failed = charts.stream().filter(c -> c.baseName().equals("comparison-failedStarts")).findFirst().orElseThrow();
        assertFalse(failed.drawn());
        assertFalse(Files.exists(tmp.resolve(failed.pngPath())));
        String html = Files.readString(tmp.resolve("report.html"));
        assertTrue(html.contains("No start missed the health check at any point, so there is no failed-starts chart."), html);
    }

    @Test
    void largeTimesShowInALargerUnit() {
        // (settings reach the report as text already free of binary noise: RunDescriptionsTest in scenarios)
        ExperimentResult s = Fixtures.single();
        Map<String, Object> scenario = s.resolvedScenario();
        PointResult p = s.points().get(0);
        Map<String, MetricSummary> m = new LinkedHashMap<>(p.metrics());
        m.put("syscallUsMean.overlayMount", new MetricSummary(111323, 2000, 100000, 120000, 3));
        m.put("mountinfoReads", new MetricSummary(412, 3, 400, 420, 3));
        PointResult q = new PointResult(0, p.parameters(), m, p.startLatenciesMs(), p.cpu(), p.timeline(), p.measured());
        ExperimentResult r = Fixtures.result(s.name(), s.description(), s.seed(), s.replications(), s.confidence(),
                s.sweptKeys(), List.of(q), scenario, s.healthCheckTimeoutSeconds(), false);
        String html = HtmlReport.write(r, List.of());
        assertTrue(html.contains("mean overlayMount latency<span class=\"range\">syscallUsMean.overlayMount</span></td>"
                + "<td class=\"name\">ms</td><td>111 ± 2<span class=\"range\">100 – 120</span>"), html);
        assertTrue(html.contains("full mountinfo re-reads by the watchers<span class=\"range\">mountinfoReads"), html);
    }

    @Test
    void anUnknownMetricGetsItsNameInWordsAndAUnitFromItsName() {
        assertEquals(new MetricLabels.Label("child mount walk mean", "µs"), MetricLabels.of("childMountWalkUsMean"));
        assertEquals(new MetricLabels.Label("layer store children", ""), MetricLabels.of("layerStoreChildren"));
        assertEquals(new MetricLabels.Label("numa hops", "/s"), MetricLabels.of("numaHopsPerSecond"));
    }

    @Test
    void theCdfCaptionPromisesTheHealthCheckLineOnlyWhenTheChartDrawsIt() throws Exception {
        // the sweep's starts stay below about 10 s: a 30 s line would be off the axis
        List<ChartFile> fast = ReportWriter.writeAll(Fixtures.capSweep(0.01), tmp.resolve("fast"));
        ChartFile cdf = fast.stream().filter(c -> c.baseName().equals("latency-cdf")).findFirst().orElseThrow();
        assertFalse(cdf.caption().contains("dashed line"), cdf.caption());
        assertTrue(cdf.caption().contains("off the axis"), cdf.caption());
        // the comparison's baseline has starts beyond 30 s: the line is drawn and the axis reaches it
        Path slowDir = tmp.resolve("slow");
        List<ChartFile> slow = ReportWriter.writeAll(Fixtures.comparison(), slowDir);
        ChartFile cdf2 = slow.stream().filter(c -> c.baseName().equals("latency-cdf")).findFirst().orElseThrow();
        assertTrue(cdf2.caption().contains("The dashed line is the 30 s health check"), cdf2.caption());
        String svg = Files.readString(slowDir.resolve(cdf2.svgPath()));
        assertTrue(svg.contains("health check 30 s"), "the marker's label is in the drawing");
    }
}

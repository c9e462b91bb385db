package io.mountsim.reports;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import io.mountsim.reports.html.HtmlReport;
import io.mountsim.reports.text.Numbers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlReportTest {

    @Test
    void aComparisonSaysWhatDiffersThenDescribesTheBaseline() {
        String html = HtmlReport.write(Fixtures.comparison(), List.of());
        assertTrue(html.contains("<dt>What differs</dt><dd>runtime.idmap: per-layer → common-parent → fd-lowerdirs</dd>"),
                html);
        assertTrue(html.contains("<dt>Baseline</dt><dd>per-layer</dd>"));
        assertTrue(html.contains("<dt>Compared</dt><dd>3 scenarios: per-layer; common-parent; fd-lowerdirs</dd>"));
        assertTrue(html.contains("on r5.metal"), "the compared scenarios' machine names the headline");
    }

    @Test
    void aSweptKeyIsNotDescribedByItsUnusedBaseValue() {
        String html = HtmlReport.write(Fixtures.sweep(), List.of());
        // the fixture's base runtime.idmap is per-layer, but the sweep ran both
        assertTrue(html.contains("idmapped mounts: (swept, see below)"), html);
        assertTrue(html.contains("<dt>Swept</dt><dd>workload.maxConcurrentStarts over 1, 4, 16, 64; "
                + "runtime.idmap over per-layer, common-parent (8 points)</dd>"));
        assertTrue(html.contains("uncontended syscall costs (µs): openTree 4.3, overlayMount.base 38"));
    }

    @Test
    void aNumericSweepSplitByIdmapComparesTheModesAtTheHighestConcurrency() {
        // the fixture with its axis renamed: a containers sweep is not a cap sweep
        ExperimentResult r = Fixtures.renamed(Fixtures.sweep(), "workload.maxConcurrentStarts", "workload.containers");
        // points 6 and 7: concurrency 64, per-layer then common-parent
        double perLayer = r.points().get(6).metric(MetricNames.START_LATENCY_MS_P99).mean();
        double commonParent = r.points().get(7).metric(MetricNames.START_LATENCY_MS_P99).mean();
        String html = HtmlReport.write(r, List.of());
        String expected = "At workload.containers=64, runtime.idmap=common-parent: p99 start "
                + Numbers.durationMs(commonParent) + " ("
                + Numbers.change(commonParent, perLayer) + " vs runtime.idmap=per-layer)";
        assertTrue(html.contains(expected), html.substring(html.indexOf("headline"), html.indexOf("</section>")));
    }

    @Test
    void aSweptMachineIsNotNamedInTheHeadline() {
        ExperimentResult s = Fixtures.sweep();
        ExperimentResult r = Fixtures.result(s.name(), s.description(), s.seed(), s.replications(), s.confidence(),
                List.of("machine"), s.points().stream().limit(1).toList(), s.resolvedScenario(),
                s.healthCheckTimeoutSeconds(), false);
        String html = HtmlReport.write(r, List.of());
        String headline = html.substring(html.indexOf("id=\"headline\""), html.indexOf("class=\"caveat\""));
        assertFalse(headline.contains("r5.metal"), headline);
    }

    @Test
    void aLockBenchmarkHeadlineGivesTheRangeOfTimePerCriticalSection() {
        List<PointResult> points = new ArrayList<>();
        double[] nsPerSection = {5, 4372, 130};
        for (int i = 0; i < nsPerSection.length; i++) {
            // cpuUtilization comes first in contract order; the headline must still pick ns per critical section
            Map<String, MetricSummary> metrics = Map.of(
                    MetricNames.CPU_UTILIZATION, new MetricSummary(0.5, 0, 0.5, 0.5, 3),
                    MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION,
                    new MetricSummary(nsPerSection[i], 1, nsPerSection[i], nsPerSection[i], 3));
            points.add(new PointResult(i, Map.of("workload.threads", Integer.toString(1 << (2 * i))), metrics,
                    new double[0], CpuBreakdown.NONE, Timeline.empty(), Map.of()));
        }
        ExperimentResult r = Fixtures.result("lockbench", "", 1, 3, 0.95, List.of("workload.threads"), points,
                Map.of("machine", "r5.metal"), Double.NaN, false);
        String html = HtmlReport.write(r, List.of());
        assertTrue(html.contains("<p>Time per critical section from 5 ns (1) to 4372 ns (4) on r5.metal.</p>"), html);
    }

    @Test
    void everyMetricRowShowsMeanHalfWidthAndRange() {
        String html = HtmlReport.write(Fixtures.single(), List.of());
        // events in the fixture: mean 123456789, half-width 1234.5, range 123000000-124000000
        assertTrue(html.contains("123456789 ± 1235<span class=\"range\">123000000 – 124000000</span>"), html);
        assertFalse(html.contains("NaN"));
    }
}

package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.MetricOrder;
import io.mountsim.reports.data.ReportData;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Numbers;
import io.mountsim.core.experiment.Replications;
import org.jfree.chart.JFreeChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which charts a result deserves and writes them: contention curves for numeric
 * sweeps, what-if bars for comparisons and sweeps over names, the latency distribution,
 * the CPU breakdown, lock timelines of a few points, and simulated-vs-measured wherever
 * real-kernel values were supplied.
 */
public final class ChartSet {

    /** The metrics a contention curve is drawn for (when the sweep produced them). */
    public static final List<String> CONTENTION_METRICS = List.of(
            MetricNames.START_LATENCY_MS_P95, MetricNames.STARTS_PER_SECOND, MetricNames.MAKESPAN_SECONDS,
            MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION);

    static final List<String> LATENCY_PERCENTILES = List.of(
            MetricNames.START_LATENCY_MS_P50, MetricNames.START_LATENCY_MS_P95, MetricNames.START_LATENCY_MS_P99);

    /** Timelines drawn for every point up to this many points; beyond it, the first and the worst. */
    static final int ALL_TIMELINES_UP_TO = 4;

    static {
        // charts render off-screen; without this a server with no display fails in AWT
        System.setProperty("java.awt.headless", "true");
    }

    private ChartSet() {
    }

    /**
     * Writes every applicable chart of {@code result} into {@code chartsDir}, drawn from its
     * {@link ReportData#reduce reduced} form (sorted latency sample, limited timelines), on
     * every core (see {@link #plan}).
     *
     * @return the charts written, in the order the report shows them
     */
    public static List<ChartFile> write(ExperimentResult result, Path chartsDir) throws IOException {
        return Drawing.drawAll(plan(result, chartsDir), Replications.defaultParallelism());
    }

    /**
     * The charts {@code result} deserves, in the order the report shows them, each not yet
     * built nor drawn. Drawing a chart (rasterising, PNG encoding, SVG) takes most of a
     * small run's report time and each chart writes only its own two files, so the caller
     * may draw them on several threads ({@link Drawing#drawAll}); the files are the same
     * whatever the order.
     */
    public static List<Drawing> plan(ExperimentResult result, Path chartsDir) {
        ExperimentResult r = ReportData.reduce(result); // idempotent; the CDF relies on the sorted sample
        ChartContext ctx = ChartContext.of(r);
        SweepLayout layout = SweepLayout.of(r);
        List<Drawing> files = new ArrayList<>();

        for (String metric : CONTENTION_METRICS) {
            String title = "How " + MetricLabels.of(metric).description() + " changes with " + layout.xKey();
            if (layout.numeric() && ContentionChart.allZero(r, metric)) {
                files.add(Drawing.notDrawn("contention-" + metric, title, "Every point's "
                        + MetricLabels.of(metric).description() + " is 0, so there is no curve to draw."));
                continue;
            }
            files.add(() -> {
                Optional<ContentionChart.Drawn> drawn = ContentionChart.build(r, layout, metric, ctx);
                return emit(drawn.map(ContentionChart.Drawn::chart), chartsDir,
                        drawn.map(ContentionChart.Drawn::height).orElse(ChartWriter.HEIGHT),
                        "contention-" + metric, title,
                    "Each line is one combination of the other swept settings"
                            + (layout.categorical() ? " (\"unlimited\": no cap, after the largest cap)" : "")
                            + "; the shaded band is the " + pct(r)
                            + " confidence interval of the mean across replications."
                            + (ContentionChart.panelKeys(r.points(), layout.seriesKeys()) > 0
                            ? " One panel per value of the leading swept keys, lines styled alike in every panel." : ""));
            });
        }
        if (r.comparison() || (!layout.numeric() && !r.sweptKeys().isEmpty())) {
            String against = r.points().isEmpty() ? "the first point" : PointLabels.of(r.points().get(0));
            files.add(() -> emit(ComparisonChart.build(r, LATENCY_PERCENTILES, "Start latency percentiles", ctx), chartsDir,
                    ChartWriter.HEIGHT, "comparison-latency", "Start latency percentiles, side by side",
                    "Bars are means across replications, whiskers the " + pct(r)
                            + " confidence interval; the label on each bar is its change against " + against + "."));
            if (ContentionChart.allZero(r, MetricNames.FAILED_STARTS)) {
                files.add(Drawing.notDrawn("comparison-failedStarts", "Failed starts, side by side",
                        "No start missed the health check at any point, so there is no failed-starts chart."));
            } else {
                files.add(() -> emit(ComparisonChart.build(r, List.of(MetricNames.FAILED_STARTS),
                                "Failed starts (slower than the health check)", ctx), chartsDir,
                        ChartWriter.HEIGHT, "comparison-failedStarts", "Failed starts, side by side",
                        "Starts per run slower than the health-check timeout; labels give the change against "
                                + against + "."));
            }
        }
        files.add(() -> emit(LatencyCdfChart.build(r, ctx), chartsDir, ChartWriter.HEIGHT, "latency-cdf",
                "Distribution of start latencies",
                "For each point, the share of starts finished within a given latency (starts of all replications pooled)."
                        + (LatencyCdfChart.marksTimeout(r)
                        ? " The dashed line is the " + Numbers.durationMs(r.healthCheckTimeoutSeconds() * 1000)
                        + " health check: starts right of it fail."
                        : Double.isNaN(r.healthCheckTimeoutSeconds()) ? ""
                        : " Every start is far below the " + Numbers.durationMs(r.healthCheckTimeoutSeconds() * 1000)
                        + " health check, which is off the axis.")));
        files.add(() -> emit(CpuBreakdownChart.build(r, ctx), chartsDir, ChartWriter.HEIGHT, "cpu-breakdown",
                "Where the CPU time went",
                "Shares of total CPU capacity (CPUs × makespan). Spinning is busy time that does no work; "
                        + "waiting-for-CPU counts runnable tasks queued behind others and can push the bar above 100%."));
        for (PointResult p : timelinePoints(r)) {
            String label = PointLabels.of(p);
            int lanes = p.timeline().lanes();
            int height = Math.max(ChartWriter.HEIGHT, Math.min(1400, 200 + lanes * 16));
            files.add(() -> emit(LockTimelineChart.overview(p, label, ctx), chartsDir, 300, "timeline-overview-point" + p.index(),
                    "The whole run: " + label,
                    "Tasks waiting for (dark) and holding (pale) each lock over the whole replication, averaged over "
                            + "short bins; the shaded stretch, the busiest, is drawn span by span below."));
            files.add(() -> emit(LockTimelineChart.build(p, label, ctx), chartsDir, height, "timeline-point" + p.index(),
                    "Lock timeline: " + label,
                    "One row per CPU over a window of one replication. Full-height bars: the lock is held "
                            + "exclusively (for writing); two-thirds-height lighter bars: held for reading; "
                            + "thin pale bars: a task waits for it."));
        }
        for (String metric : measuredMetrics(r)) {
            files.add(() -> emit(SimulatedVsMeasuredChart.build(r, layout, metric, ctx), chartsDir, ChartWriter.HEIGHT,
                    "measured-" + metric,
                    "Simulated vs measured: " + MetricLabels.of(metric).description(),
                    "Lines with bands: the simulation (mean and " + pct(r)
                            + " confidence interval). Squares: values measured on a real kernel."));
        }
        return files;
    }

    private static Optional<ChartFile> emit(Optional<JFreeChart> chart, Path dir, int height,
                                            String baseName, String title, String caption) throws IOException {
        if (chart.isEmpty()) {
            return Optional.empty();
        }
        ChartWriter.write(chart.get(), dir, baseName, height);
        return Optional.of(new ChartFile(baseName, title, caption));
    }

    /** Every point when there are few; else the first (the baseline) and the one with the worst p99. */
    static List<PointResult> timelinePoints(ExperimentResult r) {
        List<PointResult> withTimeline = r.points().stream().filter(p -> !p.timeline().isEmpty()).toList();
        if (withTimeline.size() <= ALL_TIMELINES_UP_TO) {
            return withTimeline;
        }
        Set<PointResult> chosen = new LinkedHashSet<>();
        chosen.add(withTimeline.get(0));
        withTimeline.stream()
                .filter(p -> p.metric(MetricNames.START_LATENCY_MS_P99) != null)
                .max(Comparator.comparingDouble(p -> finiteOr(p.metric(MetricNames.START_LATENCY_MS_P99))))
                .ifPresent(chosen::add);
        return List.copyOf(chosen);
    }

    private static double finiteOr(MetricSummary m) {
        return Double.isFinite(m.mean()) ? m.mean() : Double.NEGATIVE_INFINITY;
    }

    static List<String> measuredMetrics(ExperimentResult r) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        r.points().forEach(p -> names.addAll(p.measured().keySet()));
        return MetricOrder.sort(names);
    }

    private static String pct(ExperimentResult r) {
        return io.mountsim.reports.data.ConfidenceName.percent(r.confidence());
    }
}

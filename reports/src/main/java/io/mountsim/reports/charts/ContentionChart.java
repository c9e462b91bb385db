package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Words;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a metric degrades as contention grows: the metric against the first numeric swept
 * key, one line per value of the other swept keys, with the confidence band shaded.
 */
final class ContentionChart {

    private ContentionChart() {
    }

    static Optional<JFreeChart> build(ExperimentResult r, SweepLayout layout, String metric, ChartContext ctx) {
        if (!layout.numeric() || r.points().stream().noneMatch(p -> p.metric(metric) != null)) {
            return Optional.empty();
        }
        double maxAbs = r.points().stream().map(p -> p.metric(metric)).filter(m -> m != null)
                .mapToDouble(m -> Math.abs(m.mean())).filter(Double::isFinite).max().orElse(0);
        Axes.Unit unit = Axes.unit(metric, maxAbs);
        List<Double> means = r.points().stream().map(p -> p.metric(metric)).filter(m -> m != null)
                .map(m -> unit.apply(m.mean())).toList();
        Map<String, List<PointResult>> groups = layout.series(r.points(), MetricLabels.of(metric).description());
        ValueAxis yAxis = Axes.value(Axes.axisLabel(metric, unit), means.stream().mapToDouble(Double::doubleValue).toArray());
        double floor = Axes.isLog(yAxis)
                ? means.stream().mapToDouble(Double::doubleValue).filter(v -> v > 0).min().orElse(1) / 2
                : 0;
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Map.Entry<String, List<PointResult>> e : groups.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            for (PointResult p : e.getValue()) {
                MetricSummary m = p.metric(metric);
                if (m != null && Double.isFinite(m.mean())) {
                    Bands.add(s, layout.x(p), m, unit, floor);
                }
            }
            data.addSeries(s);
        }
        double[] xs = r.points().stream().mapToDouble(layout::x).toArray();
        ValueAxis xAxis = Axes.value(layout.xKey(), xs);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, Bands.renderer(data.getSeriesCount()));
        String title = Words.capitalise(MetricLabels.of(metric).description()) + " vs " + layout.xKey();
        return Optional.of(ChartStyle.chart(title, ctx.subtitleWithCi("band"), plot, true));
    }
}

package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.DisplayUnit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.geom.Rectangle2D;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulation against the real kernel: a metric simulated (line, confidence band)
 * and measured (large square markers, no line) against the swept variable, one pair of
 * series per value of the other swept keys. With no numeric swept key the points are
 * placed side by side on a named axis.
 */
final class SimulatedVsMeasuredChart {

    private SimulatedVsMeasuredChart() {
    }

    static Optional<JFreeChart> build(ExperimentResult r, SweepLayout layout, String metric, ChartContext ctx) {
        if (r.points().stream().noneMatch(p -> p.measured().containsKey(metric))) {
            return Optional.empty();
        }
        List<String> labels = PointLabels.unique(r.points());
        double maxAbs = 0;
        for (PointResult p : r.points()) {
            MetricSummary s = p.metric(metric);
            if (s != null && Double.isFinite(s.mean())) {
                maxAbs = Math.max(maxAbs, Math.abs(s.mean()));
            }
            Double m = p.measured().get(metric);
            if (m != null && Double.isFinite(m)) {
                maxAbs = Math.max(maxAbs, Math.abs(m));
            }
        }
        DisplayUnit unit = Axes.unit(metric, maxAbs);
        String whole = MetricLabels.of(metric).description();
        Map<String, List<PointResult>> groups = new LinkedHashMap<>(layout.numeric()
                ? layout.series(r.points(), whole)
                : Map.of(whole, r.points()));
        // a line with nothing measured beside it compares nothing; the contention charts show it already
        groups.values().removeIf(g -> g.stream().noneMatch(p -> p.measured().containsKey(metric)));
        YIntervalSeriesCollection simulated = new YIntervalSeriesCollection();
        XYSeriesCollection measured = new XYSeriesCollection();
        for (Map.Entry<String, List<PointResult>> g : groups.entrySet()) {
            String suffix = groups.size() == 1 ? "" : " (" + g.getKey() + ")";
            YIntervalSeries sim = new YIntervalSeries("simulated" + suffix);
            XYSeries real = new XYSeries("measured" + suffix, false, true);
            for (PointResult p : g.getValue()) {
                double x = layout.numeric() ? layout.x(p) : r.points().indexOf(p);
                MetricSummary s = p.metric(metric);
                if (s != null && Double.isFinite(s.mean())) {
                    Bands.add(sim, x, s, unit, 0);
                }
                Double m = p.measured().get(metric);
                if (m != null && Double.isFinite(m)) {
                    real.add(x, unit.apply(m));
                }
            }
            simulated.addSeries(sim);
            measured.addSeries(real);
        }
        ValueAxis xAxis = layout.numeric()
                ? layout.xAxis(r.points())
                : new SymbolAxis(r.sweptKeys().isEmpty() ? "point" : String.join(", ", r.sweptKeys()),
                        labels.toArray(String[]::new));
        // linear on purpose: the gap between model and kernel is what matters, and it reads true only on a linear scale
        ValueAxis yAxis = Axes.linear(Axes.axisLabel(metric, unit));
        XYPlot plot = new XYPlot(simulated, xAxis, yAxis, Bands.renderer(simulated.getSeriesCount()));
        XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
        for (int i = 0; i < measured.getSeriesCount(); i++) {
            points.setSeriesPaint(i, ChartStyle.color(i));
            points.setSeriesShape(i, new Rectangle2D.Double(-5, -5, 10, 10));
        }
        plot.setDataset(1, measured);
        plot.setRenderer(1, points);
        String title = "Simulated vs measured: " + MetricLabels.of(metric).description();
        return Optional.of(ChartStyle.chart(title, ctx.subtitleWithCi("band"), plot, true));
    }
}

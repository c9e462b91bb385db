package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.text.Numbers;
import io.mountsim.reports.text.DisplayUnit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole start-latency distribution of each point as an empirical CDF (step lines),
 * with the health-check timeout marked: everything right of the line is a failed start.
 */
final class LatencyCdfChart {

    /** More lines than this are unreadable; evenly spaced points are shown instead. */
    static final int MAX_SERIES = 12;

    private LatencyCdfChart() {
    }

    /** How far past the slowest start the axis stretches to show the health-check line. */
    static final double MARKER_REACH = 1.5;

    /**
     * Whether the chart draws the health-check line: only when the timeout is within reach of
     * the slowest start shown, else the axis would be mostly empty; the caption follows this.
     */
    static boolean marksTimeout(ExperimentResult r) {
        double timeoutMs = r.healthCheckTimeoutSeconds() * 1000;
        if (Double.isNaN(timeoutMs)) {
            return false;
        }
        double maxMs = shown(r).stream().mapToDouble(p -> p.startLatenciesMs()[p.startLatenciesMs().length - 1])
                .max().orElse(Double.NaN);
        return !Double.isNaN(maxMs) && timeoutMs <= maxMs * MARKER_REACH;
    }

    private static List<PointResult> shown(ExperimentResult r) {
        List<PointResult> withData = r.points().stream().filter(p -> p.startLatenciesMs().length > 0).toList();
        return Subsets.evenlySpaced(withData, MAX_SERIES);
    }

    static Optional<JFreeChart> build(ExperimentResult r, ChartContext ctx) {
        List<PointResult> withData = r.points().stream().filter(p -> p.startLatenciesMs().length > 0).toList();
        if (withData.isEmpty()) {
            return Optional.empty();
        }
        List<PointResult> shown = Subsets.evenlySpaced(withData, MAX_SERIES);
        List<String> labels = PointLabels.uniqueCompact(shown);
        double maxMs = shown.stream().mapToDouble(p -> p.startLatenciesMs()[p.startLatenciesMs().length - 1]).max().orElse(0);
        double timeoutMs = r.healthCheckTimeoutSeconds() * 1000;
        boolean marked = marksTimeout(r);
        // the axis reaches the marker when it is drawn
        DisplayUnit unit = Axes.latencyUnit(marked ? Math.max(maxMs, timeoutMs) : maxMs);
        XYSeriesCollection data = new XYSeriesCollection();
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            double[] sample = shown.get(i).startLatenciesMs(); // sorted (LatencySample)
            XYSeries s = new XYSeries(shown.size() == 1 && r.points().size() == 1 ? "all starts" : labels.get(i), false, true);
            s.add(unit.apply(sample[0]), 0.0);
            for (int k = 0; k < sample.length; k++) {
                double x = unit.apply(sample[k]);
                s.add(x, (k + 1) / (double) sample.length * 100);
                xs.add(x);
            }
            data.addSeries(s);
        }
        if (marked) {
            xs.add(unit.apply(timeoutMs)); // so the axis (linear or log) spans the marker
        }
        ValueAxis xAxis = Axes.value("start latency (" + unit.label() + ")", xs.stream().mapToDouble(Double::doubleValue).toArray());
        if (xAxis instanceof NumberAxis n) {
            n.setAutoRangeIncludesZero(true);
        }
        NumberAxis yAxis = new NumberAxis("starts at or below this latency (%)");
        yAxis.setRange(0, 100.5);
        yAxis.setStandardTickUnits(new NumberTickUnitSource(false, Axes.plainFormat()));
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < shown.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
            renderer.setSeriesStroke(i, ChartStyle.line(i));
        }
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        String subtitle = ctx.where() + " · starts pooled over " + r.replications() + " replications";
        if (r.sweptKeys().size() > 1) {
            subtitle += " · lines: " + String.join(" · ", r.sweptKeys());
        }
        if (shown.size() < withData.size()) {
            subtitle += " · " + shown.size() + " of " + withData.size() + " points shown";
        }
        if (!Double.isNaN(timeoutMs)) {
            double timeoutX = unit.apply(timeoutMs);
            String label = "health check " + Numbers.durationMs(timeoutMs);
            if (marked) {
                ValueMarker marker = new ValueMarker(timeoutX, ChartStyle.markerPaint(),
                        new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
                marker.setLabel(label);
                marker.setLabelFont(ChartStyle.TICK_FONT);
                marker.setLabelPaint(ChartStyle.markerPaint());
                marker.setLabelBackgroundColor(new java.awt.Color(255, 255, 255, 220));
                marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
                plot.addDomainMarker(marker);
                // the data's auto range stops at the slowest start; stretch it to show the line
                if (xAxis.getUpperBound() < timeoutX * 1.05) {
                    xAxis.setUpperBound(timeoutX * 1.05);
                }
            } else {
                subtitle += " · every start well under the " + label;
            }
        }
        return Optional.of(ChartStyle.chart("Start latency distribution", subtitle, plot, true));
    }
}

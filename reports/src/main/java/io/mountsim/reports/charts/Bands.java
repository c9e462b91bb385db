package io.mountsim.reports.charts;

import io.mountsim.core.results.MetricSummary;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;

/** Mean-with-confidence-band series, shared by the contention and simulated-vs-measured charts. */
final class Bands {

    private Bands() {
    }

    /**
     * Adds one point; a NaN half-width (a single replication) draws no band. On a log axis
     * a band reaching zero or below is cut at {@code floor} so it stays drawable.
     */
    static void add(YIntervalSeries s, double x, MetricSummary m, Axes.Unit unit, double floor) {
        double mean = unit.apply(m.mean());
        double half = Double.isNaN(m.ci95()) ? 0 : unit.apply(m.ci95());
        double low = mean - half;
        if (floor > 0 && low < floor) {
            low = floor;
        }
        s.add(x, mean, low, mean + half);
    }

    static DeviationRenderer renderer(int seriesCount) {
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.22f);
        for (int i = 0; i < seriesCount; i++) {
            r.setSeriesPaint(i, ChartStyle.color(i));
            r.setSeriesFillPaint(i, ChartStyle.color(i));
            r.setSeriesStroke(i, ChartStyle.line(i));
            r.setSeriesShape(i, ChartStyle.shape(i));
        }
        return r;
    }
}

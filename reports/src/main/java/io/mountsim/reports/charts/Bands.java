package io.mountsim.reports.charts;

import io.mountsim.core.results.MetricSummary;
import io.mountsim.reports.text.DisplayUnit;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;

/** Mean-with-confidence-band series, shared by the contention and simulated-vs-measured charts. */
final class Bands {

    private Bands() {
    }

    /**
     * Adds one point; a NaN half-width (a single replication) draws no band. A band reaching
     * below zero is cut at zero (no metric here is negative); on a log axis at {@code floor}.
     */
    static void add(YIntervalSeries s, double x, MetricSummary m, DisplayUnit unit, double floor) {
        double mean = unit.apply(m.mean());
        double half = Double.isNaN(m.ci95()) ? 0 : unit.apply(m.ci95());
        double low = mean - half;
        if (floor > 0 && low < floor) {
            low = floor;
        }
        if (mean >= 0 && low < 0) {
            low = 0; // every metric drawn here is a count, rate, time or share: a band below 0 is noise
        }
        s.add(x, mean, low, mean + half);
    }

    static DeviationRenderer renderer(int seriesCount) {
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.22f);
        for (int i = 0; i < seriesCount; i++) {
            style(r, i, i);
        }
        return r;
    }

    /** Series {@code series} of {@code r} drawn in the house style number {@code style}. */
    static void style(DeviationRenderer r, int series, int style) {
        r.setSeriesPaint(series, ChartStyle.color(style));
        r.setSeriesFillPaint(series, ChartStyle.color(style));
        r.setSeriesStroke(series, ChartStyle.line(style));
        r.setSeriesShape(series, ChartStyle.shape(style));
    }
}

package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.text.DisplayUnit;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Words;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a metric degrades as contention grows: the metric against the ordered swept key, one
 * line per combination of the other swept keys, with the confidence band shaded.
 *
 * <p>With more than {@value #MAX_LINES} lines one plot is a tangle, so the chart becomes
 * small multiples: the leading series keys (in sweep order) pick a panel, the rest a line
 * within it, styled alike in every panel; at most {@value #MAX_PANELS} panels (evenly
 * spaced, the subtitle says so) and a legend of at most {@value #MAX_LEGEND} entries.
 */
final class ContentionChart {

    static final int MAX_LINES = 6;
    static final int MAX_PANELS = 8;
    static final int MAX_LEGEND = 12;
    /** Height of one panel of small multiples, in pixels. */
    static final int PANEL_HEIGHT = 210;

    /**
     * @param chart  the chart
     * @param height the pixel height it needs (more panels, taller)
     */
    record Drawn(JFreeChart chart, int height) {
    }

    private ContentionChart() {
    }

    /** True when the metric is present and every mean is zero: nothing to draw. */
    static boolean allZero(ExperimentResult r, String metric) {
        List<MetricSummary> present = r.points().stream().map(p -> p.metric(metric)).filter(m -> m != null).toList();
        return !present.isEmpty() && present.stream().allMatch(m -> m.mean() == 0);
    }

    static Optional<Drawn> build(ExperimentResult r, SweepLayout layout, String metric, ChartContext ctx) {
        if (!layout.numeric() || r.points().stream().noneMatch(p -> p.metric(metric) != null) || allZero(r, metric)) {
            return Optional.empty();
        }
        double maxAbs = r.points().stream().map(p -> p.metric(metric)).filter(m -> m != null)
                .mapToDouble(m -> Math.abs(m.mean())).filter(Double::isFinite).max().orElse(0);
        DisplayUnit unit = Axes.unit(metric, maxAbs);
        double[] means = r.points().stream().map(p -> p.metric(metric)).filter(m -> m != null)
                .mapToDouble(m -> unit.apply(m.mean())).toArray();
        String whole = MetricLabels.of(metric).description();
        String title = Words.capitalise(whole) + " vs " + layout.xKey();
        List<String> seriesKeys = layout.seriesKeys();
        int panelKeys = panelKeys(r.points(), seriesKeys);
        if (panelKeys == 0) {
            ValueAxis yAxis = Axes.value(Axes.axisLabel(metric, unit), means);
            Map<String, List<PointResult>> groups = layout.series(r.points(), whole);
            List<String> lineLabels = new ArrayList<>(groups.keySet());
            XYPlot plot = new XYPlot(dataset(groups, layout, metric, unit, yAxis), layout.xAxis(r.points()), yAxis,
                    Bands.renderer(groups.size()));
            return Optional.of(new Drawn(ChartStyle.chart(title, ctx.subtitleWithCi("band"), plot, true),
                    ChartWriter.HEIGHT + legendRows(lineLabels.size()) * 16));
        }
        List<String> panelBy = seriesKeys.subList(0, panelKeys);
        List<String> lineBy = seriesKeys.subList(panelKeys, seriesKeys.size());
        Map<String, List<PointResult>> panels = new LinkedHashMap<>();
        for (PointResult p : r.points()) {
            panels.computeIfAbsent(SweepLayout.label(p, panelBy, ""), k -> new ArrayList<>()).add(p);
        }
        List<String> panelNames = new ArrayList<>(panels.keySet());
        List<String> shownPanels = evenly(panelNames, MAX_PANELS);
        // one style per line label across every panel
        List<String> lineLabels = new ArrayList<>(layout.group(r.points(), lineBy, whole).keySet());
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(layout.xAxis(r.points()));
        combined.setGap(14);
        for (String panel : shownPanels) {
            Map<String, List<PointResult>> groups = layout.group(panels.get(panel), lineBy, whole);
            ValueAxis yAxis = Axes.value(unitLabel(unit), means);
            yAxis.setLabel(panel.replace(", ", "\n"));
            YIntervalSeriesCollection data = dataset(groups, layout, metric, unit, yAxis);
            XYPlot sub = new XYPlot(data, null, yAxis, Bands.renderer(0));
            var renderer = (org.jfree.chart.renderer.xy.DeviationRenderer) sub.getRenderer();
            int i = 0;
            for (String label : groups.keySet()) {
                Bands.style(renderer, i++, lineLabels.indexOf(label));
            }
            sub.setBackgroundPaint(Color.WHITE);
            combined.add(sub, 1);
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int i = 0; i < Math.min(lineLabels.size(), MAX_LEGEND); i++) {
            legend.add(new LegendItem(lineLabels.get(i), null, null, null, ChartStyle.shape(i), ChartStyle.color(i),
                    ChartStyle.line(i), ChartStyle.color(i)));
        }
        if (lineLabels.size() > MAX_LEGEND) {
            legend.add(new LegendItem("... and " + (lineLabels.size() - MAX_LEGEND) + " more (see results.csv)"));
        }
        combined.setFixedLegendItems(legend);
        String subtitle = ctx.subtitleWithCi("band") + " · panels: " + String.join(", ", panelBy)
                + " · y: " + unitLabel(unit);
        if (shownPanels.size() < panelNames.size()) {
            subtitle += " · " + shownPanels.size() + " of " + panelNames.size() + " panels, evenly spaced";
        }
        JFreeChart chart = ChartStyle.chart(title, subtitle, combined, true);
        return Optional.of(new Drawn(chart, 170 + shownPanels.size() * PANEL_HEIGHT + legendRows(legend.getItemCount()) * 16));
    }

    /**
     * How many leading series keys choose the panel: none when the lines fit one plot, else
     * the fewest that leave at most {@value #MAX_LINES} lines per panel.
     */
    static int panelKeys(List<PointResult> points, List<String> seriesKeys) {
        for (int k = 0; k <= seriesKeys.size(); k++) {
            List<String> lineBy = seriesKeys.subList(k, seriesKeys.size());
            long lines = points.stream().map(p -> SweepLayout.label(p, lineBy, "")).distinct().count();
            if (lines <= MAX_LINES) {
                return k;
            }
        }
        return seriesKeys.size();
    }

    private static YIntervalSeriesCollection dataset(Map<String, List<PointResult>> groups, SweepLayout layout,
                                                     String metric, DisplayUnit unit, ValueAxis yAxis) {
        double floor = 0;
        if (Axes.isLog(yAxis)) {
            floor = ((org.jfree.chart.axis.LogAxis) yAxis).getSmallestValue();
        }
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
        return data;
    }

    private static String unitLabel(DisplayUnit unit) {
        return unit.label().isEmpty() ? "value" : unit.label();
    }

    /** Legend lines at about four entries a row. */
    private static int legendRows(int entries) {
        return Math.max(0, (entries + 3) / 4 - 1);
    }

    static <T> List<T> evenly(List<T> all, int max) {
        if (all.size() <= max) {
            return all;
        }
        List<T> out = new ArrayList<>(max);
        for (int i = 0; i < max; i++) {
            out.add(all.get((int) Math.round((double) i * (all.size() - 1) / (max - 1))));
        }
        return out;
    }
}

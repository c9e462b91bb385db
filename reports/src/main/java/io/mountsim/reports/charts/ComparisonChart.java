package io.mountsim.reports.charts;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Numbers;
import io.mountsim.reports.text.DisplayUnit;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What-if comparison: grouped bars, one group per metric and one bar per scenario (or
 * per sweep point), the baseline (first point) first in every group, whiskers for the
 * confidence interval and each bar labelled with its change against the baseline.
 */
final class ComparisonChart {

    private ComparisonChart() {
    }

    /**
     * @param metrics metrics sharing one unit (e.g. the three latency percentiles)
     */
    static Optional<JFreeChart> build(ExperimentResult r, List<String> metrics, String title, ChartContext ctx) {
        List<PointResult> shown = select(r.points(), MAX_BARS_PER_GROUP);
        List<String> present = metrics.stream()
                .filter(m -> shown.stream().anyMatch(p -> p.metric(m) != null))
                .toList();
        if (shown.size() < 2 || present.isEmpty()) {
            return Optional.empty();
        }
        double maxAbs = 0;
        for (PointResult p : shown) {
            for (String m : present) {
                MetricSummary s = p.metric(m);
                if (s != null && Double.isFinite(s.mean())) {
                    maxAbs = Math.max(maxAbs, Math.abs(s.mean()));
                }
            }
        }
        DisplayUnit unit = Axes.unit(present.get(0), maxAbs);
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        List<String> labels = PointLabels.unique(shown);
        for (int i = 0; i < shown.size(); i++) {
            PointResult p = shown.get(i);
            String series = labels.get(i);
            for (String m : present) {
                MetricSummary s = p.metric(m);
                double mean = s == null ? Double.NaN : unit.apply(s.mean());
                double half = s == null || Double.isNaN(s.ci95()) ? 0 : unit.apply(s.ci95());
                data.add(mean, half, series, shortName(m));
            }
        }
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.DARK_GRAY);
        renderer.setDefaultOutlineStroke(new BasicStroke(0.8f));
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setErrorIndicatorStroke(new BasicStroke(1.2f));
        renderer.setItemMargin(0.05);
        for (int i = 0; i < shown.size(); i++) {
            renderer.setSeriesPaint(i, ChartStyle.color(i));
        }
        renderer.setDefaultItemLabelGenerator(new ChangeVsBaseline());
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(ChartStyle.ITEM_FONT);
        renderer.setDefaultPositiveItemLabelPosition(
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        NumberAxis y = new NumberAxis(unit.label().isEmpty() ? "mean" : "mean (" + unit.label() + ")");
        y.setStandardTickUnits(new NumberTickUnitSource(false, Axes.plainFormat()));
        y.setUpperMargin(0.15); // room for the change labels above the tallest bar
        // all-zero bars (no failed starts anywhere) would otherwise collapse the axis to a point
        y.setAutoRangeMinimumSize(maxAbs > 0 ? unit.apply(maxAbs) * 1e-3 : 1);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), y, renderer);
        String subtitle = ctx.subtitleWithCi("whiskers") + " · labels: change vs " + PointLabels.of(shown.get(0));
        if (shown.size() < r.points().size()) {
            subtitle += " · the baseline and the " + (shown.size() - 1) + " lowest-p99 of " + r.points().size() + " shown";
        }
        return Optional.of(ChartStyle.chart(title, subtitle, plot, true));
    }

    /** Past a dozen bars per group neither the bars nor the legend can be told apart. */
    static final int MAX_BARS_PER_GROUP = 12;

    /**
     * All points when few; else the baseline (first) and the best alternatives by p99 start
     * latency (the what-if question is which change helps most), kept in index order.
     */
    static List<PointResult> select(List<PointResult> points, int max) {
        if (points.size() <= max) {
            return points;
        }
        PointResult baseline = points.get(0);
        List<PointResult> best = points.stream().skip(1)
                .sorted(Comparator.comparingDouble(ComparisonChart::p99OrInfinity))
                .limit(max - 1)
                .toList();
        List<PointResult> out = new ArrayList<>(best);
        out.add(baseline);
        out.sort(Comparator.comparingInt(PointResult::index));
        return out;
    }

    private static double p99OrInfinity(PointResult p) {
        MetricSummary m = p.metric(MetricNames.START_LATENCY_MS_P99);
        return m == null || !Double.isFinite(m.mean()) ? Double.POSITIVE_INFINITY : m.mean();
    }

    /** The group (category) name of a metric. */
    private static String shortName(String metric) {
        return MetricLabels.of(metric).description();
    }

    /** Labels each bar with its change against the first series (the baseline). */
    private static final class ChangeVsBaseline implements CategoryItemLabelGenerator {
        @Override
        public String generateRowLabel(CategoryDataset dataset, int row) {
            return dataset.getRowKey(row).toString();
        }

        @Override
        public String generateColumnLabel(CategoryDataset dataset, int column) {
            return dataset.getColumnKey(column).toString();
        }

        @Override
        public String generateLabel(CategoryDataset dataset, int row, int column) {
            if (row == 0) {
                return "baseline";
            }
            Number v = dataset.getValue(row, column);
            Number base = dataset.getValue(0, column);
            if (v == null || base == null) {
                return "";
            }
            return Numbers.change(v.doubleValue(), base.doubleValue());
        }
    }
}

package io.mountsim.reports.charts;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.PointLabels;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Optional;

/**
 * Where the CPUs' time went at each point: useful work, spinning on a lock, idle, and
 * runnable-but-waiting-for-a-CPU, stacked as shares of total CPU capacity.
 */
final class CpuBreakdownChart {

    /** Beyond this many bars the point labels overlap. */
    static final int MAX_BARS = 24;

    private CpuBreakdownChart() {
    }

    static Optional<JFreeChart> build(ExperimentResult r, ChartContext ctx) {
        if (r.points().isEmpty() || r.points().stream().allMatch(p -> p.cpu().equals(CpuBreakdown.NONE))) {
            return Optional.empty();
        }
        List<PointResult> shown = Subsets.evenlySpaced(r.points(), MAX_BARS);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> labels = PointLabels.uniqueCompact(shown);
        for (int i = 0; i < shown.size(); i++) {
            CpuBreakdown c = shown.get(i).cpu();
            String point = labels.get(i);
            data.addValue(c.usefulWork() * 100, "useful work", point);
            data.addValue(c.spinning() * 100, "spinning on a lock", point);
            data.addValue(c.idle() * 100, "idle", point);
            data.addValue(c.waitingForCpu() * 100, "runnable, waiting for a CPU", point);
        }
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(true);
        renderer.setDefaultOutlinePaint(Color.DARK_GRAY);
        renderer.setDefaultOutlineStroke(new BasicStroke(0.6f));
        // useful = green, spinning = vermillion, idle = pale grey, waiting = orange: lightness differs in greyscale
        renderer.setSeriesPaint(0, ChartStyle.color(2));
        renderer.setSeriesPaint(1, ChartStyle.color(1));
        renderer.setSeriesPaint(2, new Color(0xE8, 0xE8, 0xE8));
        renderer.setSeriesPaint(3, ChartStyle.color(3));
        CategoryAxis x = new CategoryAxis(r.sweptKeys().isEmpty() ? null : String.join(" · ", r.sweptKeys()));
        if (shown.size() > 4) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis("share of CPU capacity (%)");
        y.setStandardTickUnits(new NumberTickUnitSource(false, Axes.plainFormat()));
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        String subtitle = ctx.where() + " · mean of " + r.replications() + " replications";
        if (shown.size() < r.points().size()) {
            subtitle += " · " + shown.size() + " of " + r.points().size() + " points, evenly spaced";
        }
        return Optional.of(ChartStyle.chart("Where the CPU time went", subtitle, plot, true));
    }
}

package io.mountsim.reports.charts;

import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.reports.text.Numbers;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnitSource;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who held and who waited for which lock, per CPU, over a window of one replication: a
 * Gantt chart with CPUs as lanes. Each resource gets its own band inside a lane; a hold
 * fills the band in the resource's dark colour, a wait fills the middle half in a pale
 * version, so holds and waits differ in height as well as colour (greyscale-safe).
 */
final class LockTimelineChart {

    /** The two locks the kernel serialises mounts on (fs/namespace.c): drawn first, in fixed colours. */
    static final List<String> MAIN_RESOURCES = List.of("namespace_sem", "mount_lock");

    /** Lanes beyond this get numeric ticks instead of one "CPU n" label each. */
    private static final int MAX_NAMED_LANES = 32;

    private LockTimelineChart() {
    }

    static Optional<JFreeChart> build(PointResult p, String pointLabel, ChartContext ctx) {
        Timeline t = p.timeline();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        List<String> resources = resourceOrder(t);
        TimeUnit unit = TimeUnit.forSpan(t.windowEndNs() - t.windowStartNs());
        Map<String, XYIntervalSeries> series = new LinkedHashMap<>();
        for (String res : resources) {
            for (TimelineSpan.Kind kind : TimelineSpan.Kind.values()) {
                series.put(key(res, kind), new XYIntervalSeries(res + (kind == TimelineSpan.Kind.HOLD ? " held" : " waited for")));
            }
        }
        double band = 0.9 / resources.size();
        for (TimelineSpan s : t.spans()) {
            int r = resources.indexOf(s.resource());
            double bandLow = s.lane() - 0.45 + r * band;
            double low = s.kind() == TimelineSpan.Kind.HOLD ? bandLow : bandLow + band / 4;
            double high = s.kind() == TimelineSpan.Kind.HOLD ? bandLow + band : bandLow + band * 3 / 4;
            double x0 = unit.of(s.startNs() - t.windowStartNs());
            double x1 = unit.of(s.endNs() - t.windowStartNs());
            series.get(key(s.resource(), s.kind())).add(x0, x0, x1, (low + high) / 2, low, high);
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        int i = 0;
        for (String res : resources) {
            for (TimelineSpan.Kind kind : TimelineSpan.Kind.values()) {
                data.addSeries(series.get(key(res, kind)));
                Color c = resourceColor(res, resources);
                renderer.setSeriesPaint(i++, kind == TimelineSpan.Kind.HOLD ? c : pale(c));
            }
        }
        NumberAxis x = new NumberAxis(t.windowStartNs() == 0
                ? "simulated time (" + unit.label + ")"
                : "simulated time since " + unit.format(t.windowStartNs()) + " (" + unit.label + ")");
        x.setAutoRangeIncludesZero(true);
        x.setStandardTickUnits(new NumberTickUnitSource(false, Axes.plainFormat()));
        x.setRange(0, Math.max(unit.of(t.windowEndNs() - t.windowStartNs()), 1e-9));
        XYPlot plot = new XYPlot(data, x, laneAxis(t.lanes()), renderer);
        plot.setRangeGridlinesVisible(false);
        String title = "Lock timeline, " + pointLabel + " (replication 1, " + t.spans().size() + " spans)";
        return Optional.of(ChartStyle.chart(title, ctx.where(), plot, true));
    }

    private static ValueAxis laneAxis(int lanes) {
        if (lanes <= MAX_NAMED_LANES) {
            String[] names = new String[Math.max(lanes, 1)];
            for (int i = 0; i < names.length; i++) {
                names[i] = "CPU " + i;
            }
            SymbolAxis axis = new SymbolAxis("CPU", names);
            axis.setGridBandsVisible(true);
            axis.setGridBandPaint(new Color(0xF4, 0xF4, 0xF4));
            axis.setInverted(true); // CPU 0 at the top, as in a trace viewer
            return axis;
        }
        NumberAxis axis = new NumberAxis("CPU");
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        axis.setRange(-0.5, lanes - 0.5);
        axis.setInverted(true);
        return axis;
    }

    private static List<String> resourceOrder(Timeline t) {
        TreeSet<String> names = new TreeSet<>();
        t.spans().forEach(s -> names.add(s.resource()));
        List<String> order = new ArrayList<>();
        for (String main : MAIN_RESOURCES) {
            if (names.remove(main)) {
                order.add(main);
            }
        }
        order.addAll(names);
        return order;
    }

    /** namespace_sem vermillion, mount_lock blue, others the rest of the palette. */
    private static Color resourceColor(String resource, List<String> order) {
        int main = MAIN_RESOURCES.indexOf(resource);
        if (main == 0) {
            return ChartStyle.color(1);
        }
        if (main == 1) {
            return ChartStyle.color(0);
        }
        return ChartStyle.color(2 + order.indexOf(resource));
    }

    private static Color pale(Color c) {
        return new Color(blend(c.getRed()), blend(c.getGreen()), blend(c.getBlue()));
    }

    /** 45% colour on white: still hue-identifiable, clearly lighter than the hold colour. */
    private static int blend(int channel) {
        return (int) Math.round(channel * 0.45 + 255 * 0.55);
    }

    private static String key(String resource, TimelineSpan.Kind kind) {
        return resource + "\u0000" + kind;
    }

    /** The largest unit in which the window is at least a few units long. */
    enum TimeUnit {
        NS("ns", 1), US("µs", 1e3), MS("ms", 1e6), S("s", 1e9);

        final String label;
        final double ns;

        TimeUnit(String label, double ns) {
            this.label = label;
            this.ns = ns;
        }

        static TimeUnit forSpan(long spanNs) {
            TimeUnit best = NS;
            for (TimeUnit u : values()) {
                if (spanNs >= 5 * u.ns) {
                    best = u;
                }
            }
            return best;
        }

        double of(long ns) {
            return ns / this.ns;
        }

        String format(long ns) {
            return Numbers.human(of(ns)) + " " + label;
        }
    }
}

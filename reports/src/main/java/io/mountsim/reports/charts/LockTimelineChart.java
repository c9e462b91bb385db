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
 * Who held and who waited for which lock, per CPU, over a window of one replication (its
 * busiest stretch, {@link io.mountsim.reports.data.TimelineWindow}): a Gantt chart with CPUs
 * as lanes. Each resource gets its own band inside a lane; a write (exclusive) hold fills
 * the band in the resource's dark colour, a read hold two thirds of it in a lighter shade,
 * a wait a thin middle strip in a pale one, so they differ in height as well as colour
 * (greyscale-safe). {@link #overview} draws the whole replication above it.
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
            for (TimelineSpan.Kind kind : kinds(t, res)) {
                series.put(key(res, kind), new XYIntervalSeries(res + switch (kind) {
                    case HOLD -> hasReads(t, res) ? " held for writing" : " held";
                    case READ_HOLD -> " held for reading";
                    case WAIT -> " waited for";
                }));
            }
        }
        double band = 0.9 / resources.size();
        for (TimelineSpan s : t.spans()) {
            int r = resources.indexOf(s.resource());
            double bandLow = s.lane() - 0.45 + r * band;
            // write holds fill the band, read holds its lower two thirds, waits a thin middle strip
            double low = switch (s.kind()) {
                case HOLD, READ_HOLD -> bandLow;
                case WAIT -> bandLow + band * 3 / 8;
            };
            double high = switch (s.kind()) {
                case HOLD -> bandLow + band;
                case READ_HOLD -> bandLow + band * 2 / 3;
                case WAIT -> bandLow + band * 5 / 8;
            };
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
            for (TimelineSpan.Kind kind : kinds(t, res)) {
                data.addSeries(series.get(key(res, kind)));
                Color c = resourceColor(res, resources);
                renderer.setSeriesPaint(i++, switch (kind) {
                    case HOLD -> c;
                    case READ_HOLD -> mid(c);
                    case WAIT -> pale(c);
                });
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
        String subtitle = ctx.where() + (t.overview().isEmpty() ? ""
                : " · the busiest stretch of the run, " + unit.format(t.windowStartNs()) + " to "
                + unit.format(t.windowEndNs()) + " (the strip above shows where)");
        return Optional.of(ChartStyle.chart(title, subtitle, plot, true));
    }

    /**
     * The whole replication above the zoomed timeline: tasks waiting for (area) and holding
     * (line) each main lock over time, with the zoomed stretch shaded. Empty when the
     * timeline is the whole run already.
     */
    static Optional<JFreeChart> overview(PointResult p, String pointLabel, ChartContext ctx) {
        Timeline t = p.timeline();
        Timeline.Overview o = t.overview();
        if (t.isEmpty() || o.isEmpty()) {
            return Optional.empty();
        }
        long runNs = o.binNs() * o.bins();
        TimeUnit unit = TimeUnit.forSpan(runNs);
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
        List<Color> colours = new ArrayList<>();
        List<String> order = new ArrayList<>(o.waiting().keySet());
        order.sort(java.util.Comparator.comparingInt(r -> MAIN_RESOURCES.contains(r) ? MAIN_RESOURCES.indexOf(r) : 99));
        for (String res : order) {
            for (boolean waiting : new boolean[]{true, false}) {
                double[] v = (waiting ? o.waiting() : o.holding()).get(res);
                org.jfree.data.xy.XYSeries s = new org.jfree.data.xy.XYSeries(res + (waiting ? " waiters" : " holders"),
                        false, true);
                for (int b = 0; b < v.length; b++) {
                    s.add(unit.of(b * o.binNs() + o.binNs() / 2), v[b]);
                }
                data.addSeries(s);
                Color c = resourceColor(res, order);
                colours.add(waiting ? c : pale(c));
            }
        }
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < colours.size(); i++) {
            r.setSeriesPaint(i, colours.get(i));
            r.setSeriesStroke(i, new java.awt.BasicStroke(i % 2 == 0 ? 2f : 1.2f));
        }
        NumberAxis x = new NumberAxis("simulated time, whole replication (" + unit.label + ")");
        x.setStandardTickUnits(new NumberTickUnitSource(false, Axes.plainFormat()));
        x.setRange(unit.of(o.startNs()), Math.max(unit.of(o.startNs() + runNs), 1e-9));
        NumberAxis y = new NumberAxis("tasks (mean)");
        y.setStandardTickUnits(new NumberTickUnitSource(false, Axes.plainFormat()));
        XYPlot plot = new XYPlot(data, x, y, r);
        org.jfree.chart.plot.IntervalMarker zoom = new org.jfree.chart.plot.IntervalMarker(
                unit.of(t.windowStartNs()), unit.of(t.windowEndNs()), new Color(0, 0, 0, 30));
        zoom.setLabel(" zoomed below");
        zoom.setLabelFont(ChartStyle.TICK_FONT);
        // the label starts at the band's right edge: a narrow band would cut it otherwise
        zoom.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        zoom.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        plot.addDomainMarker(zoom);
        return Optional.of(ChartStyle.chart("The whole replication, " + pointLabel, ctx.where(), plot, true));
    }

    /** The span kinds a resource has, in drawing order (holds under waits). */
    private static List<TimelineSpan.Kind> kinds(Timeline t, String resource) {
        List<TimelineSpan.Kind> out = new ArrayList<>(List.of(TimelineSpan.Kind.HOLD));
        if (hasReads(t, resource)) {
            out.add(TimelineSpan.Kind.READ_HOLD);
        }
        out.add(TimelineSpan.Kind.WAIT);
        return out;
    }

    private static boolean hasReads(Timeline t, String resource) {
        return t.spans().stream().anyMatch(s -> s.resource().equals(resource) && s.kind() == TimelineSpan.Kind.READ_HOLD);
    }

    /** Between the hold colour and the wait colour: a read hold. */
    private static Color mid(Color c) {
        return new Color((int) Math.round(c.getRed() * 0.7 + 255 * 0.3),
                (int) Math.round(c.getGreen() * 0.7 + 255 * 0.3), (int) Math.round(c.getBlue() * 0.7 + 255 * 0.3));
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

package io.mountsim.reports.charts;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.Fixtures;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charts that stay readable whatever the sweep: unlimited caps, many series, many colours. */
class ChartsScaleTest {

    /** Keys and their values in the order given (Map.of has none). */
    @SuppressWarnings("unchecked")
    static Map<String, List<String>> ordered(Object... keysAndValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], (List<String>) keysAndValues[i + 1]);
        }
        return m;
    }

    /** A sweep of {@code keys} (first slowest) with a p95 that grows with the cap. */
    static ExperimentResult sweep(Map<String, List<String>> keys) {
        List<String> names = new ArrayList<>(keys.keySet());
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (String k : names) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : keys.get(k)) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(k, v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < combos.size(); i++) {
            String cap = combos.get(i).getOrDefault("workload.maxConcurrentStarts", "1");
            double p95 = cap.equals("unlimited") ? 500 : 10 * Double.parseDouble(cap);
            points.add(new PointResult(i, combos.get(i),
                    Map.of(MetricNames.START_LATENCY_MS_P95, new MetricSummary(p95 + i, 1, p95, p95, 3),
                            MetricNames.FAILED_STARTS, new MetricSummary(0, 0, 0, 0, 3)),
                    new double[0], CpuBreakdown.NONE, Timeline.empty(), Map.of()));
        }
        return Fixtures.result("s", "", 1, 3, 0.95, names, points, Map.of("machine", "r5.metal"), 30, false);
    }

    @Test
    void unlimitedIsTheLastCategoryOfTheCapAxisAndEverySeriesGetsItsCurve() {
        ExperimentResult r = sweep(ordered(
                "runtime.idmap", List.of("per-layer", "common-parent"),
                "workload.maxConcurrentStarts", List.of("1", "8", "64", "unlimited")));
        SweepLayout layout = SweepLayout.of(r);
        assertEquals("workload.maxConcurrentStarts", layout.xKey());
        JFreeChart chart = ContentionChart.build(r, layout, MetricNames.START_LATENCY_MS_P95, ChartContext.of(r))
                .orElseThrow().chart();
        XYPlot plot = chart.getXYPlot();
        SymbolAxis x = assertInstanceOf(SymbolAxis.class, plot.getDomainAxis());
        assertArrayEquals(new String[]{"1", "8", "64", "unlimited"}, x.getSymbols());
        assertEquals(2, plot.getDataset().getSeriesCount(), "one curve per idmap mode");
        for (int s = 0; s < 2; s++) {
            assertEquals(4, plot.getDataset().getItemCount(s), "every cap, unlimited included, on each curve");
            assertEquals(3.0, plot.getDataset().getXValue(s, 3), "unlimited right after 64");
        }
    }

    @Test
    void manySeriesBecomeSmallMultiplesWithFewLinesEachAndACappedLegend() {
        // concurrency-cap-optimum's shape: 5 machines x 2 idmaps x 2 layer counts = 20 series
        ExperimentResult r = sweep(ordered(
                "machine", List.of("r5.metal", "m7i.metal-24xl", "m7i.metal-48xl", "m7a.24xlarge", "m7a.metal-48xl"),
                "runtime.idmap", List.of("per-layer", "fd-lowerdirs"),
                "workload.layers", List.of("50", "10"),
                "workload.maxConcurrentStarts", List.of("1", "8", "64", "unlimited")));
        SweepLayout layout = SweepLayout.of(r);
        assertEquals("workload.maxConcurrentStarts", layout.xKey(), "not workload.layers: the cap is the question");
        JFreeChart chart = ContentionChart.build(r, layout, MetricNames.START_LATENCY_MS_P95, ChartContext.of(r))
                .orElseThrow().chart();
        CombinedDomainXYPlot combined = assertInstanceOf(CombinedDomainXYPlot.class, chart.getPlot());
        assertEquals(5, combined.getSubplots().size(), "one panel per machine");
        for (XYPlot sub : combined.getSubplots()) {
            assertEquals(4, sub.getDataset().getSeriesCount(), "idmap x layers inside each panel");
        }
        assertEquals(4, combined.getLegendItems().getItemCount(), "the legend names the 4 line styles once");
        assertTrue(ContentionChart.MAX_LEGEND <= 12);
    }

    @Test
    void twelveSeriesHaveTwelveDistinctColoursAndEveryStyleIsUniqueFarBeyond() {
        Set<Color> colours = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            colours.add(ChartStyle.color(i));
        }
        assertEquals(12, colours.size());
        double minDeltaE = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ChartStyle.PALETTE.length; i++) {
            for (int j = i + 1; j < ChartStyle.PALETTE.length; j++) {
                minDeltaE = Math.min(minDeltaE, deltaE(ChartStyle.PALETTE[i], ChartStyle.PALETTE[j]));
            }
        }
        assertTrue(minDeltaE > 15, "palette colours at least 15 delta-E apart: " + minDeltaE);
        Set<List<Object>> styles = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            // BasicStroke compares by value; a shape by the points of its outline
            styles.add(List.of(ChartStyle.color(i), ChartStyle.line(i), outline(ChartStyle.shape(i))));
        }
        assertEquals(60, styles.size(), "colour, dash and marker together tell 60 series apart");
    }

    private static List<Double> outline(java.awt.Shape shape) {
        List<Double> points = new ArrayList<>();
        double[] c = new double[6];
        for (java.awt.geom.PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            points.add((double) type);
            points.add(c[0]);
            points.add(c[1]);
        }
        return points;
    }

    /** CIE76 colour difference from sRGB (D65). */
    static double deltaE(Color a, Color b) {
        double[] x = lab(a);
        double[] y = lab(b);
        return Math.sqrt(Math.pow(x[0] - y[0], 2) + Math.pow(x[1] - y[1], 2) + Math.pow(x[2] - y[2], 2));
    }

    private static double[] lab(Color c) {
        double r = lin(c.getRed()), g = lin(c.getGreen()), b = lin(c.getBlue());
        double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        double fx = f(x), fy = f(y), fz = f(z);
        return new double[]{116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double lin(int v) {
        double c = v / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }
}

package io.mountsim.reports.charts;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.Timeline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ChartSelectionTest {

    private static PointResult point(int index, double p99Ms) {
        return new PointResult(index, Map.of("k", "v" + index),
                Map.of(MetricNames.START_LATENCY_MS_P99, new MetricSummary(p99Ms, 0, p99Ms, p99Ms, 1)),
                new double[0], CpuBreakdown.NONE, Timeline.empty(), Map.of());
    }

    @Test
    void manyWhatIfsShowTheBaselineAndTheBestAlternativesInIndexOrder() {
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            points.add(point(i, 1000 - i)); // later points are better; point 0 is the (worst) baseline
        }
        List<PointResult> shown = ComparisonChart.select(points, 5);
        assertEquals(List.of(0, 26, 27, 28, 29), shown.stream().map(PointResult::index).toList());
    }

    @Test
    void fewPointsAreAllShown() {
        List<PointResult> points = List.of(point(0, 5), point(1, 1));
        assertSame(points, ComparisonChart.select(points, 12));
    }

    @Test
    void evenlySpacedKeepsBothEnds() {
        List<PointResult> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            points.add(point(i, i));
        }
        List<PointResult> shown = Subsets.evenlySpaced(points, 12);
        assertEquals(12, shown.size());
        assertEquals(0, shown.get(0).index());
        assertEquals(99, shown.get(11).index());
    }
}

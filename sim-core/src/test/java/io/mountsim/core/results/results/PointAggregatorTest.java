package io.mountsim.core.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The results types other modules consume: aggregation across replications and labels. */
class PointAggregatorTest {

    private static ReplicationOutcome outcome(Map<String, Double> metrics, double[] latencies, CpuBreakdown cpu,
                                              Timeline timeline) {
        return ReplicationOutcome.builder().metrics(metrics).events(100).startLatenciesMs(latencies).cpu(cpu)
                .timeline(timeline).fingerprint(1).build();
    }

    private static Map<String, Double> metrics(Object... nameValue) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put((String) nameValue[i], (Double) nameValue[i + 1]);
        }
        return m;
    }

    @Test
    void aggregatesMetricsLatenciesCpuAndTimeline() {
        Timeline first = new Timeline(0, 10, 1, List.of(new TimelineSpan("lock", 0, 1, 2, 5, TimelineSpan.Kind.HOLD)));
        List<ReplicationOutcome> outcomes = List.of(
                outcome(metrics("a", 1.0, "b", 10.0), new double[] {1, 2}, new CpuBreakdown(0.5, 0.1, 0.4, 0), first),
                outcome(metrics("a", 2.0, "b", Double.NaN, "c", 5.0), new double[] {3},
                        new CpuBreakdown(0.7, 0.1, 0.2, 0.2), Timeline.empty()),
                outcome(metrics("a", 3.0), new double[] {}, new CpuBreakdown(0.6, 0.4, 0.0, 0.1), Timeline.empty()));
        PointResult p = PointAggregator.aggregate(4, Map.of("workload.containers", "100"), outcomes, 0.95, Map.of());

        assertEquals(List.of("a", "b", MetricNames.EVENTS, "c"), List.copyOf(p.metrics().keySet()), "first-seen order");
        MetricSummary a = p.metric("a");
        assertEquals(2.0, a.mean(), 1e-12);
        // s = 1, n = 3, t(0.975, 2) = 4.302653 (NIST table)
        assertEquals(4.302653 / Math.sqrt(3), a.ci95(), 1e-6);
        assertEquals(1.0, a.min());
        assertEquals(3.0, a.max());
        assertEquals(3, a.n());
        assertEquals(1, p.metric("b").n(), "NaN values are left out");
        assertEquals(0.0, p.metric("b").ci95(), "one value: zero half-width");
        assertEquals(1, p.metric("c").n(), "absent values are left out");
        assertArrayEquals(new double[] {1, 2, 3}, p.startLatenciesMs());
        assertEquals(0.6, p.cpu().usefulWork(), 1e-12);
        assertEquals(0.2, p.cpu().spinning(), 1e-12);
        assertEquals(0.2, p.cpu().idle(), 1e-12);
        assertEquals(0.1, p.cpu().waitingForCpu(), 1e-12);
        assertSame(first, p.timeline(), "the timeline of replication 0");
        assertEquals("workload.containers=100", p.label());
        assertEquals(4, p.index());
    }

    @Test
    void noOutcomesGiveAnEmptyPoint() {
        PointResult p = PointAggregator.aggregate(0, Map.of(), List.of(), 0.95, Map.of());
        assertTrue(p.metrics().isEmpty());
        assertEquals(0, p.startLatenciesMs().length);
        assertEquals(CpuBreakdown.NONE, p.cpu());
        assertTrue(p.timeline().isEmpty());
        assertEquals("point 0", p.label());
    }

    @Test
    void metricSummaryOfNothingIsNaN() {
        MetricSummary s = MetricSummary.of(new double[0], 0.95);
        assertTrue(Double.isNaN(s.mean()));
        assertEquals(0, s.n());
    }

    @Test
    void experimentListsMetricNamesInFirstSeenOrderAcrossPoints() {
        PointResult p0 = new PointResult(0, Map.of(), Map.of("x", MetricSummary.of(new double[] {1}, 0.95)),
                new double[0], CpuBreakdown.NONE, Timeline.empty(), Map.of());
        Map<String, MetricSummary> m1 = new LinkedHashMap<>();
        m1.put("y", MetricSummary.of(new double[] {1}, 0.95));
        m1.put("x", MetricSummary.of(new double[] {1}, 0.95));
        PointResult p1 = new PointResult(1, Map.of(), m1, new double[0], CpuBreakdown.NONE, Timeline.empty(), Map.of());
        RunDescription run = RunDescription.single(new ScenarioDescription("n", "", "", List.of()));
        ExperimentResult e = new ExperimentResult("n", "d", 1, 1, 0.95, run, List.of(p0, p1), Map.of(), Double.NaN);
        assertEquals(List.of("x", "y"), e.metricNames());
    }

    @Test
    void timelineSpansCannotEndBeforeTheyStart() {
        assertThrows(IllegalArgumentException.class,
                () -> new TimelineSpan("lock", 0, 1, 5, 4, TimelineSpan.Kind.WAIT));
        assertEquals(3, new TimelineSpan("lock", 0, 1, 2, 5, TimelineSpan.Kind.WAIT).durationNs());
    }
}

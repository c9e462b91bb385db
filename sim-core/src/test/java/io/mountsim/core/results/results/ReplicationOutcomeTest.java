package io.mountsim.core.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The event count lives once, as the contract's metric, and every outcome has it. */
class ReplicationOutcomeTest {

    @Test
    void theEventCountIsTheEventsMetric() {
        ReplicationOutcome o = ReplicationOutcome.builder().metric(MetricNames.MAKESPAN_SECONDS, 2.5)
                .events(123_456_789_012L).build();
        assertEquals(123_456_789_012L, o.events());
        assertEquals(123_456_789_012.0, o.metrics().get(MetricNames.EVENTS));
        assertEquals(List.of(MetricNames.MAKESPAN_SECONDS, MetricNames.EVENTS), List.copyOf(o.metrics().keySet()));
    }

    @Test
    void anOutcomeWithoutItsEventCountIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReplicationOutcome.builder().metric(MetricNames.MAKESPAN_SECONDS, 1).build());
        assertTrue(e.getMessage().contains("events"), e.getMessage());
    }

    @Test
    void cuttingChartDataKeepsTheMetricsAndCopiesOnlyWhenSomethingWasCut() {
        double[] all = {3, 1, 2};
        ReplicationOutcome o = ReplicationOutcome.builder().events(7).startLatenciesMs(all).fingerprint(99).build();
        assertSame(o, o.withChartData(all, o.timeline()));
        ReplicationOutcome cut = o.withChartData(new double[]{1, 3}, Timeline.empty());
        assertEquals(o.metrics(), cut.metrics());
        assertEquals(99, cut.fingerprint());
        assertEquals(2, cut.startLatenciesMs().length);
    }
}

package io.mountsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's bookkeeping, not its speed (wall time depends on the machine's load,
 * so speed is measured by hand: see the class comment of {@link HoldModelBenchmark}).
 */
class HoldModelBenchmarkTest {

    @Test
    void processesTheRequestedEventsWithTheSameOrderOnEitherHeap() {
        HoldModelBenchmark.Result binary = HoldModelBenchmark.run(500, 20_000, 3, BinaryHeapEventQueue::new);
        HoldModelBenchmark.Result quaternary = HoldModelBenchmark.run(500, 20_000, 3, QuaternaryHeapEventQueue::new);
        assertEquals(20_000, binary.eventsProcessed());
        assertEquals(binary.eventsProcessed(), quaternary.eventsProcessed());
        // same (time, kind, entity) sequence: the heaps are interchangeable
        assertEquals(binary.fingerprint(), quaternary.fingerprint());
        assertEquals(binary.fingerprint(), HoldModelBenchmark.run(500, 20_000, 3).fingerprint(), "default queue");
        assertNotEquals(binary.fingerprint(), HoldModelBenchmark.run(500, 20_000, 4).fingerprint(), "other seed");
        assertTrue(binary.eventsPerSecond() > 0);
    }

    @Test
    void rejectsEmptyRuns() {
        assertThrows(IllegalArgumentException.class, () -> HoldModelBenchmark.run(0, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> HoldModelBenchmark.run(10, 0, 1));
    }
}

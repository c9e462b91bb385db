package io.mountsim.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Both heaps against a reference: random interleavings of adds and polls must pop
 * exactly what a sorted reference pops, in (time, sequence) order. Times come from a
 * small range so ties (broken by sequence) are the rule, not the exception, and
 * initial capacities are tiny so growth is exercised.
 */
class EventQueuePropertiesTest {

    /** One operation: add an event {@code timeDelta} after the last popped time, or poll. */
    record Op(boolean add, int timeDelta) {
    }

    private record Entry(long timeNs, long sequence, Event event) {
    }

    private static final Comparator<Entry> TIME_THEN_SEQUENCE =
            Comparator.comparingLong(Entry::timeNs).thenComparingLong(Entry::sequence);

    @Property(tries = 300)
    void binaryHeapPopsInTimeThenSequenceOrder(@ForAll("operations") List<Op> ops,
                                               @ForAll @IntRange(min = 1, max = 8) int initialCapacity) {
        checkAgainstReference(BinaryHeapEventQueue::new, initialCapacity, ops);
    }

    @Property(tries = 300)
    void quaternaryHeapPopsInTimeThenSequenceOrder(@ForAll("operations") List<Op> ops,
                                                   @ForAll @IntRange(min = 1, max = 8) int initialCapacity) {
        checkAgainstReference(QuaternaryHeapEventQueue::new, initialCapacity, ops);
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> add = Arbitraries.integers().between(0, 6).map(d -> new Op(true, d));
        Arbitrary<Op> poll = Arbitraries.just(new Op(false, 0));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, add),
                net.jqwik.api.Tuple.of(2, poll)).list().ofMaxSize(400);
    }

    private static void checkAgainstReference(IntFunction<EventQueue> factory, int initialCapacity, List<Op> ops) {
        EventQueue queue = factory.apply(initialCapacity);
        PriorityQueue<Entry> reference = new PriorityQueue<>(TIME_THEN_SEQUENCE);
        long nextSequence = 0;
        long lastPoppedNs = 0;
        for (Op op : ops) {
            if (op.add()) {
                Entry entry = new Entry(lastPoppedNs + op.timeDelta(), nextSequence++, () -> { });
                queue.add(entry.timeNs(), entry.sequence(), entry.event());
                reference.add(entry);
            } else if (!reference.isEmpty()) {
                lastPoppedNs = popAndCompare(queue, reference);
            }
            assertEquals(reference.size(), queue.size());
            assertEquals(reference.isEmpty(), queue.isEmpty());
        }
        while (!reference.isEmpty()) {
            popAndCompare(queue, reference);
        }
        assertTrue(queue.isEmpty());
    }

    private static long popAndCompare(EventQueue queue, PriorityQueue<Entry> reference) {
        Entry expected = reference.poll();
        assertEquals(expected.timeNs(), queue.peekTime());
        assertEquals(expected.sequence(), queue.peekSequence());
        assertSame(expected.event(), queue.poll());
        return expected.timeNs();
    }

    /** Clearing forgets everything, and the queue is usable afterwards. */
    @Property(tries = 50)
    void clearEmptiesTheQueue(@ForAll @IntRange(min = 0, max = 100) int entries) {
        for (IntFunction<EventQueue> factory : List.<IntFunction<EventQueue>>of(
                BinaryHeapEventQueue::new, QuaternaryHeapEventQueue::new)) {
            EventQueue queue = factory.apply(2);
            List<Event> added = new ArrayList<>();
            for (int i = 0; i < entries; i++) {
                Event e = () -> { };
                added.add(e);
                queue.add(entries - i, i, e);
            }
            queue.clear();
            assertTrue(queue.isEmpty());
            assertEquals(0, queue.size());
            Event late = () -> { };
            queue.add(7, entries, late);
            assertSame(late, queue.poll());
        }
    }
}

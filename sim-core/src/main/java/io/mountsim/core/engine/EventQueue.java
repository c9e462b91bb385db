package io.mountsim.core.engine;

import java.util.function.LongConsumer;

/**
 * The pending-event set, ordered by (time, sequence). Kept behind this small interface
 * so other structures (calendar, ladder queues) can be measured against the heap.
 */
public interface EventQueue {
    void add(long timeNs, long sequence, Event event);

    boolean isEmpty();

    int size();

    /** Time of the earliest event; undefined when empty. */
    long peekTime();

    /** Sequence number of the earliest event; undefined when empty. */
    long peekSequence();

    /** Removes and returns the earliest event. */
    Event poll();

    void clear();

    /**
     * Passes the sequence number of every queued event to {@code action}, in no
     * particular order (the engine uses it to forget cancellations of events that
     * already fired).
     */
    void forEachSequence(LongConsumer action);
}

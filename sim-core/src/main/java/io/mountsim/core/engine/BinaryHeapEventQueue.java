package io.mountsim.core.engine;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An array-backed binary min-heap on primitive arrays: times and sequence numbers live in
 * {@code long[]}s beside the events, so ordering never touches an object header or boxes.
 * Ties in time are broken by sequence number, which the simulation assigns in scheduling
 * order, so same-time events run first-scheduled first.
 */
public final class BinaryHeapEventQueue implements EventQueue {
    private long[] times;
    private long[] sequences;
    private Event[] events;
    private int size;

    public BinaryHeapEventQueue() {
        this(1024);
    }

    public BinaryHeapEventQueue(int initialCapacity) {
        int capacity = Math.max(2, initialCapacity);
        times = new long[capacity];
        sequences = new long[capacity];
        events = new Event[capacity];
    }

    @Override
    public void add(long timeNs, long sequence, Event event) {
        if (size == times.length) {
            grow();
        }
        // sift up with a hole: move parents down until the new entry fits
        int hole = size++;
        while (hole > 0) {
            int parent = (hole - 1) >>> 1;
            if (!before(timeNs, sequence, times[parent], sequences[parent])) {
                break;
            }
            times[hole] = times[parent];
            sequences[hole] = sequences[parent];
            events[hole] = events[parent];
            hole = parent;
        }
        times[hole] = timeNs;
        sequences[hole] = sequence;
        events[hole] = event;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public long peekTime() {
        return times[0];
    }

    @Override
    public long peekSequence() {
        return sequences[0];
    }

    @Override
    public Event poll() {
        Event top = events[0];
        int last = --size;
        long t = times[last];
        long s = sequences[last];
        Event e = events[last];
        events[last] = null;
        if (last > 0) {
            siftDown(t, s, e, last);
        }
        return top;
    }

    private void siftDown(long t, long s, Event e, int n) {
        int hole = 0;
        int half = n >>> 1;
        while (hole < half) {
            int child = 2 * hole + 1;
            int right = child + 1;
            if (right < n && before(times[right], sequences[right], times[child], sequences[child])) {
                child = right;
            }
            if (!before(times[child], sequences[child], t, s)) {
                break;
            }
            times[hole] = times[child];
            sequences[hole] = sequences[child];
            events[hole] = events[child];
            hole = child;
        }
        times[hole] = t;
        sequences[hole] = s;
        events[hole] = e;
    }

    @Override
    public void clear() {
        Arrays.fill(events, 0, size, null);
        size = 0;
    }

    @Override
    public void forEachSequence(LongConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(sequences[i]);
        }
    }

    private static boolean before(long t1, long s1, long t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void grow() {
        int capacity = times.length * 2;
        times = Arrays.copyOf(times, capacity);
        sequences = Arrays.copyOf(sequences, capacity);
        events = Arrays.copyOf(events, capacity);
    }
}

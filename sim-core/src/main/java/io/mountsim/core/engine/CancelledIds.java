package io.mountsim.core.engine;

import java.util.Arrays;

/**
 * The ids of cancelled, not yet skipped events: an open-addressing hash set of
 * non-negative {@code long}s (linear probing, backward-shift deletion), so lazy
 * cancellation neither boxes ids nor allocates per cancel, unlike a
 * {@code HashSet<Long>}.
 */
final class CancelledIds {
    private static final long EMPTY = -1;

    private long[] slots = newTable(16);
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Adds a non-negative id; returns false if it was already there. */
    boolean add(long id) {
        if (2 * (size + 1) > slots.length) {
            rehash(slots.length * 2);
        }
        int mask = slots.length - 1;
        int i = slot(id, mask);
        while (slots[i] != EMPTY) {
            if (slots[i] == id) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = id;
        size++;
        return true;
    }

    boolean contains(long id) {
        int mask = slots.length - 1;
        for (int i = slot(id, mask); slots[i] != EMPTY; i = (i + 1) & mask) {
            if (slots[i] == id) {
                return true;
            }
        }
        return false;
    }

    /** Removes {@code id}; returns whether it was there. */
    boolean remove(long id) {
        int mask = slots.length - 1;
        int i = slot(id, mask);
        while (slots[i] != id) {
            if (slots[i] == EMPTY) {
                return false;
            }
            i = (i + 1) & mask;
        }
        // backward-shift deletion: pull later members of the probe run into the gap
        int gap = i;
        for (int j = (gap + 1) & mask; slots[j] != EMPTY; j = (j + 1) & mask) {
            int home = slot(slots[j], mask);
            // move slots[j] into the gap unless its home lies cyclically in (gap, j]
            boolean homeBetween = gap <= j ? (gap < home && home <= j) : (gap < home || home <= j);
            if (!homeBetween) {
                slots[gap] = slots[j];
                gap = j;
            }
        }
        slots[gap] = EMPTY;
        size--;
        return true;
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, EMPTY);
            size = 0;
        }
    }

    private void rehash(int capacity) {
        long[] old = slots;
        slots = newTable(capacity);
        size = 0;
        for (long id : old) {
            if (id != EMPTY) {
                add(id);
            }
        }
    }

    private static long[] newTable(int capacity) {
        long[] t = new long[capacity];
        Arrays.fill(t, EMPTY);
        return t;
    }

    /** Fibonacci hashing: ids are consecutive integers, so spread them over the table. */
    private static int slot(long id, int mask) {
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}

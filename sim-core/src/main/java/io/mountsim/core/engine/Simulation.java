package io.mountsim.core.engine;

import java.util.HashSet;
import java.util.Set;

/**
 * The discrete-event engine: a clock of {@code long} nanoseconds and a pending-event set.
 * The main loop takes the earliest event, advances the clock to its time and fires it.
 *
 * <p>Every scheduled event gets a sequence number in scheduling order; the queue breaks
 * time ties with it, so a run is fully determined by its inputs. Cancellation is lazy:
 * a cancelled event stays queued and is skipped when it comes up.
 *
 * <p>The fingerprint is an FNV-style hash (word-wise, with a rotation) over (time, kind, entity) of every processed
 * event (as in OMNeT++'s fingerprints): equal fingerprints mean equal event sequences,
 * with overwhelming probability.
 */
public final class Simulation {
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;

    private final EventQueue queue;
    private final Set<Long> cancelled = new HashSet<>();
    private long now;
    private long nextSequence;
    private long processed;
    private long fingerprint = FNV_OFFSET;
    private boolean stopped;

    public Simulation() {
        this(defaultQueue(1024));
    }

    /**
     * The pending-event structure the engine uses unless told otherwise, chosen by the
     * hold-model benchmark ({@link HoldModelBenchmark}).
     */
    public static EventQueue defaultQueue(int initialCapacity) {
        return new BinaryHeapEventQueue(initialCapacity);
    }

    public Simulation(EventQueue queue) {
        this.queue = queue;
    }

    /** Current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    /** Schedules {@code event} {@code delayNs} from now; returns its id for {@link #cancel}. */
    public long schedule(long delayNs, Event event) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNs + " ns");
        }
        return scheduleAt(now + delayNs, event);
    }

    /** Schedules {@code event} at absolute time {@code timeNs} (not in the past). */
    public long scheduleAt(long timeNs, Event event) {
        if (timeNs < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeNs + " < " + now);
        }
        long id = nextSequence++;
        queue.add(timeNs, id, event);
        return id;
    }

    /** Cancels a pending event; it will never fire. Unknown or past ids are ignored. */
    public void cancel(long eventId) {
        if (eventId >= 0 && eventId < nextSequence) {
            cancelled.add(eventId);
        }
    }

    /** Runs until no events are left or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event with time at most {@code endNs}; the clock then stands at the last
     * processed event (or at {@code endNs} if events remain beyond it).
     */
    public void runUntil(long endNs) {
        stopped = false;
        while (!stopped && !queue.isEmpty()) {
            long t = queue.peekTime();
            if (t > endNs) {
                now = endNs;
                return;
            }
            long sequence = queue.peekSequence();
            Event e = queue.poll();
            if (!cancelled.isEmpty() && cancelled.remove(sequence)) {
                continue;
            }
            now = t;
            processed++;
            fingerprint = mix(mix(mix(fingerprint, t), e.kind()), e.entity());
            e.fire();
        }
    }

    /** Makes {@link #run()} return after the current event. */
    public void stop() {
        stopped = true;
    }

    public long eventsProcessed() {
        return processed;
    }

    public int pendingEvents() {
        return queue.size();
    }

    /** Hash of the processed event sequence (time, kind, entity). */
    public long fingerprint() {
        return fingerprint;
    }

    /** One word per step instead of FNV's byte per step: three multiplies per event. */
    private static long mix(long h, long value) {
        return Long.rotateLeft((h ^ value) * FNV_PRIME, 29);
    }
}

package io.mountsim.core.engine;

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
    private CancelledIds cancelled = new CancelledIds();
    private long now;
    private long nextSequence;
    private long processed;
    private long fingerprint = FNV_OFFSET;
    private boolean stopped;

    public Simulation() {
        this(defaultQueue(1024));
    }

    /**
     * The pending-event structure the engine uses unless told otherwise: the 4-ary heap,
     * which matched or beat the binary heap in the hold-model benchmark
     * ({@link HoldModelBenchmark}) at both 1,000 and 100,000 pending events. Both give
     * the same event order, so the choice changes speed only, never results.
     */
    public static EventQueue defaultQueue(int initialCapacity) {
        return new QuaternaryHeapEventQueue(initialCapacity);
    }

    public Simulation(EventQueue queue) {
        this.queue = queue;
    }

    /** Current simulated time in nanoseconds. */
    public long now() {
        return now;
    }

    /**
     * Schedules {@code event} {@code delayNs} from now; returns its id for {@link #cancel}.
     * A delay reaching past the end of time ({@code Long.MAX_VALUE} ns, 292 years) is
     * clamped to it, so "never, unless cancelled" can be written as a huge delay.
     */
    public long schedule(long delayNs, Event event) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay: " + delayNs + " ns");
        }
        return scheduleAt(delayNs > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delayNs, event);
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

    /**
     * Cancels a pending event; it will never fire. Unknown ids, and ids of events that
     * already fired or were cancelled, are ignored, so a model may cancel a timer
     * without tracking whether it went off. Cancelling is O(1): the event stays queued
     * and is dropped when it comes up.
     */
    public void cancel(long eventId) {
        if (eventId >= 0 && eventId < nextSequence && cancelled.add(eventId)
                && cancelled.size() > 2 * queue.size() + 64) {
            forgetCancellationsOfFiredEvents();
        }
    }

    /**
     * Cancelling an event that already fired leaves its id in the set for good. When
     * the set outgrows the queue, at least half of it must be such ids, so rebuild it
     * from the ids still queued. The rebuild costs O(queue) and happens only after
     * more than queue-size pointless cancels, so it is O(1) per cancel amortised.
     */
    private void forgetCancellationsOfFiredEvents() {
        CancelledIds stillQueued = new CancelledIds();
        CancelledIds all = cancelled;
        queue.forEachSequence(sequence -> {
            if (all.contains(sequence)) {
                stillQueued.add(sequence);
            }
        });
        cancelled = stillQueued;
    }

    /** Cancellation ids held (for tests: must stay bounded by the queue, not grow with cancels). */
    int cancellationsHeld() {
        return cancelled.size();
    }

    /** Runs until no events are left or {@link #stop()} is called. */
    public void run() {
        runUntil(Long.MAX_VALUE);
    }

    /**
     * Runs every event with time at most {@code endNs}; the clock then stands at the last
     * processed event (or at {@code endNs} if events remain beyond it). The clock never
     * goes backwards: with {@code endNs} before now, nothing happens.
     */
    public void runUntil(long endNs) {
        stopped = false;
        while (!stopped && !queue.isEmpty()) {
            long t = queue.peekTime();
            if (t > endNs) {
                now = Math.max(now, endNs); // a horizon in the past must not turn the clock back
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
        if (queue.isEmpty()) {
            cancelled.clear(); // nothing queued, so every id left names a fired event
        }
    }

    /** Makes {@link #run()} return after the current event. */
    public void stop() {
        stopped = true;
    }

    public long eventsProcessed() {
        return processed;
    }

    /** Events still queued, including cancelled ones not yet dropped. */
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

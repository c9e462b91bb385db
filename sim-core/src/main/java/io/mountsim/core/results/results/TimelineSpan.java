package io.mountsim.core.results;

/**
 * One bar of a lock timeline: a task held or waited for a resource on a lane (a CPU)
 * from {@code startNs} to {@code endNs}, simulated time.
 */
public record TimelineSpan(String resource, int lane, long taskId, long startNs, long endNs, Kind kind) {
    /**
     * HOLD: held exclusively (a spinlock, a seqlock's write side, an rwsem held for
     * writing); READ_HOLD: an rwsem held for reading, shared with other readers; WAIT:
     * waiting to acquire.
     */
    public enum Kind {
        HOLD, WAIT, READ_HOLD;

        public boolean held() {
            return this != WAIT;
        }
    }

    public TimelineSpan {
        if (endNs < startNs) {
            throw new IllegalArgumentException("span ends before it starts: " + startNs + " > " + endNs);
        }
    }

    public long durationNs() {
        return endNs - startNs;
    }
}

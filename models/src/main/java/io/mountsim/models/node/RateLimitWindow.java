package io.mountsim.models.node;

/**
 * systemd's ratelimit_below() (src/basic/ratelimit.c), the check sd-event makes before
 * each dispatch of a rate-limited source (source_dispatch()): a window opens at the first
 * event after the previous window is over, and at most {@code burst} events pass in it.
 */
public final class RateLimitWindow {
    private final int burst;
    private final long intervalNs;
    /** Start of the current window; -1 before the first event. */
    private long beginNs = -1;
    private int count;

    public RateLimitWindow(int burst, long intervalNs) {
        if (burst < 1 || intervalNs <= 0) {
            throw new IllegalArgumentException("burst must be >= 1 and the interval > 0");
        }
        this.burst = burst;
        this.intervalNs = intervalNs;
    }

    /** Counts an event at {@code nowNs}; true when it may pass. */
    public boolean below(long nowNs) {
        if (beginNs < 0 || nowNs - beginNs >= intervalNs) {
            beginNs = nowNs;
            count = 1;
            return true;
        }
        if (count <= burst) {
            count++; // counted once past the burst; more denials need not count
        }
        return count <= burst;
    }

    /** When the current window is over (meaningful after a first event). */
    public long windowEndNs() {
        return beginNs + intervalNs;
    }
}

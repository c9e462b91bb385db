package io.mountsim.core.resource;

import io.mountsim.core.stats.Tally;
import io.mountsim.core.stats.TimeWeighted;

/**
 * What a queued resource saw: wait and hold times per acquisition (ns), the
 * time-weighted queue length and the time-weighted number of busy units.
 */
public final class ResourceStats {
    private final int capacity;
    private final Tally waitNs = new Tally();
    private final Tally holdNs = new Tally();
    private final TimeWeighted queueLength;
    private final TimeWeighted busyUnits;

    public ResourceStats(long startNs, int capacity) {
        this.capacity = capacity;
        this.queueLength = new TimeWeighted(startNs, 0);
        this.busyUnits = new TimeWeighted(startNs, 0);
    }

    public Tally waitNs() {
        return waitNs;
    }

    public Tally holdNs() {
        return holdNs;
    }

    public TimeWeighted queueLength() {
        return queueLength;
    }

    public TimeWeighted busyUnits() {
        return busyUnits;
    }

    /**
     * Discards what was observed before {@code nowNs}, to delete a warm-up period:
     * wait and hold tallies restart empty, the time-weighted queue length and busy units
     * restart from their current values. An acquisition granted after the reset counts
     * its whole wait, even the part before the reset, and a release after it its whole
     * hold (the usual per-customer rule).
     */
    public void reset(long nowNs) {
        waitNs.reset();
        holdNs.reset();
        queueLength.restart(nowNs);
        busyUnits.restart(nowNs);
    }

    /** Fraction of capacity held, averaged over [start, nowNs]. */
    public double utilization(long nowNs) {
        return busyUnits.average(nowNs) / capacity;
    }
}

package io.mountsim.models.locks;

import io.mountsim.core.resource.ResourceStats;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.core.stats.Tally;
import java.util.ArrayList;
import java.util.List;

/**
 * What one lock saw: wait per acquisition, hold per acquisition, the time it was held
 * (by a writer or any reader), and optionally the spans for a lock timeline chart.
 *
 * <p>The figures are the engine's {@link ResourceStats} of a one-unit resource (busy units
 * = 1 while held), the same bookkeeping as sim-core's queued resources, whose queueing
 * theory tests check it; the lock adds its name and timeline. The queue length is not
 * kept: a lock's waiters live in the lock's own queues (MCS queue, rwsem wait list) and no
 * metric reads it.
 */
public final class LockStats {
    private final String name;
    private final ResourceStats resource;
    private final int timelineCap;
    private final List<TimelineSpan> spans;

    /** @param timelineCap maximum spans recorded for the timeline (0 = none) */
    public LockStats(String name, long startNs, int timelineCap) {
        this.name = name;
        this.resource = new ResourceStats(startNs, 1);
        this.timelineCap = timelineCap;
        this.spans = timelineCap > 0 ? new ArrayList<>() : List.of();
    }

    public String name() {
        return name;
    }

    void waited(long sinceNs, long nowNs, int lane, long taskId) {
        resource.waitNs().add(nowNs - sinceNs);
        if (nowNs > sinceNs) {
            span(lane, taskId, sinceNs, nowNs, TimelineSpan.Kind.WAIT);
        }
    }

    void held(long sinceNs, long nowNs, int lane, long taskId) {
        resource.holdNs().add(nowNs - sinceNs);
        span(lane, taskId, sinceNs, nowNs, TimelineSpan.Kind.HOLD);
    }

    /** A shared (read) hold of an rwsem: drawn apart from exclusive holds on the timeline. */
    void heldShared(long sinceNs, long nowNs, int lane, long taskId) {
        resource.holdNs().add(nowNs - sinceNs);
        span(lane, taskId, sinceNs, nowNs, TimelineSpan.Kind.READ_HOLD);
    }

    void heldState(long nowNs, boolean isHeld) {
        resource.busyUnits().update(nowNs, isHeld ? 1 : 0);
    }

    private void span(int lane, long taskId, long from, long to, TimelineSpan.Kind kind) {
        if (spans.size() < timelineCap) {
            spans.add(new TimelineSpan(name, Math.max(0, lane), taskId, from, to, kind));
        }
    }

    public Tally waitNs() {
        return resource.waitNs();
    }

    public Tally holdNs() {
        return resource.holdNs();
    }

    /** Fraction of [start, nowNs] during which the lock was held. */
    public double utilization(long nowNs) {
        return resource.utilization(nowNs);
    }

    public List<TimelineSpan> spans() {
        return spans;
    }
}

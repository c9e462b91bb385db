package io.mountsim.core.results;

/**
 * One bar of a lock timeline: a task held or waited for a resource on a lane (a CPU)
 * from {@code startNs} to {@code endNs}, simulated time.
 */
public record TimelineSpan(String resource, int lane, long taskId, long startNs, long endNs, Kind kind) {
    public enum Kind { HOLD, WAIT }

    public TimelineSpan {
        if (endNs < startNs) {
            throw new IllegalArgumentException("span ends before it starts: " + startNs + " > " + endNs);
        }
    }

    public long durationNs() {
        return endNs - startNs;
    }
}

package io.mountsim.core.results;

import java.util.List;

/**
 * Who held and who waited on which resource over a window of one replication's
 * simulated time, for the lock-timeline chart. {@code lanes} is the number of lanes
 * (CPUs) spans may name.
 */
public record Timeline(long windowStartNs, long windowEndNs, int lanes, List<TimelineSpan> spans) {
    public Timeline {
        spans = List.copyOf(spans);
    }

    public static Timeline empty() {
        return new Timeline(0, 0, 0, List.of());
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }
}

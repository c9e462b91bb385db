package io.mountsim.models.lockbench;

import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the first {@code maxSpans} hold and wait spans of the benchmark's lock for the
 * lock-timeline chart; lanes are the allowed CPUs in order (lane i = i-th allowed CPU).
 */
final class TimelineRecorder {
    static final String RESOURCE = "lockbench.lock";

    private final int maxSpans;
    private final int lanes;
    private final List<TimelineSpan> spans = new ArrayList<>();
    private long windowEndNs = -1;

    TimelineRecorder(int maxSpans, int lanes) {
        this.maxSpans = maxSpans;
        this.lanes = lanes;
    }

    boolean recording() {
        return windowEndNs < 0;
    }

    void span(int lane, long taskId, long startNs, long endNs, TimelineSpan.Kind kind) {
        if (!recording()) {
            return;
        }
        spans.add(new TimelineSpan(RESOURCE, lane, taskId, startNs, endNs, kind));
        if (spans.size() >= maxSpans) {
            windowEndNs = endNs;
        }
    }

    /** Closes the window; spans still open (threads spinning) are cut at its end. */
    void close(long nowNs) {
        if (recording()) {
            windowEndNs = nowNs;
        }
    }

    /** A wait that began inside the window and had not ended when it closed. */
    void openWait(int lane, long taskId, long startNs) {
        if (startNs < windowEndNs) {
            spans.add(new TimelineSpan(RESOURCE, lane, taskId, startNs, windowEndNs, TimelineSpan.Kind.WAIT));
        }
    }

    long windowEndNs() {
        return windowEndNs;
    }

    Timeline timeline() {
        return new Timeline(0, Math.max(0, windowEndNs), lanes, spans);
    }
}

package io.mountsim.reports.data;

import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts a lock timeline down to what one chart can show: spans overlapping the window, in
 * time order, at most {@value #MAX_SPANS} of them. When there are more, the window is
 * shortened to end where the first dropped span starts, so the chart shows a complete
 * picture of a shorter stretch rather than a misleading sparse one of the whole.
 */
public final class TimelineWindow {

    /** Beyond a few thousand bars a Gantt chart is a solid block and its SVG grows to megabytes. */
    public static final int MAX_SPANS = 3000;

    private static final Comparator<TimelineSpan> TIME_ORDER = Comparator
            .comparingLong(TimelineSpan::startNs)
            .thenComparingInt(TimelineSpan::lane)
            .thenComparing(TimelineSpan::resource)
            .thenComparingLong(TimelineSpan::taskId)
            .thenComparingLong(TimelineSpan::endNs)
            .thenComparing(TimelineSpan::kind);

    private TimelineWindow() {
    }

    /** The chartable part of {@code t}; idempotent (limiting a limited timeline changes nothing). */
    public static Timeline limit(Timeline t) {
        if (t.isEmpty()) {
            return Timeline.empty();
        }
        long start = t.windowStartNs();
        long end = t.windowEndNs();
        if (end <= start) { // no window given: the spans' own extent
            start = t.spans().stream().mapToLong(TimelineSpan::startNs).min().orElse(0);
            end = t.spans().stream().mapToLong(TimelineSpan::endNs).max().orElse(start);
        }
        List<TimelineSpan> inside = new ArrayList<>();
        for (TimelineSpan s : t.spans()) {
            if (s.endNs() >= start && s.startNs() <= end) {
                inside.add(s);
            }
        }
        inside.sort(TIME_ORDER);
        if (inside.size() > MAX_SPANS) {
            long cut = inside.get(MAX_SPANS).startNs();
            // keep only spans starting before the cut so the kept set is a prefix in time
            List<TimelineSpan> kept = new ArrayList<>(MAX_SPANS);
            for (TimelineSpan s : inside.subList(0, MAX_SPANS)) {
                if (s.startNs() < cut || kept.isEmpty()) {
                    kept.add(s);
                }
            }
            inside = kept;
            end = Math.max(cut, inside.get(inside.size() - 1).startNs());
        }
        int lanes = t.lanes();
        for (TimelineSpan s : inside) {
            lanes = Math.max(lanes, s.lane() + 1);
        }
        return new Timeline(start, end, lanes, inside);
    }
}

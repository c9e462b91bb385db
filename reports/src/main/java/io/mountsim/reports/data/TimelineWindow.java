package io.mountsim.reports.data;

import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a lock timeline down to what one chart can show: at most {@value #MAX_SPANS} spans,
 * in time order, from the replication's busiest stretch, plus an {@link Timeline.Overview}
 * of the whole replication so the chart can show where that stretch lies. The busiest
 * stretch is the run of {@value #MAX_SPANS} consecutive spans (by start) with the most
 * waiting per unit of time: the first milliseconds of a storm, where the model's first
 * spans used to come from, show the locks before contention builds up.
 */
public final class TimelineWindow {

    /** Beyond a few thousand bars a Gantt chart is a solid block and its SVG grows to megabytes. */
    public static final int MAX_SPANS = 3000;

    /** Bins of the overview strip: finer than a 960-pixel chart can tell apart is wasted. */
    public static final int OVERVIEW_BINS = 240;

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
        int lanes = t.lanes();
        for (TimelineSpan s : inside) {
            lanes = Math.max(lanes, s.lane() + 1);
        }
        if (inside.size() <= MAX_SPANS) {
            return new Timeline(start, end, lanes, inside, t.overview());
        }
        Timeline.Overview overview = t.overview().isEmpty() ? overview(inside, start, end) : t.overview();
        int from = busiest(inside);
        List<TimelineSpan> kept = new ArrayList<>(inside.subList(from, from + MAX_SPANS));
        long windowStart = kept.get(0).startNs();
        long windowEnd = from + MAX_SPANS < inside.size() ? inside.get(from + MAX_SPANS).startNs() : end;
        // a complete picture of the stretch: only spans that start before the next one dropped
        kept.removeIf(s -> s.startNs() >= windowEnd && windowEnd > windowStart);
        return new Timeline(windowStart, Math.max(windowEnd, windowStart + 1), lanes, kept, overview);
    }

    /** Index of the first of the {@value #MAX_SPANS} consecutive spans with the most waiting per ns. */
    static int busiest(List<TimelineSpan> sorted) {
        long waitNs = 0;
        for (int i = 0; i < MAX_SPANS; i++) {
            waitNs += waited(sorted.get(i));
        }
        int best = 0;
        double bestDensity = density(waitNs, sorted, 0);
        for (int i = 1; i + MAX_SPANS <= sorted.size(); i++) {
            waitNs += waited(sorted.get(i + MAX_SPANS - 1)) - waited(sorted.get(i - 1));
            double d = density(waitNs, sorted, i);
            if (d > bestDensity) {
                bestDensity = d;
                best = i;
            }
        }
        return best;
    }

    private static double density(long waitNs, List<TimelineSpan> sorted, int from) {
        long last = sorted.get(from + MAX_SPANS - 1).startNs();
        return (double) waitNs / (last - sorted.get(from).startNs() + 1);
    }

    private static long waited(TimelineSpan s) {
        return s.kind() == TimelineSpan.Kind.WAIT ? s.durationNs() : 0;
    }

    /** Mean waiters and holders of each resource in {@value #OVERVIEW_BINS} equal bins of [start, end]. */
    static Timeline.Overview overview(List<TimelineSpan> spans, long start, long end) {
        long binNs = Math.max(1, (end - start + OVERVIEW_BINS - 1) / OVERVIEW_BINS);
        Map<String, double[]> waiting = new LinkedHashMap<>();
        Map<String, double[]> holding = new LinkedHashMap<>();
        spans.stream().map(TimelineSpan::resource).distinct().sorted().forEach(r -> {
            waiting.put(r, new double[OVERVIEW_BINS]);
            holding.put(r, new double[OVERVIEW_BINS]);
        });
        for (TimelineSpan s : spans) {
            double[] into = (s.kind() == TimelineSpan.Kind.WAIT ? waiting : holding).get(s.resource());
            long a = Math.max(s.startNs(), start);
            long b = Math.min(s.endNs(), end);
            for (long bin = (a - start) / binNs; bin < OVERVIEW_BINS && start + bin * binNs < b; bin++) {
                long lo = Math.max(a, start + bin * binNs);
                long hi = Math.min(b, start + (bin + 1) * binNs);
                if (hi > lo) {
                    into[(int) bin] += (double) (hi - lo) / binNs;
                }
            }
        }
        return new Timeline.Overview(start, binNs, waiting, holding);
    }
}

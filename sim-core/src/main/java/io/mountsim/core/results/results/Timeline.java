package io.mountsim.core.results;

import java.util.List;

/**
 * Who held and who waited on which resource over a window of one replication's
 * simulated time, for the lock-timeline chart. {@code lanes} is the number of lanes
 * (CPUs) spans may name; {@code overview} summarises the whole replication when the
 * spans cover only a window of it.
 */
public record Timeline(long windowStartNs, long windowEndNs, int lanes, List<TimelineSpan> spans, Overview overview) {
    public Timeline {
        spans = List.copyOf(spans);
        overview = overview == null ? Overview.NONE : overview;
    }

    public Timeline(long windowStartNs, long windowEndNs, int lanes, List<TimelineSpan> spans) {
        this(windowStartNs, windowEndNs, lanes, spans, Overview.NONE);
    }

    public static Timeline empty() {
        return new Timeline(0, 0, 0, List.of());
    }

    /**
     * The whole replication in equal time bins: per resource, the mean number of tasks
     * waiting for it and the mean number holding it in each bin (time-weighted).
     *
     * @param startNs start of the first bin
     * @param binNs   width of a bin
     * @param waiting resource to its mean waiters per bin
     * @param holding resource to its mean holders per bin
     */
    public record Overview(long startNs, long binNs, java.util.Map<String, double[]> waiting,
                           java.util.Map<String, double[]> holding) {
        public static final Overview NONE = new Overview(0, 0, java.util.Map.of(), java.util.Map.of());

        public Overview {
            waiting = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(waiting));
            holding = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(holding));
        }

        public boolean isEmpty() {
            return binNs <= 0 || waiting.isEmpty();
        }

        public int bins() {
            return waiting.values().stream().mapToInt(a -> a.length).max().orElse(0);
        }
    }

    public boolean isEmpty() {
        return spans.isEmpty();
    }
}

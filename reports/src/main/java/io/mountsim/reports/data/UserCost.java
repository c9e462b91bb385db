package io.mountsim.reports.data;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;

import java.util.Comparator;
import java.util.Optional;

/**
 * What the user of a node pays at a point, the yardstick alternatives are ranked by:
 * first the starts that miss the health check (a failed start is worse than a slow one),
 * then the time they wait.
 *
 * <p>The time is the makespan when every container arrives at once (a burst: the job is
 * done when the last one is ready), else the mean time from a start's arrival to its
 * rootfs being ready: the wait for a start slot ({@code queueWaitMsMean}) plus the start
 * itself ({@code startLatencyMsMean}). The p99 start latency alone leaves out the queue a
 * concurrency cap builds, which is why it recommended cap 1 (a 70 s makespan) before.
 *
 * @param metric what {@link #of} measures, for sentences ("makespan")
 * @param unit   "s" or "ms"
 */
public record UserCost(String metric, String unit, Kind kind) {

    public enum Kind { MAKESPAN, ARRIVAL_TO_READY, P99 }

    /** The cost a run's points are ranked by; empty when they carry none of the metrics it needs. */
    public static Optional<UserCost> of(ExperimentResult r) {
        boolean burst = r.run().baseline().setting("workload.arrival").equals(Optional.of("burst"));
        if (burst && all(r, MetricNames.MAKESPAN_SECONDS)) {
            return Optional.of(new UserCost("makespan", "s", Kind.MAKESPAN));
        }
        if (all(r, MetricNames.START_LATENCY_MS_MEAN) && all(r, MetricNames.QUEUE_WAIT_MS_MEAN)) {
            return Optional.of(new UserCost("mean time from arrival to ready (slot wait + start)", "ms",
                    Kind.ARRIVAL_TO_READY));
        }
        if (all(r, MetricNames.MAKESPAN_SECONDS)) {
            return Optional.of(new UserCost("makespan", "s", Kind.MAKESPAN));
        }
        if (all(r, MetricNames.START_LATENCY_MS_P99)) {
            return Optional.of(new UserCost("p99 start latency", "ms", Kind.P99));
        }
        return Optional.empty();
    }

    /** The cost at {@code p}, with the half-width of its confidence interval. */
    public Estimate at(PointResult p) {
        return switch (kind) {
            case MAKESPAN -> Estimate.of(p.metric(MetricNames.MAKESPAN_SECONDS));
            case P99 -> Estimate.of(p.metric(MetricNames.START_LATENCY_MS_P99));
            // the two means come from the same replications; the sum of their half-widths bounds
            // the half-width of the sum whatever their correlation (triangle inequality)
            case ARRIVAL_TO_READY -> Estimate.of(p.metric(MetricNames.QUEUE_WAIT_MS_MEAN))
                    .plus(Estimate.of(p.metric(MetricNames.START_LATENCY_MS_MEAN)));
        };
    }

    /** Fewer health-check misses first, then less time; NaN sorts last. */
    public Comparator<PointResult> order() {
        return Comparator.comparingDouble((PointResult p) -> orLast(Estimate.of(p.metric(MetricNames.FAILED_STARTS)).mean()))
                .thenComparingDouble(p -> orLast(at(p).mean()));
    }

    /** Health-check misses per run at {@code p} (NaN when not measured). */
    public static Estimate misses(PointResult p) {
        return Estimate.of(p.metric(MetricNames.FAILED_STARTS));
    }

    private static double orLast(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }

    private static boolean all(ExperimentResult r, String metric) {
        return r.points().stream().allMatch(p -> p.metric(metric) != null && Double.isFinite(p.metric(metric).mean()));
    }

    /**
     * A mean with the half-width of its confidence interval (NaN when unknown, e.g. one replication).
     */
    public record Estimate(double mean, double halfWidth) {
        static Estimate of(MetricSummary s) {
            return s == null ? new Estimate(Double.NaN, Double.NaN) : new Estimate(s.mean(), s.ci95());
        }

        Estimate plus(Estimate o) {
            return new Estimate(mean + o.mean, halfWidth + o.halfWidth);
        }

        /**
         * True when the two intervals do not overlap, so the difference between the means is
         * resolved at the run's level (a conservative test: overlapping intervals can still
         * hide a real difference). Without half-widths nothing is resolved, unless both are
         * exact (zero width) and differ.
         */
        public boolean resolvedFrom(Estimate o) {
            if (Double.isNaN(halfWidth) || Double.isNaN(o.halfWidth)) {
                return false;
            }
            return mean + halfWidth < o.mean - o.halfWidth || o.mean + o.halfWidth < mean - halfWidth;
        }
    }
}

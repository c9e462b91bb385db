package io.mountsim.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one replication of one point produced: named metric values (names from
 * {@link MetricNames} where the contract has one), the per-start latencies for the
 * distribution chart, the CPU time breakdown, an optional lock timeline, and the
 * engine's fingerprint. The engine's event count is the contract's {@code events} metric
 * and lives only there ({@link #events()} reads it); every outcome carries it.
 *
 * <p>A model assembles its outcome once with {@link #builder()}, adding every metric it
 * has before {@link Builder#build()}; nobody copies an outcome to add one.
 */
public record ReplicationOutcome(Map<String, Double> metrics,
                                 double[] startLatenciesMs,
                                 CpuBreakdown cpu,
                                 Timeline timeline,
                                 long fingerprint) {
    public ReplicationOutcome {
        if (!metrics.containsKey(MetricNames.EVENTS)) {
            throw new IllegalArgumentException("an outcome carries the engine's event count (metric '"
                    + MetricNames.EVENTS + "'); metrics were " + metrics.keySet());
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Objects.requireNonNull(startLatenciesMs, "startLatenciesMs");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(timeline, "timeline");
    }

    /** Events the engine processed in this replication (the {@code events} metric). */
    public long events() {
        return metrics.get(MetricNames.EVENTS).longValue();
    }

    /**
     * The same outcome with its chart data cut down (a bounded latency sample, the kept
     * window of the lock timeline), so a long sweep does not hold every replication's
     * full data; the metrics are untouched. Returns this outcome when nothing was cut.
     */
    public ReplicationOutcome withChartData(double[] keptLatenciesMs, Timeline keptTimeline) {
        if (keptLatenciesMs == startLatenciesMs && keptTimeline == timeline) {
            return this;
        }
        return new ReplicationOutcome(metrics, keptLatenciesMs, cpu, keptTimeline, fingerprint);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects one replication's outcome; metrics keep the order they were added in. */
    public static final class Builder {
        private final LinkedHashMap<String, Double> metrics = new LinkedHashMap<>();
        private double[] startLatenciesMs = new double[0];
        private CpuBreakdown cpu = CpuBreakdown.NONE;
        private Timeline timeline = Timeline.empty();
        private long fingerprint;

        private Builder() {
        }

        /** Sets (or replaces) one metric. */
        public Builder metric(String name, double value) {
            metrics.put(name, value);
            return this;
        }

        /** Sets every metric of {@code values}, in their order. */
        public Builder metrics(Map<String, Double> values) {
            metrics.putAll(values);
            return this;
        }

        /** The engine's event count, recorded as the contract's {@code events} metric. */
        public Builder events(long count) {
            return metric(MetricNames.EVENTS, count);
        }

        public Builder startLatenciesMs(double[] latencies) {
            this.startLatenciesMs = latencies;
            return this;
        }

        public Builder cpu(CpuBreakdown breakdown) {
            this.cpu = breakdown;
            return this;
        }

        public Builder timeline(Timeline spans) {
            this.timeline = spans;
            return this;
        }

        /** The engine's fingerprint of the replication (the determinism check). */
        public Builder fingerprint(long value) {
            this.fingerprint = value;
            return this;
        }

        /** @throws IllegalArgumentException when {@link #events} was not given */
        public ReplicationOutcome build() {
            return new ReplicationOutcome(metrics, startLatenciesMs, cpu, timeline, fingerprint);
        }
    }
}

package io.mountsim.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One sweep point summarised over its replications (one row of results.csv).
 *
 * @param index    the point's position in the sweep, the first swept key varying slowest
 * @param values   each swept key's value here, in sweep order (empty without a sweep)
 * @param metrics  every metric by its column name, in results.csv's column order
 * @param measured real-kernel measurements of some metrics at this point, from the
 *                 scenario's {@code measured:} file (empty when none)
 * @param startLatencies every container start's latency in milliseconds, of every
 *                 replication (bounded per replication; see {@link #startLatenciesMs()})
 */
public record Point(int index, Map<String, SweptValue> values, Map<String, Metric> metrics,
                    Map<String, Double> measured, StartLatencies startLatencies) {
    /**
     * Copies the maps, keeping their order.
     *
     * @param index    the point's position in the sweep
     * @param values   swept key to value
     * @param metrics  metric name to summary
     * @param measured metric name to measured value
     * @param startLatencies the start latencies
     */
    public Point {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        measured = Collections.unmodifiableMap(new LinkedHashMap<>(measured));
    }

    /**
     * The value of one swept key at this point.
     *
     * @param key a swept key, e.g. {@code workload.maxConcurrentStarts}
     * @return its value here
     * @throws NoSuchElementException when {@code key} is not swept, naming the swept keys
     */
    public SweptValue value(String key) {
        SweptValue v = values.get(key);
        if (v == null) {
            throw new NoSuchElementException("'" + key + "' is not swept; swept keys: " + values.keySet());
        }
        return v;
    }

    /**
     * One metric by its column name (the names of results.csv, such as
     * {@code startsPerSecond} or {@code startLatencyMsP99}).
     *
     * @param name the metric's column name
     * @return its summary over the replications
     * @throws NoSuchElementException when the point has no such metric, naming those it has
     */
    public Metric metric(String name) {
        Metric m = metrics.get(name);
        if (m == null) {
            throw new NoSuchElementException("no metric '" + name + "' at point " + index + "; metrics: " + metrics.keySet());
        }
        return m;
    }

    /**
     * Every start latency in milliseconds, of every replication in order (a copy). A
     * replication of more than {@code 100,001} starts contributes that many evenly spaced
     * order statistics instead of every value.
     *
     * @return the latencies, empty for a workload without container starts
     */
    public double[] startLatenciesMs() {
        return startLatencies.valuesMs();
    }

    /**
     * A short label such as {@code runtime.idmap=per-layer, workload.containers=100}, or
     * {@code point 0} without a sweep.
     *
     * @return the label
     */
    public String label() {
        if (values.isEmpty()) {
            return "point " + index;
        }
        return String.join(", ", values.values().stream().map(v -> v.key() + "=" + v.text()).toList());
    }

    /**
     * A point's start latencies, kept as an array without copying until asked for.
     * (A record component holding a bare array would compare by identity.)
     */
    public static final class StartLatencies {
        private final double[] valuesMs;

        StartLatencies(double[] valuesMs) {
            this.valuesMs = valuesMs;
        }

        /**
         * The latencies in milliseconds (a copy).
         *
         * @return the latencies
         */
        public double[] valuesMs() {
            return valuesMs.clone();
        }

        /**
         * How many latencies are kept.
         *
         * @return the count
         */
        public int count() {
            return valuesMs.length;
        }

        @Override
        public String toString() {
            return valuesMs.length + " start latencies";
        }
    }
}

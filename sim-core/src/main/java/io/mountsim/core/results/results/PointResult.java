package io.mountsim.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sweep point (or one scenario of a comparison) summarised over its replications.
 *
 * @param index          the point's position in the sweep (stable across shards)
 * @param parameters     swept key (dotted path) to the value it had here, in sweep order
 * @param metrics        metric name to its summary, in output column order
 * @param startLatenciesMs every start latency of every replication, for the CDF chart
 * @param cpu            mean CPU breakdown across replications
 * @param timeline       the lock timeline of replication 0 (may be empty)
 * @param measured       measured real-kernel values of some metrics at this point, for
 *                       simulated-against-measured charts (empty when none)
 * @param replicationValues each metric's value in every replication, in replication order
 *                       (NaN where a replication did not produce it), for the long-format
 *                       table; empty when not kept (results read back from summary.json alone)
 */
public record PointResult(int index,
                          Map<String, String> parameters,
                          Map<String, MetricSummary> metrics,
                          double[] startLatenciesMs,
                          CpuBreakdown cpu,
                          Timeline timeline,
                          Map<String, Double> measured,
                          Map<String, double[]> replicationValues) {
    public PointResult {
        replicationValues = Collections.unmodifiableMap(new LinkedHashMap<>(replicationValues));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        measured = Collections.unmodifiableMap(new LinkedHashMap<>(measured));
    }

    /** A point without per-replication values. */
    public PointResult(int index, Map<String, String> parameters, Map<String, MetricSummary> metrics,
                       double[] startLatenciesMs, CpuBreakdown cpu, Timeline timeline, Map<String, Double> measured) {
        this(index, parameters, metrics, startLatenciesMs, cpu, timeline, measured, Map.of());
    }

    public MetricSummary metric(String name) {
        return metrics.get(name);
    }

    /** A short label such as {@code runtime.idmap=per-layer, workload.containers=100}. */
    public String label() {
        if (parameters.isEmpty()) {
            return "point " + index;
        }
        StringBuilder sb = new StringBuilder();
        parameters.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }
}

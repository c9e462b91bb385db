package io.mountsim.core.results;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one replication of one point produced: named metric values (names from
 * {@link MetricNames} where the contract has one), the per-start latencies for the
 * distribution chart, the CPU time breakdown, an optional lock timeline, and the
 * engine's event count and fingerprint.
 */
public record ReplicationOutcome(Map<String, Double> metrics,
                                 double[] startLatenciesMs,
                                 CpuBreakdown cpu,
                                 Timeline timeline,
                                 long events,
                                 long fingerprint) {
    public ReplicationOutcome {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}

package io.mountsim.core.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the replications of one point into its {@link PointResult}. */
public final class PointAggregator {

    private PointAggregator() {
    }

    public static PointResult aggregate(int index,
                                        Map<String, String> parameters,
                                        List<ReplicationOutcome> outcomes,
                                        double confidence,
                                        Map<String, Double> measured) {
        LinkedHashMap<String, Boolean> names = new LinkedHashMap<>();
        for (ReplicationOutcome o : outcomes) {
            o.metrics().keySet().forEach(k -> names.putIfAbsent(k, Boolean.TRUE));
        }
        LinkedHashMap<String, MetricSummary> metrics = new LinkedHashMap<>();
        LinkedHashMap<String, double[]> perReplication = new LinkedHashMap<>();
        for (String name : names.keySet()) {
            perReplication.put(name, outcomes.stream()
                    .mapToDouble(o -> o.metrics().getOrDefault(name, Double.NaN))
                    .toArray());
            double[] values = outcomes.stream()
                    .map(o -> o.metrics().get(name))
                    .filter(v -> v != null && !v.isNaN())
                    .mapToDouble(Double::doubleValue)
                    .toArray();
            metrics.put(name, MetricSummary.of(values, confidence));
        }
        int total = outcomes.stream().mapToInt(o -> o.startLatenciesMs().length).sum();
        double[] latencies = new double[total];
        int at = 0;
        List<CpuBreakdown> cpus = new ArrayList<>(outcomes.size());
        for (ReplicationOutcome o : outcomes) {
            System.arraycopy(o.startLatenciesMs(), 0, latencies, at, o.startLatenciesMs().length);
            at += o.startLatenciesMs().length;
            cpus.add(o.cpu());
        }
        Timeline timeline = outcomes.isEmpty() ? Timeline.empty() : outcomes.get(0).timeline();
        return new PointResult(index, parameters, metrics, latencies, CpuBreakdown.mean(cpus), timeline, measured,
                perReplication);
    }
}

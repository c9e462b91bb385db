package io.mountsim.reports.data;

import io.mountsim.core.results.MetricNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The one order metrics appear in, everywhere (summary.json, results.csv, report tables):
 * the contract's fixed columns ({@link MetricNames#CONTRACT_ORDER}), then the per-call
 * {@code syscallUsMean.*} columns sorted by name, then {@code events} and
 * {@code wallSeconds} (the order of the contract's table), then any other metric sorted by
 * name (e.g. the lockbench columns). Sorting, rather than the producer's map order, keeps
 * the bytes identical whichever order a model happened to record its metrics in.
 */
public final class MetricOrder {

    /** The contract's columns after the per-call ones (shared/spec/scenario-format.md, "Metric columns"). */
    public static final List<String> CONTRACT_TAIL = List.of(MetricNames.EVENTS, MetricNames.WALL_SECONDS);

    private MetricOrder() {
    }

    /** The given metric names in report order. */
    public static List<String> sort(Collection<String> names) {
        TreeSet<String> present = new TreeSet<>(names);
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        for (String fixed : MetricNames.CONTRACT_ORDER) {
            if (present.contains(fixed)) {
                ordered.add(fixed);
            }
        }
        for (String name : present) {
            if (name.startsWith(MetricNames.SYSCALL_US_MEAN_PREFIX)) {
                ordered.add(name);
            }
        }
        for (String fixed : CONTRACT_TAIL) {
            if (present.contains(fixed)) {
                ordered.add(fixed);
            }
        }
        ordered.addAll(present);
        return new ArrayList<>(ordered);
    }

    /** What marks a container-start run: the contract's columns are about its starts. */
    static final List<String> START_METRICS = List.of(MetricNames.STARTS_PER_SECOND,
            MetricNames.START_LATENCY_MS_MEAN, MetricNames.START_LATENCY_MS_P50, MetricNames.START_LATENCY_MS_P99);

    /**
     * The metric columns of results.csv. For container starts (any point has a start metric):
     * every contract column always (empty cells when a workload does not produce one, so
     * scripts can rely on the header), plus every other metric present. For other workloads
     * (the lock microbenchmark): only the metrics present, not thirty empty start columns.
     * All in {@link #sort} order; except {@code wallSeconds}. The same
     * scenario and seed must give byte-identical results.csv on any machine and number of
     * cores, and the wall time of a point measures the host, not the simulation: it stays
     * in summary.json and the report.
     */
    public static List<String> csvColumns(Collection<String> present) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        if (present.stream().anyMatch(START_METRICS::contains)) {
            all.addAll(MetricNames.CONTRACT_ORDER);
            all.addAll(CONTRACT_TAIL);
        }
        all.addAll(present);
        all.remove(MetricNames.WALL_SECONDS);
        return sort(all);
    }
}

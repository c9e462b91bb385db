package io.mountsim.reports.csv;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.MetricOrder;
import io.mountsim.reports.text.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * replications.csv: every replication's value of every metric, in long ("tidy") format for
 * pandas, R and DuckDB: one row per point x replication x metric, with columns
 * {@code point, <swept keys...>, replication, metric, value}. Rows in point, replication,
 * metric order ({@link MetricOrder}); numbers as in results.csv; an empty value where a
 * replication did not produce the metric. Like results.csv it leaves out {@code wallSeconds}
 * (it measures the host), so it is byte-identical for the same scenario and seed.
 *
 * <pre>
 * df = pd.read_csv("replications.csv")
 * df.pivot_table(index=["point", "replication"], columns="metric", values="value")
 * </pre>
 */
public final class ReplicationsCsv {

    public static final String FILE = "replications.csv";

    private ReplicationsCsv() {
    }

    public static List<String> header(ExperimentResult r) {
        List<String> header = new ArrayList<>();
        header.add("point");
        header.addAll(r.sweptKeys());
        header.addAll(List.of("replication", "metric", "value"));
        return header;
    }

    public static String write(ExperimentResult r) {
        StringBuilder out = new StringBuilder(Csv.line(header(r)));
        for (PointResult p : r.points()) {
            LinkedHashSet<String> names = new LinkedHashSet<>(MetricOrder.sort(p.replicationValues().keySet()));
            names.remove(MetricNames.WALL_SECONDS);
            int replications = p.replicationValues().values().stream().mapToInt(v -> v.length).max().orElse(0);
            for (int rep = 0; rep < replications; rep++) {
                for (String metric : names) {
                    double[] values = p.replicationValues().get(metric);
                    List<String> row = new ArrayList<>();
                    row.add(Integer.toString(p.index()));
                    for (String key : r.sweptKeys()) {
                        row.add(p.parameters().getOrDefault(key, ""));
                    }
                    row.add(Integer.toString(rep));
                    row.add(metric);
                    row.add(rep < values.length ? Numbers.csv(values[rep]) : "");
                    out.append(Csv.line(row));
                }
            }
        }
        return out.toString();
    }
}

package io.mountsim.scenarios.run;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short table printed on stdout after a run: one row per point with its parameters
 * and the headline metrics (container starts or the lock microbenchmark, whichever the
 * points produced). The full set is in the output files.
 */
public final class ResultTable {
    private static final List<String> STARTS = List.of(MetricNames.STARTS_PER_SECOND, MetricNames.START_LATENCY_MS_P50,
            MetricNames.START_LATENCY_MS_P95, MetricNames.START_LATENCY_MS_P99, MetricNames.FAILED_STARTS);
    private static final List<String> LOCKBENCH = List.of(MetricNames.LOCKBENCH_SECONDS, MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION);

    private ResultTable() {
    }

    public static String render(ExperimentResult result) {
        List<String> keys = result.sweptKeys();
        List<String> metrics = new ArrayList<>();
        for (String m : concat(STARTS, LOCKBENCH)) {
            if (result.points().stream().anyMatch(p -> p.metrics().containsKey(m))) {
                metrics.add(m);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(keys.isEmpty() ? List.of("point") : keys);
        header.addAll(metrics);
        rows.add(header);
        for (PointResult p : result.points()) {
            List<String> row = new ArrayList<>();
            if (keys.isEmpty()) {
                row.add(Integer.toString(p.index()));
            } else {
                keys.forEach(k -> row.add(p.parameters().getOrDefault(k, "")));
            }
            for (String m : metrics) {
                MetricSummary s = p.metric(m);
                row.add(s == null ? "-" : format(s));
            }
            rows.add(row);
        }
        return align(rows);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Mean with its half-width when there is one: "472.0 ±12.3". */
    static String format(MetricSummary s) {
        String mean = number(s.mean());
        return Double.isFinite(s.ci95()) && s.ci95() > 0 ? mean + " ±" + number(s.ci95()) : mean;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3g", v);
    }

    private static String align(List<List<String>> rows) {
        int cols = rows.get(0).size();
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = r.get(c);
                line.append(c < cols - 1 ? String.format("%-" + width[c] + "s  ", cell) : cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}

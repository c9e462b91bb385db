package io.mountsim.reports.csv;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.ConfidenceName;
import io.mountsim.reports.data.MetricOrder;
import io.mountsim.reports.text.Numbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * results.csv: one row per point, in index order. Columns: one per swept key (header = its
 * dotted path, cell = the value as given), then for every metric in {@link MetricOrder#csvColumns}
 * order the mean immediately followed by its confidence half-width, named for the run's
 * level ({@code <metric>_ci95} at 0.95, {@code <metric>_ci80} at 0.8: see {@link ConfidenceName}),
 * so a metric and its uncertainty sit side by side and {@code df[[m, m + "_ci95"]]} works.
 * Numbers are {@link Numbers#csv} (plain decimals, no exponent); an empty cell means "no
 * value" (metric not produced, or NaN such as a half-width with fewer than two replications).
 * Fields are quoted per RFC 4180; lines end in LF.
 */
public final class ResultsCsv {

    private ResultsCsv() {
    }

    /** The header row: swept keys, then each metric column followed by its half-width column. */
    public static List<String> header(ExperimentResult r) {
        List<String> header = new ArrayList<>(r.sweptKeys());
        for (String m : metricColumns(r)) {
            header.add(m);
            header.add(m + ConfidenceName.csvSuffix(r.confidence()));
        }
        return header;
    }

    public static List<String> metricColumns(ExperimentResult r) {
        LinkedHashSet<String> present = new LinkedHashSet<>();
        r.points().forEach(p -> present.addAll(p.metrics().keySet()));
        return MetricOrder.csvColumns(present);
    }

    public static String write(ExperimentResult r) {
        StringBuilder out = new StringBuilder(Csv.line(header(r)));
        List<String> metrics = metricColumns(r);
        for (PointResult p : r.points()) {
            List<String> row = new ArrayList<>();
            for (String key : r.sweptKeys()) {
                row.add(p.parameters().getOrDefault(key, ""));
            }
            for (String m : metrics) {
                MetricSummary s = p.metric(m);
                row.add(s == null ? "" : Numbers.csv(s.mean()));
                row.add(s == null ? "" : Numbers.csv(s.ci95()));
            }
            out.append(Csv.line(row));
        }
        return out.toString();
    }
}

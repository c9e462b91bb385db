package io.mountsim.scenarios.validation;

import static io.mountsim.core.results.MetricNames.STARTS_PER_SECOND;
import static io.mountsim.core.results.MetricNames.START_LATENCY_MS_MEAN;
import static io.mountsim.scenarios.validation.Points.number;
import static io.mountsim.scenarios.validation.Points.percent;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The simulator against the real kernel on the calibration host
 * (shared/calibration/epyc-2core/measurements.txt via the shipped
 * calibration-epyc-2core.yaml and its measured CSV): starts/s and mean start latency for
 * 1-64 concurrent starts in both idmap modes, with simulated/measured ratios, and the
 * shape of the measured curves as stated in shared/calibration/README.md.
 */
final class CalibrationComparison {
    static final String FILE = "scenarios/examples/calibration-epyc-2core.yaml";
    /**
     * The agreement issue 7 asks for: every point within 25% of measured throughput (the
     * data's own run-to-run spread is up to 20%, shared/calibration/README.md).
     */
    static final double AGREEMENT = 0.25;
    /** shared/calibration/README.md: "runs of the same point differed by up to 20%". */
    static final double MEASURED_SPREAD = 0.20;
    /** The README's "common-parent mode is 8-10x faster per start at one thread". */
    static final double PARENT_SPEEDUP_LOW = 8;
    static final double PARENT_SPEEDUP_HIGH = 10;

    /** One measured point beside its simulation. */
    record Row(int threads, String idmap, MetricSummary simulatedStartsPerSecond, double measuredStartsPerSecond,
               MetricSummary simulatedLatencyMs, double measuredLatencyMs) {
        double throughputRatio() {
            return simulatedStartsPerSecond.mean() / measuredStartsPerSecond;
        }

        double latencyRatio() {
            return simulatedLatencyMs.mean() / measuredLatencyMs;
        }

        boolean throughputAgrees() {
            return Math.abs(throughputRatio() - 1) <= AGREEMENT;
        }
    }

    private final List<Row> rows;

    private CalibrationComparison(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    static CalibrationComparison of(ExperimentResult result) {
        List<Row> rows = new ArrayList<>();
        for (PointResult p : result.points()) {
            if (!p.measured().containsKey(STARTS_PER_SECOND)) {
                continue;
            }
            rows.add(new Row(Integer.parseInt(p.parameters().get("workload.maxConcurrentStarts")), p.parameters().get("runtime.idmap"),
                    p.metric(STARTS_PER_SECOND), p.measured().get(STARTS_PER_SECOND),
                    p.metric(START_LATENCY_MS_MEAN), p.measured().getOrDefault(START_LATENCY_MS_MEAN, Double.NaN)));
        }
        return new CalibrationComparison(rows);
    }

    static CalibrationComparison run(ValidationRuns runs) {
        return of(runs.run(FILE.substring("scenarios/".length())));
    }

    List<Row> rows() {
        return rows;
    }

    private List<Row> mode(String idmap) {
        return rows.stream().filter(r -> r.idmap().equals(idmap)).toList();
    }

    private Row at(String idmap, int threads) {
        return mode(idmap).stream().filter(r -> r.threads() == threads).findFirst()
                .orElseThrow(() -> new IllegalStateException("no measured point " + idmap + " x " + threads));
    }

    /**
     * The measured curves' shape (shared/calibration/README.md) and the per-point agreement,
     * as checks: the simulator is expected to reproduce what the real kernel did.
     */
    Evaluation evaluate() {
        List<Check> checks = new ArrayList<>();
        Row one = at("per-layer", 1);
        Row last = at("per-layer", 64);
        checks.add(new Check("per-layer: starts/s at 64 threads below the one-thread figure (measured "
                + number(last.measuredStartsPerSecond()) + " < " + number(one.measuredStartsPerSecond()) + ")",
                last.simulatedStartsPerSecond().mean() < one.simulatedStartsPerSecond().mean(),
                "simulated " + number(last.simulatedStartsPerSecond().mean()) + " at 64 vs " + number(one.simulatedStartsPerSecond().mean()) + " at 1"));
        Row peak = mode("per-layer").stream().max((a, b) -> Double.compare(a.simulatedStartsPerSecond().mean(),
                b.simulatedStartsPerSecond().mean())).orElseThrow();
        double measuredPeak = mode("per-layer").stream().mapToDouble(Row::measuredStartsPerSecond).max().orElseThrow()
                / one.measuredStartsPerSecond();
        double simulatedPeak = peak.simulatedStartsPerSecond().mean() / one.simulatedStartsPerSecond().mean();
        checks.add(new Check("per-layer: throughput peaks at 2-8 threads at the measured peak's multiple of one thread ("
                + number(measuredPeak) + "x, within the measured spread of ±" + percent(MEASURED_SPREAD) + ")",
                peak.threads() >= 2 && peak.threads() <= 8
                        && inRange(simulatedPeak, measuredPeak * (1 - MEASURED_SPREAD), measuredPeak * (1 + MEASURED_SPREAD)),
                "simulated peak at " + peak.threads() + " threads, " + number(simulatedPeak) + "x"));
        Row parentOne = at("common-parent", 1);
        double speedup = one.simulatedLatencyMs().mean() / parentOne.simulatedLatencyMs().mean();
        checks.add(new Check("common-parent 8-10x faster per start than per-layer at one thread",
                inRange(speedup, PARENT_SPEEDUP_LOW, PARENT_SPEEDUP_HIGH), "simulated " + number(speedup) + "x (measured "
                + number(one.measuredLatencyMs() / parentOne.measuredLatencyMs()) + "x)"));
        long within = rows.stream().filter(Row::throughputAgrees).count();
        checks.add(new Check("every point's simulated starts/s within ±" + percent(AGREEMENT) + " of measured (issue 7)",
                within == rows.size(), within + " of " + rows.size() + " points; ratios " + ratios()));
        return new Evaluation(within + " of " + rows.size() + " points within ±" + percent(AGREEMENT)
                + " of the measured starts/s; simulated/measured from " + number(minRatio()) + " to " + number(maxRatio()),
                checks, List.of());
    }

    private String ratios() {
        StringBuilder sb = new StringBuilder();
        for (Row r : rows) {
            sb.append(sb.length() == 0 ? "" : ", ").append(r.idmap()).append('@').append(r.threads()).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", r.throughputRatio()));
        }
        return sb.toString();
    }

    double minRatio() {
        return rows.stream().mapToDouble(Row::throughputRatio).min().orElse(Double.NaN);
    }

    double maxRatio() {
        return rows.stream().mapToDouble(Row::throughputRatio).max().orElse(Double.NaN);
    }

    private static boolean inRange(double v, double low, double high) {
        return v >= low && v <= high;
    }
}

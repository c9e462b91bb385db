package io.mountsim.reports.html;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.LatencySample;
import io.mountsim.reports.data.MetricOrder;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.data.ScenarioFacts;
import io.mountsim.reports.data.SweepKeys;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Numbers;
import io.mountsim.reports.text.Words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The answer first: one or two sentences computed from the metrics, e.g.
 * "p99 start 41 s on r5.metal; 9% of starts miss the 30 s health check." and, for
 * comparisons and sweeps, the best alternative to the baseline or the best and worst
 * points of the sweep.
 *
 * @param sentences plain text (escaped by the page writer), most important first
 */
public record Headline(List<String> sentences) {

    public static Headline of(ExperimentResult r) {
        if (r.points().isEmpty()) {
            return new Headline(List.of("No points were simulated."));
        }
        String machine = ScenarioFacts.machineOf(r);
        String on = machine == null ? "" : " on " + machine;
        if (r.points().stream().noneMatch(p -> finite(p, MetricNames.START_LATENCY_MS_P99))) {
            return new Headline(fallback(r, on));
        }
        List<String> out = new ArrayList<>();
        PointResult first = r.points().get(0);
        if (r.points().size() == 1) {
            out.add(outcome(first) + on + "; " + misses(r, first) + ".");
            node(first).ifPresent(out::add);
            return new Headline(out);
        }
        List<PointResult> ranked = r.points().stream()
                .filter(p -> finite(p, MetricNames.START_LATENCY_MS_P99))
                .sorted(Comparator.comparingDouble(Headline::p99))
                .toList();
        // comparisons and sweeps over names (idmap modes, smt on/off) are what-ifs against the first point;
        // numeric sweeps are contention curves, summed up by their two ends
        if (SweepKeys.numericAxis(r).isEmpty()) {
            // a what-if: the first scenario is the status quo, the question is which alternative beats it
            out.add(PointLabels.of(first) + ": " + outcome(first) + on + "; " + misses(r, first) + ".");
            node(first).ifPresent(out::add);
            Optional<PointResult> best = ranked.stream().filter(p -> p != first).findFirst();
            best.ifPresent(b -> {
                boolean better = !finite(first, MetricNames.START_LATENCY_MS_P99) || p99(b) < p99(first);
                String change = finite(first, MetricNames.START_LATENCY_MS_P99)
                        ? " (" + Numbers.change(p99(b), p99(first)) + ")" : "";
                out.add((better ? "Best alternative: " : "No alternative does better; the closest is ")
                        + PointLabels.of(b) + ": " + outcome(b) + change + ", " + missesShort(r, b) + ".");
            });
        } else {
            PointResult worst = ranked.get(ranked.size() - 1);
            PointResult best = ranked.get(0);
            out.add("Worst point (" + PointLabels.of(worst) + "): " + outcome(worst) + on + "; "
                    + misses(r, worst) + ".");
            if (best != worst) {
                out.add("Best point (" + PointLabels.of(best) + "): " + outcome(best) + ", "
                        + missesShort(r, best) + ".");
            }
            atHighestContention(r, SweepKeys.numericAxis(r).get()).ifPresent(out::add);
        }
        return new Headline(out);
    }

    /**
     * For a numeric sweep split by other keys (concurrency x idmap mode): at the largest
     * value of the axis, the first series against the best other one, e.g. "At
     * workload.maxConcurrentStarts=64, runtime.idmap=common-parent: p99 start 37.6 ms
     * (-73% vs runtime.idmap=per-layer)".
     */
    private static Optional<String> atHighestContention(ExperimentResult r, String axis) {
        if (r.sweptKeys().size() < 2) {
            return Optional.empty();
        }
        double top = r.points().stream().mapToDouble(p -> SweepKeys.value(p, axis)).max().orElse(Double.NaN);
        List<PointResult> atTop = r.points().stream()
                .filter(p -> SweepKeys.value(p, axis) == top && finite(p, MetricNames.START_LATENCY_MS_P99))
                .toList();
        if (atTop.size() < 2) {
            return Optional.empty();
        }
        PointResult baseline = atTop.get(0);
        PointResult best = atTop.stream().skip(1).min(Comparator.comparingDouble(Headline::p99)).orElseThrow();
        return Optional.of("At " + axis + "=" + baseline.parameters().get(axis) + ", " + without(best, axis) + ": "
                + outcome(best) + " (" + Numbers.change(p99(best), p99(baseline)) + " vs " + without(baseline, axis)
                + "), " + missesShort(r, best) + ".");
    }

    /** "runtime.idmap=per-layer": the point's parameters other than {@code key}. */
    private static String without(PointResult p, String key) {
        StringBuilder sb = new StringBuilder();
        p.parameters().forEach((k, v) -> {
            if (!k.equals(key)) {
                sb.append(sb.length() > 0 ? ", " : "").append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    /**
     * On a modelled node (a busy one, or with PID 1): where the CPU time went and what the
     * starts waited for PID 1, e.g. "CPU time: 31% work, 4% spinning, 65% idle; starts
     * waited 110 ms for PID 1 on average (PID 1 busy 99% of the time, 3 re-parses of
     * 2,433 lines)." Empty for scenarios without a node.
     */
    private static Optional<String> node(PointResult p) {
        if (p.metric("mountTableLinesInitial") == null) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder("CPU time: ")
                .append(Numbers.percent(p.cpu().usefulWork())).append(" work");
        MetricSummary load = p.metric("nodeLoadCpuFraction");
        if (load != null) {
            sb.append(" (the running containers' own load ").append(Numbers.percent(load.mean())).append(")");
        }
        sb.append(", ")
                .append(Numbers.percent(p.cpu().spinning())).append(" spinning, ")
                .append(Numbers.percent(p.cpu().idle())).append(" idle");
        MetricSummary wait = p.metric("pid1WaitMsMean");
        MetricSummary busy = p.metric("pid1BusyFraction");
        MetricSummary reparses = p.metric("pid1Reparses");
        MetricSummary lines = p.metric("pid1ReparseLinesMean");
        if (wait != null && busy != null && reparses != null && lines != null) {
            sb.append("; starts waited ").append(Numbers.durationMs(wait.mean())).append(" for PID 1 on average (PID 1 busy ")
                    .append(Numbers.percent(busy.mean())).append(" of the time, ").append(Numbers.human(reparses.mean()))
                    .append(" re-parses of ").append(Numbers.human(lines.mean())).append(" lines)");
            MetricSummary late = p.metric("dbusTimeouts");
            if (late != null && late.mean() > 0) {
                sb.append("; ").append(Numbers.human(late.mean())).append(" replies per run came after runc's timeout");
            }
        }
        return Optional.of(sb.append('.').toString());
    }

    /** "p99 start 41 s". */
    private static String outcome(PointResult p) {
        return "p99 start " + Numbers.durationMs(p99(p));
    }

    /** "9% of starts miss the 30 s health check" / "no start misses ...". */
    private static String misses(ExperimentResult r, PointResult p) {
        Optional<Double> share = missShare(r, p);
        if (share.isEmpty()) {
            return failedPerRun(p).map(f -> f + " failed starts per run").orElse("no health-check data");
        }
        String check = "the " + Numbers.durationMs(r.healthCheckTimeoutSeconds() * 1000) + " health check";
        return share.get() == 0 ? "no start misses " + check : Numbers.percent(share.get()) + " of starts miss " + check;
    }

    /** "none miss" / "4% miss", for the second sentence where the timeout was already named. */
    private static String missesShort(ExperimentResult r, PointResult p) {
        Optional<Double> share = missShare(r, p);
        if (share.isEmpty()) {
            return failedPerRun(p).map(f -> f + " failed starts per run").orElse("no health-check data");
        }
        return share.get() == 0 ? "none miss" : Numbers.percent(share.get()) + " miss";
    }

    /**
     * The share of starts over the health-check timeout, from the latency sample (the same
     * sample the CDF chart draws, so the headline and the chart agree).
     */
    private static Optional<Double> missShare(ExperimentResult r, PointResult p) {
        double timeoutMs = r.healthCheckTimeoutSeconds() * 1000;
        if (Double.isNaN(timeoutMs) || p.startLatenciesMs().length == 0) {
            return Optional.empty();
        }
        return Optional.of(LatencySample.fractionAbove(p.startLatenciesMs(), timeoutMs));
    }

    private static Optional<String> failedPerRun(PointResult p) {
        MetricSummary f = p.metric(MetricNames.FAILED_STARTS);
        return f == null || !Double.isFinite(f.mean()) ? Optional.empty() : Optional.of(Numbers.human(f.mean()));
    }

    /** For workloads without start latencies, in order of preference (lockbench's own answer first). */
    static final List<String> FALLBACK_METRICS = List.of(
            MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION, MetricNames.STARTS_PER_SECOND, MetricNames.MAKESPAN_SECONDS);

    /**
     * Workloads without start latencies (lockbench): the preferred metric they report, at
     * the single point, or its lowest and highest across the sweep.
     */
    private static List<String> fallback(ExperimentResult r, String on) {
        List<String> candidates = new ArrayList<>(FALLBACK_METRICS);
        r.points().forEach(p -> candidates.addAll(MetricOrder.sort(p.metrics().keySet())));
        for (String name : candidates) {
            List<PointResult> ranked = r.points().stream().filter(p -> finite(p, name))
                    .sorted(Comparator.comparingDouble(p -> p.metric(name).mean())).toList();
            if (ranked.isEmpty()) {
                continue;
            }
            MetricLabels.Label label = MetricLabels.of(name);
            if (ranked.size() == 1 || r.points().size() == 1) {
                return List.of(Words.capitalise(label.description()) + ": " + value(ranked.get(0), name) + on + ".");
            }
            PointResult low = ranked.get(0);
            PointResult high = ranked.get(ranked.size() - 1);
            return List.of(Words.capitalise(label.description()) + " from " + value(low, name) + " ("
                    + PointLabels.of(low) + ") to " + value(high, name) + " (" + PointLabels.of(high) + ")" + on + ".");
        }
        return List.of("No metrics were produced.");
    }

    private static String value(PointResult p, String metric) {
        String unit = MetricLabels.of(metric).unit();
        return Numbers.human(p.metric(metric).mean()) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static boolean finite(PointResult p, String metric) {
        MetricSummary m = p.metric(metric);
        return m != null && Double.isFinite(m.mean());
    }

    /** NaN when the point has no p99 (Numbers.durationMs prints it as "n/a"). */
    private static double p99(PointResult p) {
        MetricSummary m = p.metric(MetricNames.START_LATENCY_MS_P99);
        return m == null ? Double.NaN : m.mean();
    }
}

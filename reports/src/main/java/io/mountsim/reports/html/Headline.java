package io.mountsim.reports.html;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import io.mountsim.reports.data.ConfidenceName;
import io.mountsim.reports.data.LatencySample;
import io.mountsim.reports.data.MetricOrder;
import io.mountsim.reports.data.PointLabels;
import io.mountsim.reports.data.SweepKeys;
import io.mountsim.reports.data.UnreproducedQuestions;
import io.mountsim.reports.data.UserCost;
import io.mountsim.reports.text.MetricLabels;
import io.mountsim.reports.text.Numbers;
import io.mountsim.reports.text.Words;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer first, computed from the metrics. What it answers depends on the run:
 * <ul>
 *   <li>a concurrency-cap sweep: the recommended cap (per combination of the other swept
 *       keys), ranked by what the user pays ({@link UserCost}: health-check misses, then the
 *       makespan of a burst or the arrival-to-ready time), with its p99 and both intervals,
 *       and whether the runner-up is resolved from it;</li>
 *   <li>a what-if (a comparison, or a sweep over names): the baseline, then the best
 *       alternative by the same yardstick, and whether the difference is resolved;</li>
 *   <li>other numeric sweeps: the worst and best points by p99 and, when another key splits
 *       them, that key's best value at the highest contention.</li>
 * </ul>
 * When the run asks a question scenarios/VALIDATION.md marks as not reproduced, the caveat
 * comes with the answer ({@link UnreproducedQuestions}).
 *
 * @param sentences       plain text (escaped by the page writer), most important first
 * @param recommendations for a cap sweep, one row per series (empty otherwise)
 * @param caveats         unreproduced questions this run asks
 */
public record Headline(List<String> sentences, List<Recommendation> recommendations,
                       List<UnreproducedQuestions.Question> caveats) {

    /** The swept key a concurrency-cap recommendation is about. */
    public static final String CAP_KEY = SweepKeys.CAP_KEY;

    /**
     * The best cap of one series and what it costs.
     *
     * @param series   the other swept keys' values ("runtime.idmap=per-layer"), or "" for one series
     * @param best     the recommended point
     * @param runnerUp the next best (null with one cap)
     * @param resolved whether best and runner-up differ beyond their intervals
     */
    public record Recommendation(String series, PointResult best, PointResult runnerUp, boolean resolved) {
    }

    public Headline(List<String> sentences) {
        this(sentences, List.of(), List.of());
    }

    public static Headline of(ExperimentResult r) {
        Headline answer = answer(r);
        return new Headline(answer.sentences(), answer.recommendations(), UnreproducedQuestions.askedBy(r));
    }

    private static Headline answer(ExperimentResult r) {
        if (r.points().isEmpty()) {
            return new Headline(List.of("No points were simulated."));
        }
        String machine = r.run().commonMachine().orElse(null);
        String on = machine == null ? "" : " on " + machine;
        Optional<UserCost> cost = UserCost.of(r);
        if (r.points().stream().noneMatch(p -> finite(p, MetricNames.START_LATENCY_MS_P99)) && cost.isEmpty()) {
            return new Headline(fallback(r, on));
        }
        List<String> out = new ArrayList<>();
        PointResult first = r.points().get(0);
        if (r.points().size() == 1) {
            out.add(outcome(r, cost, first) + on + "; " + misses(r, first) + ".");
            node(first).ifPresent(out::add);
            return new Headline(out);
        }
        if (isCapSweep(r) && cost.isPresent()) {
            return capRecommendation(r, cost.get(), on);
        }
        if (SweepKeys.numericAxis(r).isEmpty()) {
            whatIf(r, cost, on, out);
            return new Headline(out);
        }
        List<PointResult> ranked = r.points().stream()
                .filter(p -> finite(p, MetricNames.START_LATENCY_MS_P99))
                .sorted(Comparator.comparingDouble(Headline::p99))
                .toList();
        if (ranked.isEmpty()) {
            return new Headline(fallback(r, on));
        }
        PointResult worst = ranked.get(ranked.size() - 1);
        PointResult best = ranked.get(0);
        out.add("Worst point (" + PointLabels.of(worst) + "): " + p99Outcome(worst) + on + "; "
                + misses(r, worst) + ".");
        if (best != worst) {
            out.add("Best point (" + PointLabels.of(best) + "): " + p99Outcome(best) + ", "
                    + missesShort(r, best) + ".");
        }
        atHighestContention(r, SweepKeys.numericAxis(r).get()).ifPresent(out::add);
        return new Headline(out);
    }

    /** A sweep of the concurrency cap over at least two values. */
    static boolean isCapSweep(ExperimentResult r) {
        return !r.comparison() && r.sweptKeys().contains(CAP_KEY)
                && r.points().stream().map(p -> p.parameters().get(CAP_KEY)).distinct().count() >= 2;
    }

    /**
     * "Recommended concurrency cap: 64 (makespan 2.22 s ± 0.05 s, p99 start 711 ms ± 230 ms at 95%
     * confidence; no start misses the 30 s health check)." per series; the runner-up and whether
     * it is resolved; the gain over no cap when "unlimited" was swept.
     */
    private static Headline capRecommendation(ExperimentResult r, UserCost cost, String on) {
        // a key swept over one value is a constant, not a series
        List<String> seriesKeys = r.sweptKeys().stream().filter(k -> !k.equals(CAP_KEY))
                .filter(k -> r.points().stream().map(p -> p.parameters().get(k)).distinct().count() > 1)
                .toList();
        Map<String, List<PointResult>> series = new LinkedHashMap<>();
        for (PointResult p : r.points()) {
            series.computeIfAbsent(seriesLabel(p, seriesKeys), k -> new ArrayList<>()).add(p);
        }
        List<Recommendation> recs = new ArrayList<>();
        for (Map.Entry<String, List<PointResult>> e : series.entrySet()) {
            List<PointResult> ranked = e.getValue().stream().sorted(cost.order()).toList();
            PointResult best = ranked.get(0);
            PointResult runnerUp = ranked.size() > 1 ? ranked.get(1) : null;
            boolean resolved = runnerUp != null && differs(cost, best, runnerUp);
            recs.add(new Recommendation(e.getKey(), best, runnerUp, resolved));
        }
        String level = ConfidenceName.percent(r.confidence());
        List<String> out = new ArrayList<>();
        List<Recommendation> shown = recs.size() <= MAX_SERIES_SENTENCES ? recs : List.of();
        if (shown.isEmpty()) {
            out.add("Recommended concurrency cap for each of the " + recs.size() + " combinations of "
                    + String.join(", ", seriesKeys) + " in the table below, ranked by health-check misses, then "
                    + cost.metric() + on + " (" + level + " confidence intervals).");
        }
        for (Recommendation rec : shown) {
            PointResult b = rec.best();
            String where = rec.series().isEmpty() ? "" : " for " + rec.series();
            out.add("Recommended concurrency cap" + where + ": " + b.parameters().get(CAP_KEY) + " ("
                    + costText(cost, b) + ", " + withCi(p99Estimate(b), "ms", "p99 start ") + ", " + level
                    + " confidence" + on + "; " + misses(r, b) + ").");
            if (rec.runnerUp() != null) {
                PointResult u = rec.runnerUp();
                out.add(rec.resolved()
                        ? "Next best: " + u.parameters().get(CAP_KEY) + " (" + costText(cost, u) + "); the difference is resolved."
                        : "Not resolved: " + u.parameters().get(CAP_KEY) + " is as good within the " + level
                        + " confidence intervals (" + costText(cost, u) + "; the intervals overlap).");
            }
            unlimitedIn(r, rec, seriesKeys).ifPresent(u -> out.add("Without a cap: " + costText(cost, u) + " ("
                    + Numbers.change(cost.at(u).mean(), cost.at(b).mean()).replace("+", "") + " longer than at cap "
                    + b.parameters().get(CAP_KEY) + ")."));
        }
        return new Headline(out, recs, List.of());
    }

    /** More series than this go to the recommendation table only. */
    static final int MAX_SERIES_SENTENCES = 3;

    private static Optional<PointResult> unlimitedIn(ExperimentResult r, Recommendation rec, List<String> seriesKeys) {
        if (rec.best().parameters().get(CAP_KEY).equals("unlimited")) {
            return Optional.empty();
        }
        return r.points().stream()
                .filter(p -> "unlimited".equals(p.parameters().get(CAP_KEY)))
                .filter(p -> seriesLabel(p, seriesKeys).equals(rec.series()))
                .findFirst();
    }

    /**
     * Best is resolved from runner-up when their misses differ beyond the intervals, or when
     * their misses are equal and their costs differ beyond the intervals.
     */
    private static boolean differs(UserCost cost, PointResult a, PointResult b) {
        UserCost.Estimate ma = UserCost.misses(a);
        UserCost.Estimate mb = UserCost.misses(b);
        if (ma.mean() != mb.mean() && !Double.isNaN(ma.mean()) && !Double.isNaN(mb.mean())) {
            return ma.resolvedFrom(mb);
        }
        return cost.at(a).resolvedFrom(cost.at(b));
    }

    private static String seriesLabel(PointResult p, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add(k + "=" + p.parameters().getOrDefault(k, "?"));
        }
        return String.join(", ", parts);
    }

    /**
     * The first point is the status quo: what it costs, then the alternative that costs least
     * and whether the difference is resolved.
     */
    private static void whatIf(ExperimentResult r, Optional<UserCost> cost, String on, List<String> out) {
        PointResult first = r.points().get(0);
        out.add(PointLabels.of(first) + ": " + outcome(r, cost, first) + on + "; " + misses(r, first) + ".");
        node(first).ifPresent(out::add);
        Comparator<PointResult> order = cost.map(UserCost::order)
                .orElse(Comparator.comparingDouble(p -> Double.isNaN(p99(p)) ? Double.POSITIVE_INFINITY : p99(p)));
        Optional<PointResult> best = r.points().stream().skip(1).min(order);
        if (best.isEmpty()) {
            return;
        }
        PointResult b = best.get();
        boolean better = order.compare(b, first) < 0;
        String change = changeText(cost, b, first);
        String level = ConfidenceName.percent(r.confidence());
        out.add((better ? "Best alternative: " : "No alternative does better; the closest is ")
                + PointLabels.of(b) + ": " + outcome(r, cost, b) + change + ", " + missesShort(r, b) + ".");
        if (cost.isPresent() && !Double.isNaN(cost.get().at(first).mean())) {
            out.add(differs(cost.get(), b, first)
                    ? "The difference from " + PointLabels.of(first) + " is resolved: the " + level
                    + " confidence intervals do not overlap."
                    : "Not resolved: the difference from " + PointLabels.of(first) + " lies inside the " + level
                    + " confidence intervals (they overlap), so the two cannot be told apart at "
                    + r.replications() + " replications.");
        }
    }

    /** " (-98%)" on the cost (and on p99 when there is no cost); "" when the baseline has none. */
    private static String changeText(Optional<UserCost> cost, PointResult p, PointResult baseline) {
        if (cost.isPresent()) {
            double base = cost.get().at(baseline).mean();
            return Double.isNaN(base) ? "" : " (" + Numbers.change(cost.get().at(p).mean(), base) + ")";
        }
        return finite(baseline, MetricNames.START_LATENCY_MS_P99) ? " (" + Numbers.change(p99(p), p99(baseline)) + ")" : "";
    }

    /** "makespan 2.2 s ± 0.1 s, p99 start 41 s" (the p99 alone when there is no cost). */
    private static String outcome(ExperimentResult r, Optional<UserCost> cost, PointResult p) {
        if (cost.isEmpty() || cost.get().kind() == UserCost.Kind.P99) {
            return p99Outcome(p);
        }
        return costText(cost.get(), p) + ", " + p99Outcome(p);
    }

    /** "makespan 2.22 s ± 0.05 s". */
    private static String costText(UserCost cost, PointResult p) {
        String name = cost.kind() == UserCost.Kind.ARRIVAL_TO_READY ? "arrival to ready " : cost.metric() + " ";
        return withCi(cost.at(p), cost.unit(), name);
    }

    private static String withCi(UserCost.Estimate e, String unit, String name) {
        double toMs = unit.equals("s") ? 1000 : 1;
        String mean = Numbers.durationMs(e.mean() * toMs);
        if (Double.isNaN(e.halfWidth()) || Double.isNaN(e.mean())) {
            return name + mean;
        }
        return name + mean + " ± " + Numbers.durationMs(e.halfWidth() * toMs);
    }

    private static UserCost.Estimate p99Estimate(PointResult p) {
        MetricSummary m = p.metric(MetricNames.START_LATENCY_MS_P99);
        return m == null ? new UserCost.Estimate(Double.NaN, Double.NaN) : new UserCost.Estimate(m.mean(), m.ci95());
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
                + p99Outcome(best) + " (" + Numbers.change(p99(best), p99(baseline)) + " vs " + without(baseline, axis)
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
    private static String p99Outcome(PointResult p) {
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

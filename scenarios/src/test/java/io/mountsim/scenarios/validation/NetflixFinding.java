package io.mountsim.scenarios.validation;

import static io.mountsim.core.results.MetricNames.FAILED_STARTS;
import static io.mountsim.core.results.MetricNames.LOCKBENCH_NS_PER_CRITICAL_SECTION;
import static io.mountsim.core.results.MetricNames.MAKESPAN_SECONDS;
import static io.mountsim.core.results.MetricNames.MOUNT_OPS;
import static io.mountsim.core.results.MetricNames.STARTS_PER_SECOND;
import static io.mountsim.core.results.MetricNames.START_LATENCY_MS_MEAN;
import static io.mountsim.core.results.MetricNames.START_LATENCY_MS_P95;
import static io.mountsim.core.results.MetricNames.START_LATENCY_MS_P99;
import static io.mountsim.scenarios.validation.Points.number;
import static io.mountsim.scenarios.validation.Points.percent;
import static io.mountsim.scenarios.validation.Points.withCi;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricSummary;
import io.mountsim.core.results.PointResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The findings of "Mount Mayhem at Netflix" (shared/design/netflix-study.md, issue 6),
 * each checked against the shipped scenario that models it. The checks state the published
 * claims with the tolerances of issue 6; they are never loosened to what the model does
 * (a finding the model misses is reported as missed, see VALIDATION.md).
 */
enum NetflixFinding {

    OP_COUNT(1, "Mount operations for 100 starts x 50 layers, per-layer idmap, 2 passes: 20,200; common-parent: 600 (exact)",
            "20,200 = 100 x 2 x (1 + 50 + 50); 600 = 100 x 2 x 3",
            "scenarios/netflix/op-count.yaml") {
        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            MetricSummary perLayer = p.metric(MOUNT_OPS, "runtime.idmap", "per-layer");
            MetricSummary parent = p.metric(MOUNT_OPS, "runtime.idmap", "common-parent");
            return new Evaluation("per-layer " + withCi(perLayer) + ", common-parent " + withCi(parent),
                    List.of(exactly("per-layer mountOps = 20,200 in every replication", perLayer, 20_200),
                            exactly("common-parent mountOps = 600 in every replication", parent, 600)),
                    List.of());
        }

        private Check exactly(String claim, MetricSummary m, double published) {
            return new Check(claim, m.min() == published && m.max() == published,
                    "min " + number(m.min()) + ", max " + number(m.max()));
        }
    },

    TWENTY_OR_FEWER_ALIKE(2, "At 20 or fewer concurrent starts r5.metal, m7i.metal-24xl and m7a.24xlarge behave alike: "
            + "mean start latency within 1.5x of each other",
            "qualitative (\"all instance types behave alike\")",
            "scenarios/netflix/twenty-or-fewer-alike.yaml") {
        private static final double ALIKE_RATIO = 1.5;

        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            List<Check> checks = new ArrayList<>();
            StringJoiner figure = new StringJoiner("; ");
            List<String> notes = new ArrayList<>();
            for (String starts : List.of("5", "20")) {
                List<Named> means = new ArrayList<>();
                for (String machine : THREE_INSTANCE_TYPES) {
                    means.add(new Named(machine, p.metric(START_LATENCY_MS_MEAN, "machine", machine, "workload.containers", starts)));
                }
                double ratio = maxOverMin(means);
                checks.add(new Check("at " + starts + " starts: slowest / fastest mean start latency <= " + ALIKE_RATIO,
                        ratio <= ALIKE_RATIO, "ratio " + number(ratio) + "; " + listing(means, " ms")));
                figure.add(starts + " starts: ratio " + number(ratio) + " (" + listing(means, " ms") + ")");
                MetricSummary twoSocket = p.metric(START_LATENCY_MS_MEAN, "machine", "m7i.metal-48xl", "workload.containers", starts);
                notes.add("m7i.metal-48xl at " + starts + " starts (not in the claim's three types): mean "
                        + withCi(twoSocket) + " ms, " + number(twoSocket.mean() / minMean(means)) + "x the fastest of the three");
            }
            return new Evaluation(figure.toString(), checks, notes);
        }
    },

    HUNDRED_PLUS_ORDERING(3, "At 100+ concurrent starts of a 50-layer image: p95 start latency r5.metal > m7i.metal-24xl > "
            + "m7a.24xlarge; r5.metal starts begin to miss the 30 s health check around 100 containers (systemd watching); "
            + "m7a.24xlarge has the fewest misses",
            "r5.metal fails from ~100 containers; m7a.24xlarge lowest failure rate (ordering qualitative)",
            "scenarios/netflix/hundred-plus-ordering.yaml") {
        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            List<String> counts = List.of("100", "200", "400");
            boolean meansOrdered = true;
            boolean cisSeparate = true;
            boolean m7aFewest = true;
            boolean anyMiss = false;
            StringJoiner p95s = new StringJoiner("; ");
            StringJoiner misses = new StringJoiner("; ");
            for (String n : counts) {
                List<Named> p95 = new ArrayList<>();
                List<Named> failed = new ArrayList<>();
                for (String machine : THREE_INSTANCE_TYPES) {
                    p95.add(new Named(machine, p.metric(START_LATENCY_MS_P95, "machine", machine, "workload.containers", n)));
                    failed.add(new Named(machine, p.metric(FAILED_STARTS, "machine", machine, "workload.containers", n)));
                }
                meansOrdered &= descending(p95);
                cisSeparate &= neighboursSeparated(p95);
                double m7a = failed.get(2).value().mean();
                m7aFewest &= m7a <= failed.get(0).value().mean() && m7a <= failed.get(1).value().mean();
                anyMiss |= failed.stream().anyMatch(f -> f.value().mean() > 0);
                p95s.add(n + " starts: " + listing(p95, " ms"));
                misses.add(n + " starts: " + listing(failed, ""));
            }
            MetricSummary r5At100 = p.metric(FAILED_STARTS, "machine", "r5.metal", "workload.containers", "100");
            StringJoiner at100 = new StringJoiner(", ");
            StringJoiner failedTotal = new StringJoiner(", ");
            for (String machine : THREE_INSTANCE_TYPES) {
                at100.add(machine + " " + withCi(p.metric(START_LATENCY_MS_P95, "machine", machine, "workload.containers", "100")));
                double sum = counts.stream().mapToDouble(n -> p.metric(FAILED_STARTS, "machine", machine, "workload.containers", n).mean()).sum();
                failedTotal.add(machine + " " + number(sum));
            }
            return new Evaluation("p95 at 100 starts: " + at100 + " ms; mean failed starts summed over 100+200+400: " + failedTotal,
                    List.of(new Check("p95 r5.metal > m7i.metal-24xl > m7a.24xlarge on the means at 100, 200 and 400 starts",
                                    meansOrdered, p95s.toString()),
                            new Check("that p95 ordering is resolved: neighbours' 95% CIs do not overlap at any count",
                                    cisSeparate, p95s.toString()),
                            new Check("r5.metal misses the 30 s health check at 100 starts (failedStarts > 0)",
                                    r5At100.mean() > 0, "r5.metal at 100: " + withCi(r5At100) + " failed starts"),
                            // with no misses anywhere there is no failure rate to rank, so the claim is not shown
                            new Check("m7a.24xlarge has the fewest failed starts at every count (and some machine misses)",
                                    anyMiss && m7aFewest, (anyMiss ? "" : "no machine misses at any count; ") + misses)),
                    List.of());
        }
    },

    TWO_SOCKETS_WORSE(4, "Two sockets (m7i.metal-48xl) are worse than one (m7i.metal-24xl) at the same load (200 starts)",
            "qualitative (\"the extra hop introduces high latencies and hence failures very quickly\")",
            "scenarios/netflix/two-sockets-worse.yaml") {
        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            Named oneP99 = new Named("m7i.metal-24xl", p.metric(START_LATENCY_MS_P99, "machine", "m7i.metal-24xl"));
            Named twoP99 = new Named("m7i.metal-48xl", p.metric(START_LATENCY_MS_P99, "machine", "m7i.metal-48xl"));
            Named oneRate = new Named("m7i.metal-24xl", p.metric(STARTS_PER_SECOND, "machine", "m7i.metal-24xl"));
            Named twoRate = new Named("m7i.metal-48xl", p.metric(STARTS_PER_SECOND, "machine", "m7i.metal-48xl"));
            String p99 = listing(List.of(twoP99, oneP99), " ms");
            String rate = listing(List.of(oneRate, twoRate), " starts/s");
            MetricSummary m7aOne = p.metric(START_LATENCY_MS_P99, "machine", "m7a.24xlarge");
            MetricSummary m7aTwo = p.metric(START_LATENCY_MS_P99, "machine", "m7a.metal-48xl");
            return new Evaluation("p99 " + p99 + "; " + rate,
                    List.of(new Check("p99 start latency higher on m7i.metal-48xl (means)", twoP99.value().mean() > oneP99.value().mean(), p99),
                            new Check("starts/s lower on m7i.metal-48xl (means)", twoRate.value().mean() < oneRate.value().mean(), rate),
                            new Check("both differences resolved: 95% CIs do not overlap",
                                    Points.separated(oneP99.value(), twoP99.value()) && Points.separated(oneRate.value(), twoRate.value()),
                                    p99 + "; " + rate)),
                    List.of("AMD pair (not in the claim): p99 m7a.metal-48xl " + withCi(m7aTwo) + " ms vs m7a.24xlarge "
                            + withCi(m7aOne) + " ms"));
        }
    },

    SMT_OFF_M7I(5, "SMT off on m7i.metal-24xl improves launch latency by 20-30% (accepted: 10-40% lower mean start latency, 200 starts)",
            "20-30%",
            "scenarios/netflix/smt-off-m7i.yaml") {
        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            return improvement(p.metric(START_LATENCY_MS_MEAN, "mitigations.smt", "on"), "SMT on",
                    p.metric(START_LATENCY_MS_MEAN, "mitigations.smt", "off"), "SMT off", 0.10, 0.40);
        }
    },

    M7I_NOHT_VS_M7A(6, "m7i.metal-24xl with SMT off vs m7a.24xlarge at the same core count (48): m7a about 20% better "
            + "(accepted: 10-35% lower mean start latency, 200 starts)",
            "about 20% in m7a's favour",
            "scenarios/netflix/m7i-noht-vs-m7a.yaml") {
        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            return improvement(p.metric(START_LATENCY_MS_MEAN, "machine", "m7i.metal-24xl"), "m7i (HT off)",
                    p.metric(START_LATENCY_MS_MEAN, "machine", "m7a.24xlarge"), "m7a", 0.10, 0.35);
        }
    },

    LOCK_MICROBENCH(7, "Global-lock microbenchmark: at 64 threads r5.metal pinned to one socket much faster (>= 1.5x fewer ns "
            + "per critical section) and m7i faster with HT off; m7a.24xlarge scales best (fewest ns at 64 threads and the "
            + "least growth from 8 to 64 threads)",
            "qualitative",
            "scenarios/netflix/lock-microbench.yaml") {
        private static final double MUCH_FASTER = 1.5;
        private static final String HIGH = "64";
        private static final String LOW = "8";

        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file()));
            MetricSummary r5All = ns(p, "r5.metal", "on", "all", HIGH);
            MetricSummary r5Pinned = ns(p, "r5.metal", "on", "socket:0", HIGH);
            MetricSummary m7iOn = ns(p, "m7i.metal-24xl", "on", "all", HIGH);
            MetricSummary m7iOff = ns(p, "m7i.metal-24xl", "off", "all", HIGH);
            List<Named> atHigh = new ArrayList<>();
            StringJoiner growth = new StringJoiner(", ");
            String leastGrowth = null;
            double least = Double.POSITIVE_INFINITY;
            for (String machine : THREE_INSTANCE_TYPES) {
                MetricSummary high = ns(p, machine, "on", "all", HIGH);
                double g = high.mean() / ns(p, machine, "on", "all", LOW).mean();
                atHigh.add(new Named(machine, high));
                growth.add(machine + " " + number(g) + "x");
                if (g < least) {
                    least = g;
                    leastGrowth = machine;
                }
            }
            double pinGain = r5All.mean() / r5Pinned.mean();
            Named fastest = atHigh.stream().min(Comparator.comparingDouble(n -> n.value().mean())).orElseThrow();
            String r5 = "r5.metal all " + withCi(r5All) + " ns, socket:0 " + withCi(r5Pinned) + " ns (" + number(pinGain) + "x)";
            String m7i = "m7i HT on " + withCi(m7iOn) + " ns, off " + withCi(m7iOff) + " ns";
            String growthText = "ns per critical section, 64 / 8 threads: " + growth;
            return new Evaluation("at 64 threads, ns per critical section: " + r5 + "; " + m7i + "; " + listing(atHigh, " ns")
                    + ". " + growthText,
                    List.of(new Check("r5.metal pinned to socket 0 >= " + MUCH_FASTER + "x faster than unpinned at 64 threads",
                                    pinGain >= MUCH_FASTER, r5),
                            new Check("m7i.metal-24xl faster with HT off at 64 threads (CIs disjoint)",
                                    m7iOff.mean() < m7iOn.mean() && Points.separated(m7iOff, m7iOn), m7i),
                            new Check("m7a.24xlarge has the fewest ns per critical section of the three at 64 threads (CIs disjoint "
                                    + "from the next)", fastest.name().equals("m7a.24xlarge")
                                    && neighboursSeparated(sortedDescending(atHigh)), listing(atHigh, " ns")),
                            new Check("m7a.24xlarge's ns per critical section grows least from 8 to 64 threads",
                                    "m7a.24xlarge".equals(leastGrowth), growthText)),
                    List.of());
        }

        private MetricSummary ns(Points p, String machine, String smt, String cpuset, String threads) {
            return p.metric(LOCKBENCH_NS_PER_CRITICAL_SECTION, "machine", machine, "mitigations.smt", smt, "mitigations.cpuset", cpuset,
                    "workload.threads", threads);
        }
    },

    COMMON_PARENT_FIX(8, "The common-parent fix removes the bottleneck: at 100 starts x 50 layers its p99 start latency is "
            + ">= 5x lower than per-layer's on every preset",
            "qualitative (health-check failures gone; 10,000 -> 200 idmapped mounts)",
            "scenarios/netflix/common-parent-fix.yaml") {
        private static final double FIX_FACTOR = 5;
        // The file also sweeps fd-lowerdirs and containerd 2.3's skipped introspection idmap;
        // this finding reads the two containerd releases only, so only those points run here.
        private static final String[] CLAIM_POINTS = {"sweep.runtime.idmap=[per-layer, common-parent]",
            "sweep.runtime.idmapIntrospectionPass=[true]"};

        @Override
        Evaluation evaluate(ValidationRuns runs) {
            Points p = Points.of(runs.run(file(), CLAIM_POINTS));
            List<Check> checks = new ArrayList<>();
            StringJoiner figure = new StringJoiner("; ");
            for (String machine : PRESETS) {
                MetricSummary perLayer = p.metric(START_LATENCY_MS_P99, "machine", machine, "runtime.idmap", "per-layer");
                MetricSummary parent = p.metric(START_LATENCY_MS_P99, "machine", machine, "runtime.idmap", "common-parent");
                double factor = perLayer.mean() / parent.mean();
                String numbers = "p99 per-layer " + withCi(perLayer) + " ms, common-parent " + withCi(parent) + " ms: "
                        + number(factor) + "x";
                checks.add(new Check(machine + ": per-layer p99 >= " + number(FIX_FACTOR) + "x common-parent p99",
                        factor >= FIX_FACTOR, numbers));
                figure.add(machine + " " + number(factor) + "x (" + number(perLayer.mean()) + " -> " + number(parent.mean()) + " ms)");
            }
            return new Evaluation(figure.toString(), checks, List.of());
        }
    },

    CONCURRENCY_CAP_OPTIMUM(9, "Beyond the study: for each preset, the concurrency cap that minimises the makespan of 200 starts, "
            + "and what fd-lowerdirs and fewer layers buy (the optimum exists and is reported)",
            "not in the study",
            "scenarios/netflix/concurrency-cap-optimum.yaml") {
        /** The file's sweep: runtime.idmap [per-layer, fd-lowerdirs] x workload.layers [50, 10]. */
        private static final int VARIANTS = 4;

        @Override
        Evaluation evaluate(ValidationRuns runs) {
            ExperimentResult result = runs.run(file());
            List<CapOptimum> optima = CapOptimum.all(result);
            List<Check> checks = new ArrayList<>();
            StringJoiner figure = new StringJoiner("; ");
            for (String machine : PRESETS) {
                List<CapOptimum> mine = optima.stream().filter(o -> o.machine().equals(machine)).toList();
                boolean found = mine.size() == VARIANTS && mine.stream().allMatch(CapOptimum::finite);
                StringJoiner caps = new StringJoiner(", ");
                mine.forEach(o -> caps.add(o.idmap() + "/" + o.layers() + " layers: cap " + o.bestCap() + ", " + withCi(o.best()) + " s"));
                checks.add(new Check(machine + ": a makespan-minimising cap is found for each of the " + VARIANTS
                        + " variants (idmap x layers)", found, caps.length() == 0 ? "no points" : caps.toString()));
                mine.stream().filter(o -> o.idmap().equals("per-layer") && o.layers().equals("50")).findFirst()
                        .ifPresent(o -> figure.add(machine + " cap " + o.bestCap() + " (" + number(o.best().mean()) + " s)"));
            }
            return new Evaluation("per-layer, 50 layers: " + figure + "; the rest in the optimum table below", checks, List.of());
        }
    };

    /** The three instance types the study compares throughout. */
    static final List<String> THREE_INSTANCE_TYPES = List.of("r5.metal", "m7i.metal-24xl", "m7a.24xlarge");
    /** Every AWS preset of MachinePresets. */
    static final List<String> PRESETS = List.of("r5.metal", "m7i.metal-24xl", "m7i.metal-48xl", "m7a.24xlarge", "m7a.metal-48xl");

    private final int id;
    private final String claim;
    private final String publishedFigure;
    private final String file;

    NetflixFinding(int id, String claim, String publishedFigure, String file) {
        this.id = id;
        this.claim = claim;
        this.publishedFigure = publishedFigure;
        this.file = file;
    }

    abstract Evaluation evaluate(ValidationRuns runs);

    int id() {
        return id;
    }

    String claim() {
        return claim;
    }

    String publishedFigure() {
        return publishedFigure;
    }

    /** The scenario file, relative to the repository root (as {@code mountsim run} is documented). */
    String scenarioFile() {
        return file;
    }

    /** The scenario file relative to the scenarios module, where the tests run. */
    String file() {
        return file.substring("scenarios/".length());
    }

    /** A metric of one machine or configuration, for listings and orderings. */
    record Named(String name, MetricSummary value) {
    }

    /**
     * "lower by 10-40%": {@code 1 - better/baseline} inside [low, high], with an approximate
     * 95% interval of that fraction from the two means' half-widths (first-order error
     * propagation of a ratio: relative half-widths add in quadrature).
     */
    static Evaluation improvement(MetricSummary baseline, String baselineName, MetricSummary better, String betterName,
                                  double low, double high) {
        double ratio = better.mean() / baseline.mean();
        double gain = 1 - ratio;
        double relHalf = Math.hypot(better.ci95() / better.mean(), baseline.ci95() / baseline.mean());
        double gainHalf = ratio * relHalf;
        String numbers = betterName + " " + withCi(better) + " ms vs " + baselineName + " " + withCi(baseline)
                + " ms mean start latency: " + lowerOrHigher(gain) + " (95% CI of the reduction about " + percent(gain - gainHalf)
                + " to " + percent(gain + gainHalf) + ")";
        return new Evaluation(betterName + ": " + lowerOrHigher(gain) + " mean start latency (" + number(better.mean()) + " vs "
                + number(baseline.mean()) + " ms; CI about ± " + percent(gainHalf) + ")",
                List.of(new Check(betterName + " mean start latency " + percent(low) + "-" + percent(high) + " below "
                        + baselineName + "'s", gain >= low && gain <= high, numbers)),
                List.of());
    }

    /** "5.1% lower" for a reduction, "1.6% higher" for an increase. */
    static String lowerOrHigher(double reduction) {
        return reduction >= 0 ? percent(reduction) + " lower" : percent(-reduction) + " higher";
    }

    static boolean descending(List<Named> values) {
        for (int i = 1; i < values.size(); i++) {
            if (!(values.get(i - 1).value().mean() > values.get(i).value().mean())) {
                return false;
            }
        }
        return true;
    }

    static boolean neighboursSeparated(List<Named> values) {
        for (int i = 1; i < values.size(); i++) {
            if (!Points.separated(values.get(i - 1).value(), values.get(i).value())) {
                return false;
            }
        }
        return true;
    }

    static List<Named> sortedDescending(List<Named> values) {
        return values.stream().sorted(Comparator.comparingDouble((Named n) -> n.value().mean()).reversed()).toList();
    }

    static double maxOverMin(List<Named> values) {
        double max = values.stream().mapToDouble(n -> n.value().mean()).max().orElseThrow();
        return max / minMean(values);
    }

    static double minMean(List<Named> values) {
        return values.stream().mapToDouble(n -> n.value().mean()).min().orElseThrow();
    }

    static String listing(List<Named> values, String unit) {
        StringJoiner j = new StringJoiner(", ");
        values.forEach(n -> j.add(n.name() + " " + withCi(n.value()) + unit));
        return j.toString();
    }

    /** Lookup used by {@link CapOptimum}: a point's mean makespan. */
    static double makespan(PointResult p) {
        return p.metric(MAKESPAN_SECONDS).mean();
    }
}

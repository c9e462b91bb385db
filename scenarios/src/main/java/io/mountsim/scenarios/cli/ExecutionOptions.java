package io.mountsim.scenarios.cli;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.data.ReportData;
import io.mountsim.reports.data.UnreproducedQuestions;
import io.mountsim.reports.html.Headline;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.run.ExperimentRunner;
import io.mountsim.scenarios.run.RunBudget;
import io.mountsim.scenarios.scenario.ScenarioPoint;
import io.mountsim.scenarios.run.ProgressLine;
import io.mountsim.scenarios.run.ProgressListener;
import io.mountsim.scenarios.run.ResultTable;
import io.mountsim.scenarios.scenario.Overrides;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The options and steps that {@code run} and {@code compare} share: {@code --set}, seed and
 * replication overrides, the progress line, worker threads, and the summary table printed after a run.
 */
final class ExecutionOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key by dotted path, before validation "
            + "(repeatable; compare applies it to every file). VALUE is YAML: 200, per-layer, '{uniform: [20, 80]}', '[1, 2, 4]'. "
            + "Overrides name the run: title, chart subtitles, summary.json and the default output directory.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N",
            description = "Master seed (default: run.seed; for compare, the baseline's).")
    Long seed;

    @Option(names = "--replications", paramLabel = "N", description = "Replications per point (default: run.replications).")
    Integer replications;

    @Option(names = "--quiet", description = "No progress line on stderr.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: every core). Results do not depend on it.")
    Integer threads;

    @Option(names = "--yes-i-know", description = "Run even when the estimated peak heap exceeds this JVM's (-Xmx).")
    boolean overBudget;

    /**
     * Prints each scenario's estimated work and peak heap (unless --quiet), and adds a
     * problem for each whose estimate exceeds the heap, unless --yes-i-know.
     */
    void checkBudgets(CliContext context, List<Budgeted> runs, Problems problems) {
        long heap = Runtime.getRuntime().maxMemory();
        int workers = Options.threads(threads, context);
        for (Budgeted r : runs) {
            RunBudget b = RunBudget.of(r.points(), r.replications(), workers);
            if (!quiet) {
                context.err().println(r.file() + ": " + b.describe(heap));
            }
            if (!b.fits(heap) && !overBudget) {
                problems.add(Location.of(r.file().toString()), "", String.format(java.util.Locale.ROOT,
                        "needs about %s of heap at its peak (%.1e simulated events) but this JVM has %s: run java %s -jar "
                        + "mountsim.jar ..., or use fewer starts, points, replications or --threads, or add --yes-i-know",
                        RunBudget.bytes(b.peakBytes()), b.events(), RunBudget.bytes(heap), b.xmxHint()));
            }
        }
    }

    /** One scenario's points to run, for {@link #checkBudgets}. */
    record Budgeted(Path file, List<ScenarioPoint> points, int replications) {
    }

    Overrides overrides() {
        return new Overrides(sets, seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                replications == null ? OptionalInt.empty() : OptionalInt.of(replications));
    }

    /** Runs one experiment with the progress line (unless --quiet) on the requested threads. */
    ExperimentResult execute(CliContext context, Function<ExperimentRunner, ExperimentResult> experiment) {
        ProgressLine line = quiet ? null : new ProgressLine(context.err());
        ExperimentRunner runner = new ExperimentRunner(context.model(), Options.threads(threads, context),
                line == null ? ProgressListener.none() : line);
        try {
            return experiment.apply(runner);
        } finally {
            if (line != null) {
                line.finish();
            }
        }
    }

    static void printSummary(CliContext context, String title, ExperimentResult result, Path dir) {
        context.out().println("# " + title);
        context.out().print(ResultTable.render(result));
        // the report's answer, so a terminal user gets it without opening report.html
        Headline headline = Headline.of(ReportData.reduce(result));
        headline.sentences().forEach(context.out()::println);
        headline.caveats().forEach(q -> context.out().println("Not validated: " + q.question() + " (see "
                + UnreproducedQuestions.VALIDATION_PATH + ")"));
        context.out().println("results: " + dir);
    }
}

package io.mountsim.scenarios.cli;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.scenarios.run.ExperimentRunner;
import io.mountsim.scenarios.run.OutputDirectory;
import io.mountsim.scenarios.run.ProgressLine;
import io.mountsim.scenarios.run.ProgressListener;
import io.mountsim.scenarios.run.ResultTable;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run whole scenarios side by side (a what-if): the first is the baseline; all share its seed "
                + "and replication count (common random numbers). Scenarios must not sweep.",
        footer = {"", "Output: out/<name-a-vs-name-b>/ unless -o says otherwise; one point per scenario, swept key 'scenario'.",
                "", "Examples:",
                "  mountsim compare scenarios/examples/what-if/before.yaml scenarios/examples/what-if/after.yaml",
                "  mountsim compare baseline.yaml smt-off.yaml pinned.yaml -o out/mitigations --replications 5"})
final class CompareCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "Scenario files; the first is the baseline.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: out/<a-vs-b slug>/).")
    Path output;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every scenario (default: the baseline's run.seed).")
    Long seed;

    @Option(names = "--replications", paramLabel = "N", description = "Replications for every scenario.")
    Integer replications;

    @Option(names = "--quiet", description = "No progress line on stderr.")
    boolean quiet;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: every core).")
    Integer threads;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        int workers = Options.threads(threads, context);
        Overrides overrides = new Overrides(List.of(), seed == null ? OptionalLong.empty() : OptionalLong.of(seed),
                replications == null ? OptionalInt.empty() : OptionalInt.of(replications));
        List<Scenario> scenarios = Scenarios.loadAll(files, overrides);
        ProgressLine line = quiet ? null : new ProgressLine(context.err());
        ExperimentResult result;
        try {
            result = new ExperimentRunner(context.model(), workers, line == null ? ProgressListener.none() : line).compare(scenarios);
        } finally {
            if (line != null) {
                line.finish();
            }
        }
        Path dir = output != null ? output : Path.of("out", Scenario.slug(result.name()));
        OutputDirectory.write(dir, d -> context.sink().write(result, d));
        context.out().println("# " + result.name());
        context.out().print(ResultTable.render(result));
        context.out().println("results: " + dir);
        return MountsimCommand.EXIT_OK;
    }
}

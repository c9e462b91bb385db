package io.mountsim.scenarios.cli;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.run.ExperimentRunner;
import io.mountsim.scenarios.run.OutputDirectory;
import io.mountsim.scenarios.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Run whole scenarios side by side (a what-if): the first is the baseline; all share its seed "
                + "and replication count (common random numbers). Scenarios must not sweep.",
        footer = {"", "Output: out/<name-a-vs-name-b>/ unless -o says otherwise; one point per scenario, swept key 'scenario'.",
                "", "Examples:",
                "  mountsim compare scenarios/examples/what-if/before.yaml scenarios/examples/what-if/after.yaml",
                "  mountsim compare baseline.yaml smt-off.yaml pinned.yaml -o out/mitigations --replications 5",
                "  mountsim compare before.yaml after.yaml --set workload.containers=200"})
final class CompareCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Parameters(arity = "2..*", paramLabel = "FILE", description = "Scenario files; the first is the baseline.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: out/<a-vs-b slug>/).")
    Path output;

    @Mixin
    ExecutionOptions execution = new ExecutionOptions();

    @Mixin
    OutputOptions outputOptions = new OutputOptions();

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Problems problems = new Problems();
        List<Scenario> scenarios = Scenarios.loadAll(files, execution.overrides(), problems);
        scenarios.forEach(s -> s.warnings().forEach(w -> context.err().println(s.file() + ": warning: " + w)));
        if (scenarios.size() == files.size()) {
            problems.addAll(ExperimentRunner.compareProblems(scenarios));
        }
        Path dir = output;
        if (dir == null && scenarios.size() == files.size()) {
            dir = Path.of("out", Scenario.slug(ExperimentRunner.comparisonName(scenarios)));
        }
        if (dir != null) {
            OutputDirectory.check(outputOptions.request(dir, files)).ifPresent(problems::add);
        }
        problems.throwIfAny();
        execution.checkBudgets(context, List.of(new ExecutionOptions.Budgeted(files.get(0),
                scenarios.stream().map(s -> s.points().get(0)).toList(), scenarios.get(0).run().replications())), problems);
        problems.throwIfAny();
        Path destination = dir;
        ExperimentResult result = execution.execute(context, runner -> runner.compare(scenarios));
        OutputDirectory.write(outputOptions.request(destination, files), d -> context.sink().write(result, d));
        ExecutionOptions.printSummary(context, result.name(), result, destination);
        return MountsimCommand.EXIT_OK;
    }
}

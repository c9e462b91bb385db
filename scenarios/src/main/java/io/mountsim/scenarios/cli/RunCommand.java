package io.mountsim.scenarios.cli;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.run.OutputDirectory;
import io.mountsim.scenarios.run.Shard;
import io.mountsim.scenarios.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Simulate scenario files and write summary.json, results.csv, charts/ and report.html.",
        footer = {"", "Output goes to out/<scenario name as a slug>/ unless -o says otherwise; with several files -o DIR holds "
                + "one subdirectory per scenario; with --shard the default is out/<slug>-shard-I-of-N/. The output directory must be "
                + "new, empty, or an earlier output of mountsim (which is replaced); anything else is refused before running. "
                + "Files are written to a temporary directory and moved into place when complete. A short table goes to stdout, "
                + "progress to stderr.",
                "", "Examples:",
                "  mountsim run scenarios/examples/quickstart.yaml",
                "  mountsim run scenarios/examples/concurrency-sweep.yaml --replications 3 -o out/sweep",
                "  mountsim run quickstart.yaml --set workload.containers=200 --set 'workload.layers={uniform: [20, 80]}'",
                "  mountsim run quickstart.yaml --set 'sweep.workload.maxConcurrentStarts=[1, 8, 64]'",
                "  mountsim run big-sweep.yaml --shard 2/8 -o out/shard-2   # then: mountsim merge out/shard-* -o out/all"})
final class RunCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: out/<scenario slug>/).")
    Path output;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the sweep points whose index modulo N is I.")
    String shard;

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
        // One pass over everything the user gave (options, every file, every output
        // directory), so that all the problems come out in one run.
        Problems problems = new Problems();
        Shard selected = Shard.all();
        if (shard != null) {
            Optional<Shard> parsed = Shard.parse(shard);
            parsed.ifPresentOrElse(p -> { }, () -> problems.add(Location.of("--shard " + shard), "",
                    "expected I/N with 0 <= I < N, e.g. --shard 0/4"));
            selected = parsed.orElse(Shard.all());
        }
        PhaseTimes times = PhaseTimes.fromEnvironment(context.err());
        List<Scenario> scenarios = Scenarios.loadAll(files, execution.overrides(), problems);
        scenarios.forEach(s -> s.warnings().forEach(w -> context.err().println(s.file() + ": warning: " + w)));
        Shard shardToRun = selected;
        List<Path> destinations = new ArrayList<>();
        for (Scenario s : scenarios) {
            Path dir = destination(s, selected, files.size());
            int clash = destinations.indexOf(dir);
            if (clash >= 0) {
                problems.add(Location.of(s.file().toString()), "name", "writes to " + dir + " like "
                        + scenarios.get(clash).file() + "; give the scenarios distinct names");
            }
            destinations.add(dir);
        }
        if (output != null && files.size() == 1 && scenarios.isEmpty()) {
            destinations.add(output);
        }
        problems.addAll(OutputDirectory.checkAll(destinations.stream().distinct().map(d -> outputOptions.request(d, files)).toList()));
        problems.throwIfAny();
        Shard only = selected;
        execution.checkBudgets(context, scenarios.stream().map(s -> new ExecutionOptions.Budgeted(s.file(),
                s.points().stream().filter(p -> only.includes(p.index())).toList(), s.run().replications())).toList(), problems);
        problems.throwIfAny();
        times.mark("load and check");
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            Path dir = destinations.get(i);
            ExperimentResult result = execution.execute(context, runner -> runner.run(s, shardToRun));
            times.mark("simulate " + s.file());
            OutputDirectory.write(outputOptions.request(dir, files), d -> context.sink().write(result, d));
            times.mark("write " + dir);
            ExecutionOptions.printSummary(context, s.title() + (selected.isWhole() ? "" : " (shard " + selected + ", "
                    + result.points().size() + " of " + s.points().size() + " points)"), result, dir);
        }
        times.mark("summary");
        return MountsimCommand.EXIT_OK;
    }

    private Path destination(Scenario s, Shard selected, int scenarioCount) {
        String leaf = s.slug() + (selected.isWhole() ? "" : "-shard-" + selected.index() + "-of-" + selected.count());
        if (output == null) {
            return Path.of("out", leaf);
        }
        return scenarioCount == 1 ? output : output.resolve(leaf);
    }
}

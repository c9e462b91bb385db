package io.mountsim.scenarios.cli;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.run.OutputDirectory;
import io.mountsim.scenarios.run.Shard;
import io.mountsim.scenarios.scenario.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Shard selected = Shard.all();
        if (shard != null) {
            selected = Shard.parse(shard).orElseThrow(() -> InvalidInputException.of(Location.of("--shard " + shard), "",
                    "expected I/N with 0 <= I < N, e.g. --shard 0/4"));
        }
        List<Scenario> scenarios = Scenarios.loadAll(files, execution.overrides(), context.err());
        Shard shardToRun = selected;
        List<Path> destinations = new ArrayList<>();
        for (Scenario s : scenarios) {
            Path dir = destination(s, selected, scenarios.size());
            int clash = destinations.indexOf(dir);
            if (clash >= 0) {
                throw InvalidInputException.of(Location.of(s.file().toString()), "name", "writes to " + dir + " like "
                        + scenarios.get(clash).file() + "; give the scenarios distinct names");
            }
            destinations.add(dir);
        }
        OutputOptions.checkBeforeRunning(destinations.stream().map(d -> outputOptions.request(d, files)).toList());
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            Path dir = destinations.get(i);
            ExperimentResult result = execution.execute(context, runner -> runner.run(s, shardToRun));
            OutputDirectory.write(outputOptions.request(dir, files), d -> context.sink().write(result, d));
            ExecutionOptions.printSummary(context, s.title() + (selected.isWhole() ? "" : " (shard " + selected + ", "
                    + result.points().size() + " of " + s.points().size() + " points)"), result, dir);
        }
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

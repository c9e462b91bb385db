package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.run.OutputDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the output directories of sharded runs (--shard I/N) into the files one unsharded run writes.",
        footer = {"", "Every shard of the same scenario, seed and replications must be present.",
                "", "Example:",
                "  for i in 0 1 2 3; do mountsim run sweep.yaml --shard $i/4 -o out/shard-$i; done",
                "  mountsim merge out/shard-0 out/shard-1 out/shard-2 out/shard-3 -o out/sweep"})
final class MergeCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard output directories.")
    List<Path> dirs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Merged output directory.")
    Path output;

    @Mixin
    OutputOptions outputOptions = new OutputOptions();

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Problems problems = new Problems();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                problems.add(Location.of(d.toString()), "", "not a directory (expected the output of mountsim run --shard)");
            }
        }
        OutputDirectory.check(outputOptions.request(output, dirs)).ifPresent(problems::add);
        problems.throwIfAny();
        OutputDirectory.write(outputOptions.request(output, dirs), d -> context.sink().merge(dirs, d));
        context.out().println("merged " + dirs.size() + " shard(s) into " + output);
        return MountsimCommand.EXIT_OK;
    }
}

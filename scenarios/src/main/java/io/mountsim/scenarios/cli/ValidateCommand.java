package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files without running them: prints 'FILE: ok' per valid file, "
                + "or every error of every file (exit 2).",
        footer = {"", "Examples:",
                "  mountsim validate scenarios/examples/*.yaml scenarios/netflix/*.yaml",
                "  mountsim validate quickstart.yaml --set machine=m7a.24xlarge"})
final class ValidateCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario YAML files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key before validation (repeatable).")
    List<String> sets = new ArrayList<>();

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Problems problems = new Problems();
        Overrides overrides = new Overrides(sets, OptionalLong.empty(), OptionalInt.empty());
        for (Path f : files) {
            try {
                Scenario s = ScenarioLoader.load(f, overrides);
                s.warnings().forEach(w -> context.err().println(f + ": warning: " + w));
                context.out().println(f + ": ok (" + s.points().size() + (s.points().size() == 1 ? " point" : " points")
                        + " x " + s.run().replications() + " replications)");
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
        }
        problems.throwIfAny();
        return MountsimCommand.EXIT_OK;
    }
}

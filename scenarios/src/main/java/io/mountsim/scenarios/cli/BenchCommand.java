package io.mountsim.scenarios.cli;

import io.mountsim.core.engine.HoldModelBenchmark;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Engine benchmarks.",
        subcommands = {BenchCommand.Hold.class},
        footer = {"", "Example:", "  mountsim bench hold --pending 1000 --events 10000000"})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark name; try: mountsim bench hold --pending 1000");
    }

    @Command(name = "hold", mixinStandardHelpOptions = true,
            description = "The hold model (JaamSim's event-list benchmark): keep N events pending, each processed event "
                    + "schedules one more. Prints 'eventsPerSecond=<number> pending=N events=M' on one line.",
            footer = {"", "Example:", "  mountsim bench hold --pending 100000 --events 20000000"})
    static final class Hold implements Callable<Integer>, MountsimCommand.ContextAware {
        private CliContext context;

        @Option(names = "--pending", required = true, paramLabel = "N", description = "Events kept pending.")
        int pending;

        @Option(names = "--events", paramLabel = "M", defaultValue = "10000000", description = "Events timed (default: ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the time increments.")
        long seed;

        @Override
        public void context(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (pending < 1 || pending > 100_000_000) {
                throw InvalidInputException.of(Location.of("--pending " + pending), "", "expected an integer in [1, 100000000]");
            }
            if (events < 1) {
                throw InvalidInputException.of(Location.of("--events " + events), "", "expected an integer >= 1");
            }
            HoldModelBenchmark.Result r = HoldModelBenchmark.run(pending, events, seed);
            context.out().println(String.format(Locale.ROOT, "eventsPerSecond=%.0f pending=%d events=%d wallSeconds=%.3f",
                    r.eventsPerSecond(), r.pendingEvents(), r.eventsProcessed(), r.wallSeconds()));
            return MountsimCommand.EXIT_OK;
        }
    }
}

package io.mountsim.scenarios.cli;

import io.mountsim.core.engine.HoldModelBenchmark;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import io.mountsim.scenarios.scenario.ScenarioPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Engine benchmarks.",
        subcommands = {BenchCommand.Hold.class, BenchCommand.Model.class},
        footer = {"", "Examples:", "  mountsim bench hold --pending 1000 --events 10000000",
                "  mountsim bench model scenarios/examples/quickstart.yaml --point 0 --replications 20"})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing benchmark name; try: mountsim bench hold --pending 1000, or mountsim bench model SCENARIO");
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

    @Command(name = "model", mixinStandardHelpOptions = true,
            description = "The mount model's speed: runs replications of one point of a scenario, one after another on "
                    + "one thread, without writing anything, and prints 'eventsPerSecond=<number> events=M "
                    + "wallSeconds=S' on one line. The first --warmup replications (not timed) let the JIT compile "
                    + "the model first.",
            footer = {"", "Examples:", "  mountsim bench model scenarios/examples/quickstart.yaml --point 0 --replications 20",
                    "  mountsim bench model scenarios/examples/quickstart.yaml --set workload.containers=1600 --warmup 0 --replications 1"})
    static final class Model implements Callable<Integer>, MountsimCommand.ContextAware {
        private CliContext context;

        @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario YAML file.")
        Path file;

        @Option(names = "--point", paramLabel = "N", defaultValue = "0", description = "Sweep point index (default: ${DEFAULT-VALUE}).")
        int point;

        @Option(names = "--replications", paramLabel = "R", description = "Timed replications (default: run.replications).")
        Integer replications;

        @Option(names = "--warmup", paramLabel = "W", defaultValue = "3", description = "Untimed replications first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key by dotted path, as in 'mountsim run'.")
        List<String> sets = new ArrayList<>();

        @Override
        public void context(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            if (replications != null && replications < 1) {
                throw InvalidInputException.of(Location.of("--replications " + replications), "", "expected an integer >= 1");
            }
            if (warmup < 0) {
                throw InvalidInputException.of(Location.of("--warmup " + warmup), "", "expected an integer >= 0");
            }
            Scenario s = ScenarioLoader.load(file, new Overrides(sets, OptionalLong.empty(), OptionalInt.empty()));
            if (point < 0 || point >= s.points().size()) {
                throw InvalidInputException.of(Location.of("--point " + point), "",
                        "expected a point index in [0, " + (s.points().size() - 1) + "] of " + file);
            }
            ScenarioPoint p = s.points().get(point);
            int timed = replications != null ? replications : s.run().replications();
            long seed = s.run().seed();
            ReplicationModel model = ReplicationModel.simulation(); // one topology for every replication, as in a run
            for (int r = 0; r < warmup; r++) {
                model.run(p.spec(), seed, r, false);
            }
            long events = 0;
            long start = System.nanoTime();
            for (int r = 0; r < timed; r++) {
                events += model.run(p.spec(), seed, r, false).events();
            }
            double wall = (System.nanoTime() - start) / 1e9;
            context.out().println(String.format(Locale.ROOT, "eventsPerSecond=%.0f events=%d replications=%d wallSeconds=%.3f point=%d %s",
                    events / wall, events, timed, wall, point, p.parameters()));
            return MountsimCommand.EXIT_OK;
        }
    }
}

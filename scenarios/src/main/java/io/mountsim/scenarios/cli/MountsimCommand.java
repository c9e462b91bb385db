package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problem;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code mountsim}: the command line (shared/spec/scenario-format.md). Exit codes: 0
 * success, 2 invalid input (nothing written), 1 anything else. A user mistake never
 * prints a stack trace; an internal error prints one line, and the trace only with
 * {@code --verbose} or {@code MOUNTSIM_DEBUG=1}.
 */
/**
 * The {@code mountsim} command line (the jar's main class): parses the arguments with
 * picocli, runs one subcommand, and turns an {@code InvalidInputException} into its
 * problems, one per line, and exit code 2. The library face over the same steps is
 * {@code io.mountsim.api}.
 */
@Command(name = "mountsim",
        mixinStandardHelpOptions = true,
        version = "mountsim 0.1.0",
        description = "Simulates Linux kernel mount locking under concurrent container starts.",
        subcommands = {RunCommand.class, CompareCommand.class, ValidateCommand.class, MachinesCommand.class,
                MergeCommand.class, BenchCommand.class, ProbeCommand.class, CalibrateCommand.class, SchemaCommand.class,
                CommandLine.HelpCommand.class,
                // picocli's bash/zsh completion script: source <(mountsim generate-completion)
                picocli.AutoComplete.GenerateCompletion.class},
        footer = {"", "Examples:",
                "  mountsim run scenarios/examples/quickstart.yaml",
                "  mountsim run sweep.yaml --set workload.containers=200 --replications 5 -o out/big",
                "  mountsim compare before.yaml after.yaml -o out/what-if",
                "  mountsim validate scenarios/netflix/*.yaml",
                "  mountsim machines",
                "  mountsim schema -o mountsim-scenario.schema.json   # for editors (YAML language server)",
                "  sudo mountsim probe --quick",
                "  mountsim calibrate probe-results.txt -o host.yaml",
                "  source <(mountsim generate-completion)   # tab completion in bash and zsh",
                "",
                "Exit codes: 0 success, 2 invalid input (nothing written), 1 anything else."})
public final class MountsimCommand implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_INVALID_INPUT = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of internal errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (run, compare, validate, machines, merge, bench, probe, calibrate, schema)");
    }

    public static void main(String[] args) {
        System.exit(execute(CliContext.production(), args));
    }

    /** Runs the command line against {@code context}; returns the exit code. */
    public static int execute(CliContext context, String... args) {
        CommandLine cli = new CommandLine(new MountsimCommand(), new ContextFactory(context));
        cli.setUsageHelpWidth(120);
        cli.setOut(new PrintWriter(context.out(), true));
        cli.setErr(new PrintWriter(context.err(), true));
        cli.setExitCodeExceptionMapper(e -> e instanceof InvalidInputException ? EXIT_INVALID_INPUT : EXIT_FAILURE);
        cli.setParameterExceptionHandler((ex, a) -> {
            context.err().println("mountsim: " + ex.getMessage());
            CommandLine.Model.CommandSpec s = ex.getCommandLine().getCommandSpec();
            context.err().println("Try '" + s.qualifiedName() + " --help' for usage.");
            return EXIT_INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(context, ex, parseResult.matchedOption("--verbose") != null
                || parseResult.subcommand() != null && anyVerbose(parseResult)));
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            return handle(context, e, false);
        }
    }

    private static boolean anyVerbose(CommandLine.ParseResult r) {
        for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    static int handle(CliContext context, Throwable e, boolean verbose) {
        if (e instanceof InvalidInputException invalid) {
            for (Problem p : invalid.problems()) {
                context.err().println(p);
            }
            int n = invalid.problems().size();
            context.err().println(n + (n == 1 ? " error" : " errors") + "; nothing was run or written.");
            return EXIT_INVALID_INPUT;
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        context.err().println("mountsim: internal error: " + message
                + (verbose || debugEnv() ? "" : " (run with --verbose or MOUNTSIM_DEBUG=1 for details)"));
        if (verbose || debugEnv()) {
            e.printStackTrace(context.err());
        }
        return EXIT_FAILURE;
    }

    static boolean debugEnv() {
        String v = System.getenv("MOUNTSIM_DEBUG");
        return v != null && !v.isEmpty() && !v.equals("0");
    }

    /** Gives each subcommand the shared context. */
    private static final class ContextFactory implements CommandLine.IFactory {
        private final CliContext context;

        ContextFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (ContextAware.class.isAssignableFrom(cls)) {
                K k = cls.getDeclaredConstructor().newInstance();
                ((ContextAware) k).context(context);
                return k;
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    /** A command that needs the context. */
    interface ContextAware {
        void context(CliContext context);
    }
}

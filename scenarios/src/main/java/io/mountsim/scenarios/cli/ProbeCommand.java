package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.probe.Kit;
import io.mountsim.scenarios.probe.KitMode;
import io.mountsim.scenarios.probe.LinuxHost;
import io.mountsim.scenarios.probe.ProbeException;
import io.mountsim.scenarios.probe.ProbeRun;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Measure this machine's kernel: compile the probe kit shipped in the jar with the host's C compiler, "
                + "run it as root (each mounting probe in its own private mount namespace) and write one results file.",
        footer = {"", "The results file (DIR/probe-results.txt; format: probes/FORMAT.md in the jar) holds the kernel, CPU "
                + "model and topology, then each probe's rows, then '== end'. The full kit takes about 80 s on a 2-CPU "
                + "machine, --quick about 11 s. Run it on a quiet machine. Exit codes: 0 done, 2 the host cannot "
                + "run the kit (the message names the fix) or the run was interrupted, 1 a probe failed unexpectedly.",
                "", "Examples:",
                "  sudo java -jar mountsim.jar probe",
                "  sudo java -jar mountsim.jar probe --quick -o out/my-host"})
final class ProbeCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "A new or empty directory, or an earlier probe output, for probe-results.txt (default: "
                    + "out/probe-<hostname>-<UTC time>/).")
    Path output;

    @Option(names = "--quick", description = "One-thread mount-path rows, mountinfo rows and the micro-probes only.")
    boolean quick;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        LinuxHost host = LinuxHost.current();
        Clock clock = Clock.systemUTC();
        ProbeRun run = new ProbeRun(host, Kit.shipped(), clock, context.err());
        Path dir = output != null ? output : ProbeRun.defaultOutput(host.hostname(), clock.instant());
        try (Interruptions interruptions = Interruptions.forward(run)) {
            Path file = run.run(quick ? KitMode.QUICK : KitMode.FULL, dir);
            context.out().println("wrote " + file);
            return MountsimCommand.EXIT_OK;
        } catch (ProbeException e) {
            context.err().println("mountsim probe: " + e.getMessage());
            return e.exitCode();
        }
    }
}

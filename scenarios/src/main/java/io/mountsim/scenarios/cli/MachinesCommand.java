package io.mountsim.scenarios.cli;

import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "machines", mixinStandardHelpOptions = true,
        description = "List the machine presets with their topology.",
        footer = {"", "Use a preset as 'machine: NAME', or start from one: 'machine: {preset: NAME, threadsPerCore: 1}'.",
                "", "Example:", "  mountsim machines"})
final class MachinesCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        for (String name : MachinePresets.names()) {
            Optional<MachineSpec> m = MachinePresets.find(name);
            context.out().println(m.map(MachinesCommand::describe).orElse(name + "  (not available in this build)"));
        }
        return MountsimCommand.EXIT_OK;
    }

    static String describe(MachineSpec m) {
        return String.format(Locale.ROOT,
                "%-16s %d x %d x %d = %d vCPUs, NUMA nodes %d, LLC domains %d per socket, %s, core-to-core ns: smt %s llc %s crossLlc %s crossSocket %s%s",
                m.name(), m.sockets(), m.coresPerSocket(), m.threadsPerCore(), m.hardwareThreads(),
                m.sockets() * m.numaNodesPerSocket(), m.llcDomainsPerSocket(), m.interconnect().yamlName(),
                n(m.coreToCoreNs().smt()), n(m.coreToCoreNs().llc()), n(m.coreToCoreNs().crossLlc()), n(m.coreToCoreNs().crossSocket()),
                m.source() == null || m.source().isBlank() ? "" : "\n                 source: " + m.source());
    }

    private static String n(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}

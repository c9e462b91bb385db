package io.mountsim.scenarios.cli;

import io.mountsim.models.calibration.CalibrationFit;
import io.mountsim.models.calibration.ChildWalkLevels;
import io.mountsim.models.calibration.HostCalibration;
import io.mountsim.models.calibration.HostProfile;
import io.mountsim.models.calibration.MeasuredRun;
import io.mountsim.models.calibration.Measurements;
import io.mountsim.models.calibration.MountinfoParseCosts;
import io.mountsim.models.calibration.ProbeResults;
import io.mountsim.models.calibration.ProbeTopology;
import io.mountsim.models.calibration.Provenance;
import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.scenario.ProfileYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Turn probe results (`mountsim probe`, or mountbench.c's plain output) into a profile file"
                + " for a scenario's kernel.profile.",
        footer = {"", "Without --fit only direct measurements are used; what the results lack falls back to",
                "documented defaults, each listed as a warning. --fit also fits the wakeup, context switch and",
                "grace-period kworker work on the 1/2/16/64-thread rows and reports the held-out rows.",
                "", "Examples:",
                "  mountsim calibrate probe-results.txt -o host.yaml",
                "  mountsim calibrate measurements.txt --machine '{sockets: 1, coresPerSocket: 16}' -o host.yaml --fit"})
final class CalibrateCommand implements Callable<Integer>, MountsimCommand.ContextAware {
    private CliContext context;

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "probe results files of one host")
    List<Path> results;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "the profile file to write")
    Path output;

    @Option(names = "--fit", description = "also fit the dynamics no probe measures on the multi-thread rows")
    boolean fit;

    @Option(names = "--fit-evaluations", paramLabel = "N", defaultValue = "60",
            description = "simulations the fit may run (default ${DEFAULT-VALUE})")
    int fitEvaluations;

    @Option(names = "--machine", paramLabel = "PRESET|MAPPING",
            description = "the host's machine: a preset name or an inline YAML mapping as in a scenario's machine:"
                    + " (needed for plain mountbench output; overrides the kit's sysfs topology)")
    String machine;

    @Option(names = "--compare", description = "also predict every multi-thread and mountinfo-reader run of the results"
            + " with the written profile and print them beside the measurements (a markdown table)")
    boolean compare;

    @Option(names = "--name", paramLabel = "NAME", description = "the profile's name (default: the output file's)")
    String name;

    @Override
    public void context(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException {
        String profileName = name != null ? name : output.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        // everything is checked before anything is written
        if (Files.exists(output) && !ProfileYaml.writtenByMountsim(output)) {
            throw invalid("-o", output + " exists and was not written by mountsim (its first line is not '"
                    + ProfileYaml.HEADER + "'); choose another file or remove it yourself");
        }
        if (Files.isDirectory(output)) {
            throw invalid("-o", output + " is a directory; give a file name such as host.yaml");
        }
        List<ProbeResults> parsed = new ArrayList<>();
        for (Path file : results) {
            if (!Files.isRegularFile(file)) {
                throw invalid(file.toString(), "results file not found: " + file);
            }
            try {
                parsed.add(ProbeResults.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IllegalArgumentException e) {
                throw invalid("mountsim calibrate", e.getMessage());
            } catch (java.nio.charset.MalformedInputException e) {
                throw invalid(file.toString(), file + " is not a text file: expected the output of `mountsim probe`");
            }
        }
        ProbeResults all = ProbeResults.combine(parsed);
        MachineSpec host;
        if (machine != null) {
            host = ProfileYaml.machineArgument(machine, "--machine");
        } else {
            host = ProbeTopology.machine(all, profileName).orElseThrow(() -> invalid("--machine",
                    "the results have no topology (plain mountbench output); give the host's machine with --machine"
                            + " PRESET or --machine '{sockets: 1, coresPerSocket: 16, threadsPerCore: 2}'"));
        }
        HostCalibration.Result r;
        try {
            r = HostCalibration.calibrate(all, host, profileName);
        } catch (IllegalArgumentException e) {
            throw invalid("mountsim calibrate", e.getMessage());
        }
        for (String d : r.defaultsUsed()) {
            context.err().println("warning: default used: " + d);
        }
        for (String skipped : all.skipped()) {
            context.err().println("warning: the probe run skipped " + skipped);
        }
        if (machine == null) {
            ChildWalkLevels.read(all).flatMap(ChildWalkLevels.Result::note)
                    .ifPresent(n -> context.err().println("warning: machine.memory.l3Ns: " + n));
        }
        // facts the profile has no place for (a profile is a machine and a kernel): said, and kept as comments
        List<String> facts = MountinfoParseCosts.read(all).stream().map(c -> "fact, not in the profile (a scenario sets it): "
                + c.describe()).toList();
        facts.forEach(context.out()::println);
        HostProfile profile = r.profile();
        List<String> comments = new ArrayList<>();
        comments.add("from " + all.source() + (fit ? ", dynamics fitted (--fit)" : ", direct measurements only (no --fit)"));
        all.header().forEach((k, v) -> comments.add(k + ": " + v));
        comments.addAll(facts);
        if (fit) {
            profile = fitted(profile, all.mountbench().merged(), comments);
        }
        if (compare) {
            printComparison(profile, all.mountbench().merged());
        }
        String text = ProfileYaml.write(profile, comments);
        OutputFile.writeAtomically(output, text, ".mountsim-profile-");
        context.out().println("wrote " + output + " (" + profile.name() + ", " + r.defaultsUsed().size()
                + " defaults used" + (fit ? ", dynamics fitted" : "") + ")");
        return MountsimCommand.EXIT_OK;
    }

    private HostProfile fitted(HostProfile p, Measurements m, List<String> comments) {
        List<MeasuredRun> fitRuns = m.runs().stream().filter(CalibrationFit.FIT_SET).toList();
        List<MeasuredRun> held = m.runs().stream().filter(CalibrationFit.FIT_SET.negate())
                .filter(x -> x.threads() > 1 || x.readers() > 0).toList();
        if (fitRuns.size() < 2) {
            throw invalid("--fit", "the results have fewer than two of the fit's rows (threads=1/2/16/64 layers=50"
                    + " mode=layer readers=0); run the full kit, or calibrate without --fit");
        }
        KernelProfile k = CalibrationFit.fitDynamics(fitRuns, p.kernel(), p.machine(), fitEvaluations);
        double fitLoss = CalibrationFit.loss(CalibrationFit.compareAll(fitRuns, p.machine(), k));
        List<CalibrationFit.Comparison> check = CalibrationFit.compareAll(held, p.machine(), k);
        String quality = String.format(Locale.ROOT, "fit on %d rows: loss %.4f (mean squared log ratio); held out %d rows:"
                + " loss %.4f", fitRuns.size(), fitLoss, held.size(), held.isEmpty() ? 0 : CalibrationFit.loss(check));
        context.out().println(quality);
        for (CalibrationFit.Comparison c : check) {
            MeasuredRun x = c.run();
            context.out().printf(Locale.ROOT, "  held out: mode=%s threads=%d layers=%d readers=%d measured %.1f"
                            + " simulated %.1f starts/s, ratio %.2f%n", x.mode().yamlName(), x.threads(), x.layers(),
                    x.readers(), x.startsPerSecond(), c.simulatedStartsPerSecond(), c.throughputRatio());
        }
        comments.add(quality);
        Map<String, Provenance> prov = new LinkedHashMap<>(p.provenance());
        String how = "CalibrationFit.fitDynamics (Nelder-Mead) on threads=1/2/16/64 layers=50 mode=layer; " + quality;
        prov.put("scheduler.idleWakeupUs", Provenance.fitted(how));
        prov.put("scheduler.contextSwitchUs", Provenance.fitted(how));
        prov.put("rcu.kworkerUs", Provenance.fitted(how));
        prov.put("rcu.gracePeriodUs", Provenance.derived("host.umountWaitUs less the fitted scheduler.idleWakeupUs"));
        return new HostProfile(p.name(), p.machine(), k, prov);
    }

    /** Every multi-thread and reader run, predicted with the profile on its machine, one seed. */
    private void printComparison(HostProfile p, Measurements m) {
        List<MeasuredRun> runs = m.runs().stream().filter(x -> x.threads() > 1 || x.readers() > 0).toList();
        context.out().println("| point | predicted starts/s | measured starts/s | ratio |");
        context.out().println("|---|---:|---:|---:|");
        for (CalibrationFit.Comparison c : CalibrationFit.compareAll(runs, p.machine(), p.kernel())) {
            MeasuredRun x = c.run();
            context.out().printf(Locale.ROOT, "| %s, %d threads, %d layers%s | %.1f | %.1f | %.2f |%n", x.mode().yamlName(),
                    x.threads(), x.layers(), x.readers() > 0 ? ", " + x.readers() + " reader" : "",
                    c.simulatedStartsPerSecond(), x.startsPerSecond(), c.throughputRatio());
        }
    }

    private static InvalidInputException invalid(String where, String message) {
        return InvalidInputException.of(Location.of(where), "", message);
    }
}

package io.mountsim.models.calibration;

import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.models.SimulationModel;
import io.mountsim.models.SimulationSpec;
import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.LayerStoreChildren;
import io.mountsim.models.mitigation.Mitigations;
import io.mountsim.models.runtime.RuntimeConfig;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;
import io.mountsim.models.workload.Arrival;
import io.mountsim.models.workload.LayerCount;
import io.mountsim.models.workload.WatcherConfig;
import io.mountsim.models.workload.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits the parameters the probe cannot measure directly (wakeup latency onto an idle
 * CPU, context-switch cost, the expedited grace period and its kworker's work) so that
 * simulated throughput matches measured throughput, with a Nelder-Mead simplex (Commons
 * Math) on the logarithms of the parameters, minimising the mean squared log ratio of
 * simulated to measured starts per second over the fit runs. The other runs check it.
 *
 * <p>The objective is a simulation with one seed, so it is rugged and the simplex stops in
 * different places from different starts. The shipped values are the second of three
 * passes, each started from the one before (the first from the earlier profile: wakeup
 * 1.19 us, switch 5.90 us, kworker 25.09 us, SMT slowdown 1.54): pass 1 fit loss 0.0134,
 * check loss 0.0874; pass 2 0.0071 and 0.0591 (shipped); pass 3 lowered the fit loss to
 * 0.0033 but raised the check loss to 0.0758 with a 1.9 us kworker and an 18 us wakeup,
 * so the held-out runs chose pass 2.
 *
 * <p>To calibrate another host: {@code mountsim probe} there, then {@code mountsim calibrate
 * results -o host.yaml [--fit]} ({@link HostCalibration} for the direct measurements,
 * {@link #fitDynamics} for --fit). {@code java -cp mountsim.jar
 * io.mountsim.models.calibration.CalibrationFit measurements.txt} refits this host's
 * shipped profile, SMT slowdown included.
 */
public final class CalibrationFit {
    /** The probe's reader threads read 64 KiB at a time (mountbench.c, reader()). */
    public static final int PROBE_READ_BUFFER_BYTES = 65536;
    private static final long SEED = 1;

    /**
     * Runs the fit uses: 1, 2, 16 and 64 threads without readers, so that both ends and the
     * rise to the peak pull on it; the rest (4, 8, 32 threads, other layer counts, readers)
     * check it.
     */
    public static final Predicate<MeasuredRun> FIT_SET =
            r -> r.readers() == 0 && r.layers() == 50 && (r.threads() == 1 || r.threads() == 2
                    || r.threads() == 16 || r.threads() == 64);

    /**
     * The fitted parameters: three of the kernel's dynamics and how much a busy sibling
     * slows a thread on the calibration host.
     */
    public record Fitted(double idleWakeupUs, double contextSwitchUs, double rcuKworkerUs, double smtSlowdown) {
        /** The grace period follows from the wakeup: together they are umount's waits at one thread. */
        public double rcuGracePeriodUs(KernelProfile base) {
            return KernelProfiles.gracePeriodUs(base.syscallsUs(), idleWakeupUs);
        }

        public KernelProfile applyTo(KernelProfile base) {
            return base.withDynamics(idleWakeupUs, contextSwitchUs, rcuGracePeriodUs(base), rcuKworkerUs);
        }

        public MachineSpec machine() {
            return epyc2coreMachine(smtSlowdown);
        }
    }

    /** One run compared: measured and simulated throughput and mean latency. */
    public record Comparison(MeasuredRun run, double simulatedStartsPerSecond, double simulatedLatencyMeanMs) {
        public double throughputRatio() {
            return simulatedStartsPerSecond / run.startsPerSecond();
        }
    }

    private CalibrationFit() {
    }

    /**
     * How much one vCPU of the calibration host runs slower while the other is busy, fitted
     * (see {@link #epyc2coreMachine()}) and carried by the model's SMT-sibling slowdown
     * (MachineSpec.smtSlowdown), the one mechanism it has for "a busy neighbour CPU slows
     * me". The name is the model's, not the hardware's: the two vCPUs are NOT SMT siblings.
     * The kit measured it on this host kind (calibration/epyc-2core/smt-sibling.txt and the
     * kit's smt-sibling rows): sysfs says 2 cores x 1 thread, {@code shares_core=no}, and a
     * compute loop beside a busy or PAUSE-spinning other vCPU runs at 0.997-1.03x, while
     * mount calls beside another vCPU doing mount calls run at 1.17-1.23x. So what 1.513
     * stands for is interference between two separate vCPUs in the kernel's mount path
     * (shared lines and locks of the mount code, and whatever the hypervisor does to a
     * guest whose two vCPUs both trap), larger than the 1.2x the probe isolates, not a
     * shared core's pipeline. Kept as fitted because the 14 calibration points
     * (CalibrationTest) were fitted with it; a host model with a measured cross-vCPU
     * kernel-interference term instead is not built.
     */
    public static final double EPYC_2CORE_PAIR_SLOWDOWN = 1.513;

    /**
     * The calibration host as a machine: its 2 vCPUs modelled as the two hardware threads of
     * one Zen 4 core, with Genoa's costs from the m7a preset (same core generation). The guest
     * sees 2 cores, and the kit later measured that they do not share one (see
     * {@link #EPYC_2CORE_PAIR_SLOWDOWN}: the "SMT" slowdown here is cross-vCPU interference
     * in the mount path); the fit chose the sibling model because with two busy threads in
     * common-parent mode, where the threads rarely wait for each other, every call is
     * 1.4-2.5x slower than with one (open_tree 11.9 -> 20.6 us, overlay 293 -> 436 us) and
     * throughput gains only 1.17x; a cloud vCPU is commonly one hyperthread. Modelled as
     * SMT siblings the common-parent runs fit within 25% at every thread count; as two
     * cores they cannot (common-parent at 2 threads comes out 1.67x the measured rate).
     * How much the sibling slows a thread is fitted with the kernel's dynamics.
     */
    public static MachineSpec epyc2coreMachine() {
        return epyc2coreMachine(EPYC_2CORE_PAIR_SLOWDOWN);
    }

    static MachineSpec epyc2coreMachine(double smtSlowdown) {
        MachineSpec genoa = MachinePresets.find("m7a.24xlarge").orElseThrow();
        return new MachineSpec("epyc-2core", 1, 1, 2, 1, 1, genoa.interconnect(), genoa.coreToCoreNs(),
                genoa.perSpinnerHandoffNs(), smtSlowdown, genoa.pauseNs(),
                "shared/calibration/epyc-2core: KVM guest, AMD EPYC Zen 4, 2 vCPUs taken as one core's two threads"
                        + " (slowdown fitted); other costs of m7a (Genoa)");
    }

    /** The simulation of one probe run with a profile. */
    public static SimulationSpec specFor(MeasuredRun run, MachineSpec machine, KernelProfile profile) {
        WorkloadSpec.ContainerStarts starts = new WorkloadSpec.ContainerStarts(run.containers(),
                new LayerCount.Fixed(run.layers()), new Arrival.Burst(), OptionalInt.of(run.threads()), 0, 30);
        // the probe assembles each rootfs once, with the idmap
        RuntimeConfig runtime = new RuntimeConfig(run.mode(), 1, true, LayerStoreChildren.ALL);
        WatcherConfig watchers = new WatcherConfig(run.readers(), Optional.empty(), PROBE_READ_BUFFER_BYTES);
        return new SimulationSpec(machine, profile, runtime, watchers, starts, Mitigations.none());
    }

    public static Comparison compare(MeasuredRun run, MachineSpec machine, KernelProfile profile) {
        ReplicationOutcome o = SimulationModel.runReplication(specFor(run, machine, profile), SEED, 0, false);
        return new Comparison(run, o.metrics().get(MetricNames.STARTS_PER_SECOND),
                o.metrics().get(MetricNames.START_LATENCY_MS_MEAN));
    }

    public static List<Comparison> compareAll(List<MeasuredRun> runs, MachineSpec machine, KernelProfile profile) {
        List<Comparison> out = new ArrayList<>();
        for (MeasuredRun r : runs) {
            out.add(compare(r, machine, profile));
        }
        return out;
    }

    /** Mean squared log ratio of simulated to measured throughput. */
    public static double loss(List<Comparison> comparisons) {
        double sum = 0;
        for (Comparison c : comparisons) {
            double l = Math.log(c.throughputRatio());
            sum += l * l;
        }
        return sum / comparisons.size();
    }

    /** Fits {@link Fitted} to the runs, starting from the base profile and host. */
    public static Fitted fit(List<MeasuredRun> fitRuns, KernelProfile base, int maxEvaluations) {
        double[] start = {Math.log(base.scheduler().idleWakeupUs()), Math.log(base.scheduler().contextSwitchUs()),
                Math.log(base.rcu().kworkerUs()), Math.log(EPYC_2CORE_PAIR_SLOWDOWN - 1)};
        // the simplex throws when its budget runs out, so the best point seen is kept here
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        double[][] bestPoint = {start};
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            Fitted f = fromLog(x);
            double l = loss(compareAll(fitRuns, f.machine(), f.applyTo(base)));
            if (l < bestLoss[0]) {
                bestLoss[0] = l;
                bestPoint[0] = x.clone();
            }
            return l;
        });
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-4, 1e-6);
        try {
            PointValuePair best = optimizer.optimize(new MaxEval(maxEvaluations), objective, GoalType.MINIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(new double[] {0.7, 0.7, 0.7, 0.5}));
            return fromLog(best.getPoint());
        } catch (TooManyEvaluationsException budgetSpent) {
            return fromLog(bestPoint[0]);
        }
    }

    /**
     * Fits a host's idle wakeup, context switch and grace-period kworker work on its
     * multi-thread rows ({@code mountsim calibrate --fit}), on the host's own machine. The
     * unmount's measured wait stays whole: the grace period is what the wakeup leaves of
     * it, so one-thread unmounts keep their measured latency.
     *
     * @return the profile with the best dynamics seen within the budget
     */
    public static KernelProfile fitDynamics(List<MeasuredRun> fitRuns, KernelProfile base, MachineSpec machine,
                                            int maxEvaluations) {
        double waitUs = base.host().umountWaitUs();
        java.util.function.Function<double[], KernelProfile> profileAt = x -> {
            double kworker = clamp(Math.exp(x[2]), 0.2, Math.max(0.2, waitUs / 2));
            double wake = clamp(Math.exp(x[0]), 0.2, Math.max(0.2, (waitUs - kworker) / 2));
            return base.withDynamics(wake, clamp(Math.exp(x[1]), 0.1, 100), Math.max(1.0, waitUs - wake), kworker);
        };
        double[] start = {Math.log(base.scheduler().idleWakeupUs()), Math.log(base.scheduler().contextSwitchUs()),
                Math.log(Math.max(0.2, base.rcu().kworkerUs()))};
        double[] bestLoss = {Double.POSITIVE_INFINITY};
        double[][] bestPoint = {start};
        ObjectiveFunction objective = new ObjectiveFunction(x -> {
            double l = loss(compareAll(fitRuns, machine, profileAt.apply(x)));
            if (l < bestLoss[0]) {
                bestLoss[0] = l;
                bestPoint[0] = x.clone();
            }
            return l;
        });
        try {
            new SimplexOptimizer(1e-4, 1e-6).optimize(new MaxEval(maxEvaluations), objective, GoalType.MINIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(new double[] {0.7, 0.7, 0.7}));
        } catch (TooManyEvaluationsException budgetSpent) {
            // the best point seen is kept below
        }
        return profileAt.apply(bestPoint[0]);
    }

    private static Fitted fromLog(double[] x) {
        // bounded to physical ranges: 0.2-100 us switches, 0.2-30 us of kworker work, a
        // wakeup small enough that one unmount at one thread still fits its measured 46 us
        // (its waits are the kworker's wakeup and work, then the caller's wakeup), and a
        // sibling slowdown between none and a halved thread
        double kworkerUs = clamp(Math.exp(x[2]), 0.2, 30);
        double waitsUs = KernelProfiles.EPYC_2CORE_SYSCALLS_US.umount() - KernelProfiles.UMOUNT_CPU_US;
        return new Fitted(clamp(Math.exp(x[0]), 0.5, (waitsUs - kworkerUs) / 2), clamp(Math.exp(x[1]), 0.2, 100),
                kworkerUs, 1 + clamp(Math.exp(x[3]), 0.0, 1.0));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Fits a host's measurements and prints the fitted values and every run's comparison. */
    public static void main(String[] args) throws IOException {
        Measurements m = args.length > 0 && !"-".equals(args[0]) ? Measurements.read(Path.of(args[0])) : Measurements.epyc2core();
        KernelProfile base = KernelProfiles.EPYC_2CORE;
        int evaluations = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        List<MeasuredRun> fitRuns = m.runs().stream().filter(FIT_SET).toList();
        Fitted f = fit(fitRuns, base, evaluations);
        MachineSpec machine = f.machine();
        System.out.printf(Locale.ROOT, "fit loss %.4f, check loss %.4f%n",
                loss(compareAll(fitRuns, machine, f.applyTo(base))),
                loss(compareAll(m.runs().stream().filter(FIT_SET.negate()).toList(), machine, f.applyTo(base))));
        System.out.printf(Locale.ROOT,
                "fitted: idleWakeupUs=%.2f contextSwitchUs=%.2f rcuKworkerUs=%.2f smtSlowdown=%.3f (rcuGracePeriodUs=%.2f)%n",
                f.idleWakeupUs(), f.contextSwitchUs(), f.rcuKworkerUs(), f.smtSlowdown(), f.rcuGracePeriodUs(base));
        for (Comparison c : compareAll(m.runs(), machine, f.applyTo(base))) {
            MeasuredRun r = c.run();
            System.out.printf(Locale.ROOT, "%-6s threads=%-3d layers=%-3d readers=%d %s measured=%8.1f simulated=%8.1f ratio=%.2f%n",
                    r.mode().yamlName(), r.threads(), r.layers(), r.readers(), FIT_SET.test(r) ? "fit  " : "check",
                    r.startsPerSecond(), c.simulatedStartsPerSecond(), c.throughputRatio());
        }
    }
}

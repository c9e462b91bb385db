package io.mountsim.models.workload;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.random.Distributions;
import io.mountsim.core.random.RandomStream;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.core.stats.Tally;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.node.RuncNamespaceCopy;
import io.mountsim.models.node.SystemdPid1;
import java.util.Optional;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;
import io.mountsim.models.runtime.RootfsAssembly;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.RealDistribution;

/**
 * Container starts arriving at a node: each start, once it has a slot under
 * {@code maxConcurrentStarts} (FIFO, before its first syscall), runs its rootfs assembly
 * as a kernel thread; mountinfo watchers run beside them. The run ends when the last
 * start completes.
 */
final class MountStorm {
    private static final long WATCHER_ID_BASE = 1L << 40;

    private final Simulation sim;
    private final Kernel kernel;
    private final RootfsAssembly assembly;
    private final WorkloadSpec.ContainerStarts spec;
    private final int cap;
    private final ArrayDeque<Integer> admissionQueue = new ArrayDeque<>();
    private final long[] arrivalNs;
    private final long[] slotNs;
    private final long[] doneNs;
    /** When each start's rootfs was ready (before it asks PID 1 for its scope unit). */
    private final long[] rootfsNs;
    /** When each start's rootfs assembly began (after PID 1 answered what comes before it). */
    private final long[] assemblyNs;
    private final SystemdPid1 pid1;
    private final int pid1Requests;
    private final int pid1RequestsBefore;
    private final boolean runcNamespaceCopy;
    private final int[] layers;
    private final double[] workScale;
    private final List<MountinfoWatcher> watchers = new ArrayList<>();
    private int running;
    private int completed;

    MountStorm(Kernel kernel, RootfsAssembly assembly, WorkloadSpec.ContainerStarts spec,
               WatcherConfig watcherConfig, RandomStreams streams, int replication, Optional<SystemdPid1> pid1,
               boolean runcNamespaceCopy) {
        this.runcNamespaceCopy = runcNamespaceCopy;
        this.pid1 = pid1.orElse(null);
        this.pid1Requests = pid1.isPresent() ? watcherConfig.systemd().map(Pid1Config::dbusRequestsPerStart).orElse(0) : 0;
        this.pid1RequestsBefore = pid1.isPresent()
                ? watcherConfig.systemd().map(Pid1Config::dbusRequestsBeforeRootfs).orElse(0) : 0;
        this.sim = kernel.scheduler().simulation();
        this.kernel = kernel;
        this.assembly = assembly;
        this.spec = spec;
        this.cap = spec.maxConcurrentStarts().orElse(Integer.MAX_VALUE);
        int n = spec.containers();
        this.arrivalNs = new long[n];
        this.slotNs = new long[n];
        this.doneNs = new long[n];
        this.rootfsNs = new long[n];
        this.assemblyNs = new long[n];
        this.layers = new int[n];
        this.workScale = new double[n];
        RandomStream arrivals = streams.stream("arrivals", replication);
        RandomStream layerDraws = streams.stream("layers", replication);
        HostNoise noise = new HostNoise(streams.stream("hostNoise", replication), kernel.profile().host().workCv());
        // Poisson gaps by the inverse CDF of one uniform each (not sample(), whose
        // Ahrens-Dieter method takes a varying number of uniforms): -mean ln(1 - u)
        RealDistribution gapsNs = spec.arrival() instanceof Arrival.Poisson p
                ? Distributions.exponential(arrivals, 1e9 / p.perSecond()) : null;
        long t = 0;
        for (int i = 0; i < n; i++) {
            if (gapsNs != null && i > 0) {
                t += Math.round(gapsNs.inverseCumulativeProbability(arrivals.nextDouble()));
            }
            arrivalNs[i] = t;
            layers[i] = drawLayers(spec.layers(), layerDraws);
            workScale[i] = noise.draw();
        }
        for (int w = 0; w < watcherConfig.mountinfoReaders(); w++) {
            MountinfoWatcher source = new MountinfoWatcher(kernel, watcherConfig);
            watchers.add(source);
            KThread thread = new KThread(kernel, WATCHER_ID_BASE + w, source, null);
            thread.markMountTableRead();
            thread.start();
        }
    }

    private static int drawLayers(LayerCount count, RandomStream draws) {
        if (count instanceof LayerCount.Uniform u) {
            return u.min() + draws.nextInt(u.max() - u.min() + 1);
        }
        return ((LayerCount.Fixed) count).layers();
    }

    void begin() {
        for (int i = 0; i < arrivalNs.length; i++) {
            final int start = i;
            sim.scheduleAt(arrivalNs[i], () -> arrive(start));
        }
    }

    private void arrive(int start) {
        if (running < cap) {
            admit(start);
        } else {
            admissionQueue.addLast(start);
        }
    }

    private void admit(int start) {
        running++;
        slotNs[start] = sim.now();
        askPid1(start, pid1RequestsBefore, () -> assemble(start));
    }

    /** The rootfs assembly, once PID 1 has answered what comes before it (pod slice, sandbox scope). */
    private void assemble(int start) {
        assemblyNs[start] = sim.now();
        List<Op> ops = assembly.opsFor(layers[start]);
        OpSource source = OpSource.of(ops);
        if (runcNamespaceCopy) {
            OpSource assemble = source;
            OpSource runc = new RuncNamespaceCopy(kernel);
            source = t -> {
                Op op = assemble.next(t);
                return op != null ? op : runc.next(t);
            };
        }
        KThread thread = new KThread(kernel, start, source, t -> rootfsReady(start));
        thread.setWorkScale(workScale[start]);
        thread.start();
    }

    /**
     * The rootfs is ready; with PID 1 modelled, runc now asks it for the container's scope
     * unit (StartTransientUnit, one request after the other) and the start is done when the
     * last is answered.
     */
    private void rootfsReady(int start) {
        rootfsNs[start] = sim.now();
        askPid1(start, pid1Requests, () -> complete(start));
    }

    /** {@code requests} D-Bus requests to PID 1, one after the other, then {@code then}. */
    private void askPid1(int start, int requests, Runnable then) {
        if (requests <= 0 || pid1 == null) {
            then.run();
            return;
        }
        pid1.submit(() -> askPid1(start, requests - 1, then));
    }

    private void complete(int start) {
        doneNs[start] = sim.now();
        running--;
        completed++;
        Integer next = admissionQueue.pollFirst();
        if (next != null) {
            admit(next);
        }
        if (completed == arrivalNs.length) {
            sim.stop(); // watchers would poll forever
        }
    }

    List<StartRecord> records() {
        List<StartRecord> out = new ArrayList<>(arrivalNs.length);
        for (int i = 0; i < arrivalNs.length; i++) {
            out.add(new StartRecord(arrivalNs[i], slotNs[i], doneNs[i]));
        }
        return out;
    }

    /**
     * Per start, the time it waited for PID 1, ms: from its slot to its rootfs assembly
     * beginning, plus from its rootfs being ready to done.
     */
    Tally pid1WaitMs() {
        Tally t = new Tally();
        for (int i = 0; i < doneNs.length; i++) {
            t.add((assemblyNs[i] - slotNs[i] + doneNs[i] - rootfsNs[i]) / 1e6);
        }
        return t;
    }

    long watcherReads() {
        return watchers.stream().mapToLong(MountinfoWatcher::reads).sum();
    }
}

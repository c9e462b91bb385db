package io.mountsim.models.node;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.random.RandomStreams;
import io.mountsim.models.calibration.KernelProfiles;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.LayerStoreChildren;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.FlatLayout;
import io.mountsim.models.sched.SchedulerParams;

/**
 * A machine for the node tests: {@code cpus} CPUs with free wakeups and switches (so a
 * loop behaves as the single server of queueing theory), the calibration host's kernel.
 */
final class NodeRig {
    final Simulation sim = new Simulation();
    final CpuScheduler sched;
    final Kernel kernel;
    final RandomStreams streams = new RandomStreams(42);

    NodeRig(int cpus) {
        this(cpus, 0, 0);
    }

    NodeRig(int cpus, long idleWakeupNs, long contextSwitchNs) {
        sched = new CpuScheduler(sim, FlatLayout.of(cpus, 50),
                new SchedulerParams(SchedulerParams.defaultSliceNs(cpus), idleWakeupNs, contextSwitchNs));
        kernel = new Kernel(sched, KernelProfiles.EPYC_2CORE, 0, streams.stream("pathLookups", 0), 0,
                LayerStoreChildren.IDMAPPED);
    }

    /** A thread that adds one bind mount to the table (move_mount) at {@code atNs}. */
    void mountAt(long atNs, long id) {
        sim.scheduleAt(atNs, () -> new KThread(kernel, id, once(kernel.programs().moveMount()), null).start());
    }

    /** A thread that adds a mount every {@code gapNs} for ever. */
    void mountEvery(long gapNs, long id) {
        OpSource forever = new OpSource() {
            private boolean mount;

            @Override
            public Op next(KThread t) {
                mount = !mount;
                return mount ? kernel.programs().moveMount() : new Op.Sleep(gapNs);
            }
        };
        new KThread(kernel, id, forever, null).start();
    }

    private static OpSource once(Op op) {
        return new OpSource() {
            private boolean done;

            @Override
            public Op next(KThread t) {
                if (done) {
                    return null;
                }
                done = true;
                return op;
            }
        };
    }
}

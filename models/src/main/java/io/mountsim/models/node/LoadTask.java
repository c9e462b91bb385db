package io.mountsim.models.node;

import io.mountsim.core.random.RandomStream;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;

/**
 * One running workload's CPU demand ({@link NodeSpec.CpuLoad}): sleep, burst of user
 * work, sleep, ... for ever (the run ends when the last start completes). It starts with a
 * sleep drawn uniformly over one mean cycle so the tasks are not in step.
 */
final class LoadTask implements OpSource {
    private final RandomStream stream;
    private final double burstNs;
    private final double thinkNs;
    private boolean working;
    private boolean started;
    private long workIssuedNs;

    LoadTask(NodeSpec.CpuLoad load, RandomStream stream) {
        this.stream = stream;
        this.burstNs = load.burstMs() * 1e6;
        this.thinkNs = load.meanThinkNs();
    }

    @Override
    public Op next(KThread thread) {
        if (!started) {
            started = true;
            return new Op.Sleep(Math.max(1, Math.round(stream.nextDouble() * (burstNs + thinkNs))));
        }
        working = !working;
        double mean = working ? burstNs : thinkNs;
        long ns = Math.max(1, Math.round(-Math.log(1 - stream.nextDouble()) * mean));
        if (working) {
            workIssuedNs += ns;
            return new Op.UserWork(ns);
        }
        return new Op.Sleep(ns);
    }

    /** Work handed to the CPU so far, at nominal speed (a busy SMT sibling stretches it), ns. */
    long workIssuedNs() {
        return workIssuedNs;
    }
}

package io.mountsim.models.locks;

import io.mountsim.core.engine.Simulation;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import java.util.ArrayList;
import java.util.List;

/**
 * synchronize_rcu_expedited(): the caller sleeps until a grace period that started after
 * its call has ended. Expedited grace periods run one at a time (exp_mutex); callers that
 * arrive while one is running wait for the next, and all of them share it
 * (rcu_exp_gp_seq_snap / sync_exp_work_done). A grace period's length grows with the
 * CPU count, since every online CPU must be checked or sent an IPI.
 */
public final class RcuExpedited {
    private final CpuScheduler sched;
    private final long gracePeriodNs;
    private final List<SchedTask> current = new ArrayList<>();
    private List<SchedTask> next = new ArrayList<>();
    private boolean running;
    private long gracePeriods;
    private long callers;

    /** @param gracePeriodNs one expedited grace period on this machine */
    public RcuExpedited(CpuScheduler sched, long gracePeriodNs) {
        this.sched = sched;
        this.gracePeriodNs = gracePeriodNs;
    }

    /** The running task {@code t} sleeps until a full grace period has passed. */
    public void synchronize(SchedTask t) {
        callers++;
        next.add(t);
        sched.block(t);
        if (!running) {
            startGracePeriod();
        }
    }

    private void startGracePeriod() {
        running = true;
        gracePeriods++;
        current.addAll(next);
        next = new ArrayList<>();
        Simulation sim = sched.simulation();
        sim.schedule(gracePeriodNs, this::endGracePeriod);
    }

    private void endGracePeriod() {
        for (SchedTask t : current) {
            sched.wake(t);
        }
        current.clear();
        running = false;
        if (!next.isEmpty()) {
            startGracePeriod();
        }
    }

    public long gracePeriods() {
        return gracePeriods;
    }

    public long callers() {
        return callers;
    }

    public long gracePeriodNs() {
        return gracePeriodNs;
    }
}

package io.mountsim.models.locks;

import io.mountsim.core.engine.Simulation;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import java.util.ArrayList;
import java.util.List;

/**
 * synchronize_rcu_expedited(): the caller sleeps until a grace period that started after
 * its call has ended. Expedited grace periods run one at a time (exp_mutex).
 *
 * <p>Whether callers that arrive during one grace period share the next
 * (rcu_exp_gp_seq_snap / sync_exp_work_done allow it) is a parameter. On the calibration
 * host they do: perf lock contention at 8 per-layer threads shows only 17% of unmounts
 * waiting for exp_mutex although most of the threads are unmounting at any moment
 * (calibration/epyc-2core/lock-contention.txt); the unmount's growing latency under load
 * (46 us at 1 thread, 2.5 ms at 64) is namespace_sem and waiting for a CPU. The unshared
 * mode stays for kernels or hosts where callers do serialize.
 *
 * <p>Unshared, the callers line up on exp_mutex (exp_funnel_lock()): the one holding it
 * queues the grace period's work, sleeps until it ends, and unlocks only once it runs
 * again; the next caller, asleep on the mutex, must then be woken and run to queue its
 * own. So each grace period waits for two wakeups besides its kworker's, and on a loaded
 * machine every one of them waits for a CPU.
 *
 * <p>A grace period is driven by a kworker (wait_rcu_exp_gp on rcu_gp_wq): it must get a
 * CPU, do its work (select CPUs, send IPIs: grows with the CPU count), then the period
 * lasts until the CPUs have reported. So on a loaded machine a grace period also waits
 * for its kworker to be scheduled, and the sleepers it wakes wait for CPUs in turn.
 */
public final class RcuExpedited {
    /** Fingerprint id of the grace-period kworker. */
    private static final long KWORKER_ID = -1;

    private final CpuScheduler sched;
    private final long gracePeriodNs;
    private final long kworkerWorkNs;
    private final Kworker kworker;
    private final boolean shared;
    private final List<SchedTask> current = new ArrayList<>();
    private final java.util.ArrayDeque<SchedTask> next = new java.util.ArrayDeque<>();
    private boolean running;
    private long startedNs;
    /** Unshared mode: the caller holding exp_mutex, and whether its grace period has ended. */
    private SchedTask mutexOwner;
    private boolean ownerPeriodDone;
    private long gracePeriods;
    private long callers;

    /**
     * @param gracePeriodNs one expedited grace period on an idle machine
     * @param kworkerWorkNs CPU work of the kworker per grace period (part of gracePeriodNs)
     * @param shared        whether all callers waiting when a grace period starts share it
     */
    public RcuExpedited(CpuScheduler sched, long gracePeriodNs, long kworkerWorkNs, boolean shared) {
        this.sched = sched;
        this.shared = shared;
        this.gracePeriodNs = gracePeriodNs;
        this.kworkerWorkNs = Math.min(kworkerWorkNs, gracePeriodNs);
        this.kworker = new Kworker(sched.simulation());
    }

    /**
     * The running task {@code t} sleeps until a full grace period has passed; each time it
     * is resumed it must call {@link #resumed} to learn whether it may go on.
     */
    public void synchronize(SchedTask t) {
        callers++;
        next.add(t);
        sched.block(t);
        if (shared) {
            if (!running) {
                startGracePeriod();
            }
        } else if (mutexOwner == null) {
            takeMutex(next.pollFirst());
            startGracePeriod();
        }
    }

    /**
     * Called by a caller of {@link #synchronize} when it runs again: true when its grace
     * period is over (and, unshared, it has passed exp_mutex on); false when it was only
     * handed the mutex and now sleeps again while its grace period runs.
     */
    public boolean resumed(SchedTask t) {
        if (shared) {
            return true;
        }
        if (t != mutexOwner) {
            throw new IllegalStateException(t + " resumed without holding exp_mutex");
        }
        if (!ownerPeriodDone) {
            // woken by the mutex handoff: queue the grace period's work and sleep on it
            current.add(t);
            sched.block(t);
            startGracePeriod();
            return false;
        }
        SchedTask nextOwner = next.pollFirst();
        mutexOwner = null;
        if (nextOwner != null) {
            takeMutex(nextOwner);
            sched.wake(nextOwner, t.cpu()); // mutex_unlock() wakes the first waiter, who must run first
        }
        return true;
    }

    private void takeMutex(SchedTask t) {
        mutexOwner = t;
        ownerPeriodDone = false;
    }

    private void startGracePeriod() {
        running = true;
        gracePeriods++;
        startedNs = sched.now();
        if (shared) {
            current.addAll(next);
            next.clear();
        } else if (current.isEmpty()) {
            current.add(mutexOwner);
        }
        sched.wake(kworker);
    }

    /** Called by the kworker once it has done its part: the rest of the period elapses. */
    private void kworkerDone() {
        long elapsed = sched.now() - startedNs;
        sched.simulation().schedule(Math.max(0, gracePeriodNs - elapsed), this::endGracePeriod);
    }

    private void endGracePeriod() {
        for (SchedTask t : current) {
            sched.wake(t);
        }
        current.clear();
        running = false;
        if (!shared) {
            ownerPeriodDone = true; // the owner unlocks exp_mutex when it next runs
        } else if (!next.isEmpty()) {
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

    /** The kworker that drives each expedited grace period. */
    private final class Kworker extends SchedTask {
        private boolean working;

        Kworker(Simulation sim) {
            super(sim, KWORKER_ID);
        }

        @Override
        protected void resume() {
            if (!working) {
                working = true;
                sched.compute(this, kworkerWorkNs);
                return;
            }
            working = false;
            sched.block(this);
            kworkerDone();
        }
    }
}

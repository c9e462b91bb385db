package io.mountsim.models.sched;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.engine.Task;

/**
 * A task the CPU scheduler places on CPUs. The scheduler resumes it (calls
 * {@link #resume()}) only while it is on a CPU, so a task's program always runs on-CPU.
 */
public abstract class SchedTask extends Task {
    enum State { NEW, BLOCKED, RUNNABLE, RUNNING, EXITED }

    enum Activity { NONE, COMPUTE, SPIN, SWITCH }

    State state = State.NEW;
    Activity activity = Activity.NONE;
    int cpu = -1;
    int lastCpu = -1;
    long sliceStartNs;
    long runnableSinceNs;
    long activitySinceNs;
    /** True while spinning in a way that stops on need_resched (rwsem optimistic spin). */
    boolean preemptibleSpin;
    /** A scheduler tick is pending to set need_resched() on this spinning task. */
    boolean reschedTickArmed;
    /** The pending end of the current compute: its event, time and SMT stretch factor. */
    long computeEventId = -1;
    long computeEndNs;
    double computeFactor = 1.0;
    /** Whether the current compute may be preempted (no spinlock held, preemptible kernel). */
    boolean computePreemptible;
    /** Work left of a compute that was preempted; resumed before the task's program goes on. */
    long preemptedWorkNs;
    /** What to tell when an optimistic spin must stop because another task wants the CPU. */
    private SpinAbort spinAbort;

    protected SchedTask(Simulation sim, long id) {
        super(sim, id);
    }

    /** The CPU the task runs on, or -1 when it is not on a CPU. */
    public final int cpu() {
        return state == State.RUNNING ? cpu : -1;
    }

    /** The CPU the task last ran on (for cache distances), or -1 before it first ran. */
    public final int lastCpu() {
        return state == State.RUNNING ? cpu : lastCpu;
    }

    public final boolean isRunning() {
        return state == State.RUNNING;
    }

    /**
     * Called when a task became runnable on this task's CPU while this task spins with
     * {@code preemptibleSpin}: the kernel's need_resched() check in an optimistic spin
     * loop. The task must stop spinning (typically: queue and sleep).
     */
    final void needResched() {
        SpinAbort abort = spinAbort;
        if (abort != null) {
            spinAbort = null;
            abort.abortSpin(this);
        }
    }

    /** Registers who stops this task's optimistic spin on need_resched (null: nobody). */
    public final void onNeedResched(SpinAbort abort) {
        this.spinAbort = abort;
    }

    /** Receives need_resched() for a task spinning optimistically on a lock. */
    @FunctionalInterface
    public interface SpinAbort {
        void abortSpin(SchedTask t);
    }
}

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

    private State state = State.NEW;
    private Activity activity = Activity.NONE;
    /** The CPU of the task's latest dispatch (kept once it leaves: its last CPU), -1 before it first ran. */
    private int cpu = -1;
    private long sliceStartNs;
    private long runnableSinceNs;
    private long activitySinceNs;
    /** True while spinning in a way that stops on need_resched (rwsem optimistic spin). */
    private boolean preemptibleSpin;
    /** A scheduler tick is pending to set need_resched() on this spinning task. */
    private boolean reschedTickArmed;
    /** The pending end of the current compute: its event (-1: none), time and SMT stretch factor. */
    private long computeEventId = -1;
    private long computeEndNs;
    private double computeFactor = 1.0;
    /** Whether the current compute may be preempted (no spinlock held, preemptible kernel). */
    private boolean computePreemptible;
    /** Work left of a compute that was preempted; resumed before the task's program goes on. */
    private long preemptedWorkNs;
    /** What to tell when an optimistic spin must stop because another task wants the CPU. */
    private SpinAbort spinAbort;
    /** CPU time this task owes for crossing wakeups it made, paid before its next work. */
    private long owedCpuNs;
    /** Kernel work its CPU does before this task runs: the woken side of a crossing wakeup. */
    private long owedBeforeRunningNs;

    protected SchedTask(Simulation sim, long id) {
        super(sim, id);
    }

    /** The CPU the task runs on, or -1 when it is not on a CPU. */
    public final int cpu() {
        return state == State.RUNNING ? cpu : -1;
    }

    /** The CPU the task last ran on (for cache distances), or -1 before it first ran. */
    public final int lastCpu() {
        return cpu;
    }

    public final boolean isRunning() {
        return state == State.RUNNING;
    }

    // The scheduler's view (CpuScheduler only). The life cycle is NEW or BLOCKED -> RUNNABLE
    // (queued) or RUNNING (dispatched); RUNNING -> BLOCKED (slept), RUNNABLE (yielded or
    // preempted) or, after BLOCKED, EXITED. Each transition is one method that checks it.

    final State state() {
        return state;
    }

    /** Runnable or running: a wakeup finds nothing to do. */
    final boolean isAwake() {
        return state == State.RUNNING || state == State.RUNNABLE;
    }

    /** Woken with no idle CPU: waits in a run queue from now. */
    final void queue(long now) {
        if (state != State.NEW && state != State.BLOCKED) {
            throw new IllegalStateException(this + " cannot be queued: " + state);
        }
        state = State.RUNNABLE;
        runnableSinceNs = now;
    }

    /** Since when the queued task waits for a CPU. */
    final long runnableSinceNs() {
        return runnableSinceNs;
    }

    /** Sleeps: it leaves its CPU (which stays its last CPU). */
    final void sleep() {
        requireRunning();
        state = State.BLOCKED;
    }

    /** Done for good, once it slept. */
    final void exit() {
        if (state != State.BLOCKED) {
            throw new IllegalStateException(this + " must sleep before it exits: " + state);
        }
        state = State.EXITED;
    }

    /** Leaves its CPU for the back of a run queue (yielded at a preemption point, or preempted). */
    final void requeue(long now) {
        requireRunning();
        state = State.RUNNABLE;
        runnableSinceNs = now;
    }

    /**
     * Gets CPU {@code onCpu} now; its slice starts once switched in at {@code sliceStartNs}.
     * Switching in is kernel work on that CPU, so the activity is SWITCH from now.
     */
    final void dispatch(int onCpu, long now, long sliceStartNs) {
        if (state == State.RUNNING || state == State.EXITED) {
            throw new IllegalStateException(this + " cannot be dispatched: " + state);
        }
        state = State.RUNNING;
        cpu = onCpu;
        this.sliceStartNs = sliceStartNs;
        activity = Activity.SWITCH;
        activitySinceNs = now;
    }

    final long sliceStartNs() {
        return sliceStartNs;
    }

    final Activity activity() {
        return activity;
    }

    final long activitySinceNs() {
        return activitySinceNs;
    }

    /** Does {@code a} from now on (the previous activity was accounted and ended). */
    final void startActivity(Activity a, long now) {
        activity = a;
        activitySinceNs = now;
    }

    /** Does nothing from now on: no compute pending when it was computing, no preemptible spin. */
    final void endActivity(long now) {
        if (activity == Activity.COMPUTE && cpu >= 0) {
            computeEventId = -1;
        }
        activity = Activity.NONE;
        activitySinceNs = now;
        preemptibleSpin = false;
    }

    final boolean spinsPreemptibly() {
        return preemptibleSpin;
    }

    final void setPreemptibleSpin(boolean stopsOnNeedResched) {
        preemptibleSpin = stopsOnNeedResched;
    }

    /** Arms the resched tick: false if one is already pending. */
    final boolean armReschedTick() {
        if (reschedTickArmed) {
            return false;
        }
        reschedTickArmed = true;
        return true;
    }

    final void reschedTickFired() {
        reschedTickArmed = false;
    }

    /** A compute is pending: it ends with event {@code eventId} at {@code endNs}, stretched by {@code factor}. */
    final void computeScheduled(long eventId, long endNs, double factor) {
        computeEventId = eventId;
        computeEndNs = endNs;
        computeFactor = factor;
    }

    final void setComputePreemptible(boolean preemptible) {
        computePreemptible = preemptible;
    }

    final boolean computePreemptible() {
        return computePreemptible;
    }

    final long computeEventId() {
        return computeEventId;
    }

    final long computeEndNs() {
        return computeEndNs;
    }

    final double computeFactor() {
        return computeFactor;
    }

    /** Preempted in the middle of its compute: what is left of the work is kept (at least 1 ns). */
    final void keepPreemptedWork(long now) {
        preemptedWorkNs = Math.max(1, Math.round((computeEndNs - now) / computeFactor));
    }

    /** The preempted work to finish first on dispatch (0: none); taken, so it is done once. */
    final long takePreemptedWork() {
        long rest = preemptedWorkNs;
        preemptedWorkNs = 0;
        return rest;
    }

    final void oweCpu(long ns) {
        owedCpuNs += ns;
    }

    /** The owed CPU time, taken (paid once). */
    final long takeOwedCpu() {
        long ns = owedCpuNs;
        owedCpuNs = 0;
        return ns;
    }

    final void oweBeforeRunning(long ns) {
        owedBeforeRunningNs += ns;
    }

    final long takeOwedBeforeRunning() {
        long ns = owedBeforeRunningNs;
        owedBeforeRunningNs = 0;
        return ns;
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new IllegalStateException(this + " is not on a CPU (" + state + ")");
        }
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

package io.mountsim.models.sched;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.results.CpuBreakdown;
import java.util.ArrayDeque;

/**
 * Per-CPU run queues in the manner of Linux's fair scheduler, reduced to what decides
 * lock behaviour: a woken task needs a CPU before it runs (an idle CPU costs a wakeup,
 * a busy one makes it queue), a task yields to queued tasks only at preemption points
 * once its slice is used (kernel code here runs with voluntary preemption: it is not
 * preempted inside a syscall), spinning keeps a CPU busy and sleeping frees it.
 *
 * <p>Time spent switching a task in (or waking an idle CPU for it) counts as busy.
 *
 * <p>Placement follows select_idle_sibling(): the previous CPU if idle, else an idle CPU
 * in the same LLC, else any idle CPU, else the shortest run queue. A CPU that goes idle
 * pulls from the longest run queue (newidle balancing).
 */
public final class CpuScheduler {

    private static final class Cpu {
        final int index;
        SchedTask current;
        final ArrayDeque<SchedTask> runQueue = new ArrayDeque<>();
        long computeNs;
        long spinNs;
        /**
         * Until when the CPU still does kernel work its last task left behind when it slept
         * or yielded (a crossing wakeup's IPI it sent): the next task switched in waits for it.
         */
        long owedUntilNs;

        Cpu(int index) {
            this.index = index;
        }
    }

    private final Simulation sim;
    private final CpuLayout layout;
    private final SchedulerParams params;
    private final Cpu[] cpus;
    private long waitingForCpuNs;
    /**
     * Tasks in all run queues together: a CPU going idle with nothing queued anywhere
     * (the usual case) skips the scan of every CPU for the busiest queue.
     */
    private int queuedTasks;
    /** CPUs with a current task: a wakeup on a fully busy machine skips the search for an idle CPU. */
    private int busyCpus;
    private java.util.function.Consumer<SchedTask> preemptionListener;
    private final long startNs;

    public CpuScheduler(Simulation sim, CpuLayout layout, SchedulerParams params) {
        this.sim = sim;
        this.layout = layout;
        this.params = params;
        this.cpus = new Cpu[layout.cpus()];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(i);
        }
        this.startNs = sim.now();
    }

    public long now() {
        return sim.now();
    }

    public Simulation simulation() {
        return sim;
    }

    public CpuLayout layout() {
        return layout;
    }

    public int cpuCount() {
        return cpus.length;
    }

    /**
     * Makes a new or sleeping task runnable; it is resumed once it has a CPU. For a wakeup
     * with no waking task on a CPU (a timer, a new task); a task that wakes another calls
     * {@link #wake(SchedTask, int)}.
     */
    public void wake(SchedTask t) {
        wake(t, -1);
    }

    /**
     * Makes a new or sleeping task runnable, woken by the task now running on CPU
     * {@code wakerCpu} (-1: no waking task). When the task is placed on another CPU the
     * wakeup crosses CPUs, and costs more than a local one (try_to_wake_up() in
     * kernel/sched/core.c): to an idle CPU the waker queues the task on that CPU's wake list
     * and sends an IPI (ttwu_queue_wakelist() -> __smp_call_single_queue() ->
     * send_call_function_single_ipi()); to a busy CPU it takes the remote run queue's lock,
     * enqueues it and sends a reschedule IPI (resched_curr() -> smp_send_reschedule()), and
     * that CPU takes the interrupt and switches. The waker's extra (params' crossWake: the
     * wakeup-cross probe's waker_extra_us, busy or idle target) is CPU time of the waker's
     * CPU, paid before the waker's next work; the busy target's extra (woken_extra_us) is
     * paid on the target CPU before the woken task runs. An idle target's own side is the
     * idle wakeup, already charged.
     */
    public void wake(SchedTask t, int wakerCpu) {
        if (t.isAwake()) {
            return; // already awake: a wakeup of an awake task is a no-op, as in try_to_wake_up()
        }
        if (t.state() == SchedTask.State.EXITED) {
            throw new IllegalStateException(t + " has exited");
        }
        SchedulerParams.CrossWake cross = params.crossWake();
        boolean charged = wakerCpu >= 0 && cross.charged();
        Cpu idle = findIdleCpu(t.lastCpu());
        if (idle != null) {
            if (charged && idle.index != wakerCpu) {
                chargeWaker(wakerCpu, cross.wakerIdleTargetNs());
            }
            dispatch(idle, t, params.idleWakeupNs());
            return;
        }
        Cpu target = shortestQueue(t.lastCpu());
        if (charged && target.index != wakerCpu) {
            chargeWaker(wakerCpu, cross.wakerNs());
            t.oweBeforeRunning(cross.wokenNs());
        }
        t.queue(sim.now());
        target.runQueue.addLast(t);
        queuedTasks++;
        SchedTask cur = target.current;
        if (cur != null && cur.spinsPreemptibly() && cur.activity() == SchedTask.Activity.SPIN) {
            armReschedTick(cur);
        } else if (cur != null && cur.computePreemptible() && cur.activity() == SchedTask.Activity.COMPUTE) {
            armReschedTick(cur);
        }
    }

    /**
     * The waker's part of a crossing wakeup: CPU time of the task running on {@code cpu},
     * paid before its next work (or before the next task on that CPU when it sleeps first).
     */
    private void chargeWaker(int cpu, long ns) {
        if (ns <= 0) {
            return;
        }
        SchedTask waker = cpus[cpu].current;
        if (waker != null) {
            waker.oweCpu(ns);
        } else {
            leaveOwed(cpus[cpu], ns); // the waker slept just before waking (it left its CPU first)
        }
    }

    /** Kernel work a task left on its CPU as it left it: the CPU is busy with it from now. */
    private void leaveOwed(Cpu c, long ns) {
        if (ns > 0) {
            c.owedUntilNs = Math.max(c.owedUntilNs, sim.now()) + ns;
            c.computeNs += ns;
        }
    }

    /** The running task {@code t} sleeps: its CPU goes to the next task. */
    public void block(SchedTask t) {
        requireRunning(t);
        Cpu c = cpus[t.cpu()];
        endActivity(t);
        leaveOwed(c, t.takeOwedCpu());
        t.sleep();
        c.current = null;
        busyCpus--;
        scheduleNext(c);
    }

    /** The running task {@code t} is done for good. */
    public void exit(SchedTask t) {
        block(t);
        t.exit();
    }

    /**
     * A preemption point (return to user space, cond_resched()): if {@code t} has used its
     * slice and others wait for its CPU, it goes to the back of the queue and is resumed
     * later. Returns true when it yielded (the caller must stop and wait to be resumed).
     */
    public boolean preemptionPoint(SchedTask t) {
        requireRunning(t);
        Cpu c = cpus[t.cpu()];
        if (c.runQueue.isEmpty() || !sliceExpired(t)) {
            return false;
        }
        endActivity(t);
        leaveOwed(c, t.takeOwedCpu());
        t.requeue(sim.now());
        c.current = null;
        busyCpus--;
        c.runQueue.addLast(t);
        queuedTasks++;
        scheduleNext(c);
        return true;
    }

    /**
     * The kernel's need_resched(): set by the scheduler tick once {@code t} has used its
     * slice while others wait for its CPU (a queued task alone does not set it; with
     * EEVDF's RUN_TO_PARITY a woken task rarely preempts the current one at once).
     */
    public boolean needResched(SchedTask t) {
        requireRunning(t);
        return !cpus[t.cpu()].runQueue.isEmpty() && sliceExpired(t);
    }

    /**
     * Whether the scheduler tick has found {@code t}'s slice used: at once when the tick is
     * not modelled (tickNs 0), else at the first tick at or after the slice's end.
     */
    private boolean sliceExpired(SchedTask t) {
        long tick = params.tickNs();
        long lastTick = tick > 0 ? sim.now() / tick * tick : sim.now();
        return lastTick - t.sliceStartNs() >= params.sliceNs();
    }

    private long nextTickAtOrAfter(long ns) {
        long tick = params.tickNs();
        return tick > 0 ? (ns + tick - 1) / tick * tick : ns;
    }

    /**
     * For a task spinning optimistically with others queued on its CPU: at the end of its
     * slice need_resched() becomes true and the spin loop notices.
     */
    private void armReschedTick(SchedTask t) {
        if (!t.armReschedTick()) {
            return;
        }
        long at = nextTickAtOrAfter(Math.max(sim.now(), t.sliceStartNs() + params.sliceNs()));
        sim.scheduleAt(at, () -> {
            t.reschedTickFired();
            boolean spinning = t.spinsPreemptibly() && t.activity() == SchedTask.Activity.SPIN;
            boolean computing = t.computePreemptible() && t.activity() == SchedTask.Activity.COMPUTE
                    && t.computeEndNs() > sim.now();
            if (t.isRunning() && (spinning || computing) && !cpus[t.cpu()].runQueue.isEmpty()) {
                if (!sliceExpired(t)) {
                    armReschedTick(t); // armed in an earlier slice; t was switched out and in since
                } else if (spinning) {
                    t.needResched();
                } else {
                    preempt(t);
                }
            }
        });
    }

    /**
     * Runs {@code workNs} of work on {@code t}'s CPU and resumes {@code t} when done. While
     * its SMT sibling computes too, both run slower by the SMT slowdown; while the sibling
     * spins with PAUSE, {@code t} runs slower by the (smaller) spinning-sibling slowdown.
     * Work already under way is stretched or sped up whenever the sibling's activity
     * changes, so two overlapping siblings slow each other symmetrically and a lock holder
     * is slowed by whoever spins beside it.
     */
    public void compute(SchedTask t, long workNs) {
        compute(t, workNs, false);
    }

    /**
     * Like {@link #compute(SchedTask, long)}, with {@code preemptible} saying whether the
     * tick may take the CPU away once the slice is used and others wait: always for user
     * work, for kernel work only under kernel preemption, never inside a spinlock section.
     * Preempted work resumes, with what was left of it, when the task next gets a CPU.
     */
    public void compute(SchedTask t, long workNs, boolean preemptible) {
        requireRunning(t);
        workNs += t.takeOwedCpu(); // a crossing wakeup's IPI sent just before this work
        t.setComputePreemptible(preemptible);
        setActivity(t, SchedTask.Activity.COMPUTE);
        SchedTask sibling = siblingTask(t.cpu());
        double factor = sibling == null ? 1.0 : slowdownBeside(sibling.activity());
        long ns = factor == 1.0 ? workNs : Math.round(workNs * factor);
        t.computeScheduled(t.wakeAfter(ns), sim.now() + ns, factor);
        if (preemptible && !cpus[t.cpu()].runQueue.isEmpty()) {
            armReschedTick(t);
        }
    }

    /** Whether kernel work outside spinlocks may be preempted on this machine's kernel. */
    public boolean kernelPreemption() {
        return params.kernelPreemption();
    }

    /**
     * The tick took the CPU from {@code t} in the middle of preemptible work: the rest of
     * the work waits, with {@code t}, at the back of the run queue.
     */
    private void preempt(SchedTask t) {
        Cpu c = cpus[t.cpu()];
        sim.cancel(t.computeEventId());
        t.keepPreemptedWork(sim.now());
        endActivity(t);
        t.requeue(sim.now());
        c.current = null;
        busyCpus--;
        c.runQueue.addLast(t);
        queuedTasks++;
        if (preemptionListener != null) {
            preemptionListener.accept(t);
        }
        scheduleNext(c);
    }

    /** Told whenever a task loses its CPU in the middle of work (e.g. to stop spinners on it). */
    public void onPreemption(java.util.function.Consumer<SchedTask> listener) {
        this.preemptionListener = listener;
    }

    /** How much slower work runs beside a sibling doing {@code a}. */
    private double slowdownBeside(SchedTask.Activity a) {
        return switch (a) {
            case COMPUTE -> layout.smtSlowdown();
            case SPIN -> layout.spinningSiblingSlowdown();
            default -> 1.0;
        };
    }

    private SchedTask siblingTask(int cpu) {
        int sibling = layout.siblingOf(cpu);
        return sibling >= 0 ? cpus[sibling].current : null;
    }

    /** Re-times the pending compute of {@code t} (if any) for a new SMT stretch factor. */
    private void restretch(SchedTask t, double factor) {
        if (t == null || t.activity() != SchedTask.Activity.COMPUTE || t.computeEventId() < 0
                || t.computeFactor() == factor || t.computeEndNs() <= sim.now()) {
            return;
        }
        double remainingWork = (t.computeEndNs() - sim.now()) / t.computeFactor();
        long ns = Math.max(0, Math.round(remainingWork * factor));
        sim.cancel(t.computeEventId());
        t.computeScheduled(t.wakeAfter(ns), sim.now() + ns, factor);
    }

    /** {@code t} busy-waits on its CPU until {@link #stopSpinning}. */
    public void startSpinning(SchedTask t, boolean stopsOnNeedResched) {
        requireRunning(t);
        setActivity(t, SchedTask.Activity.SPIN);
        t.setPreemptibleSpin(stopsOnNeedResched);
        if (stopsOnNeedResched && !cpus[t.cpu()].runQueue.isEmpty()) {
            armReschedTick(t);
        }
    }

    public void stopSpinning(SchedTask t) {
        if (t.activity() == SchedTask.Activity.SPIN) {
            setActivity(t, SchedTask.Activity.NONE);
        }
        t.setPreemptibleSpin(false);
    }

    public boolean isSpinning(SchedTask t) {
        return t.activity() == SchedTask.Activity.SPIN;
    }

    /** Where the CPUs' time went up to now. */
    public CpuBreakdown breakdown() {
        long now = sim.now();
        double capacity = (double) (now - startNs) * cpus.length;
        if (capacity <= 0) {
            return CpuBreakdown.NONE;
        }
        long compute = 0;
        long spin = 0;
        for (Cpu c : cpus) {
            compute += c.computeNs;
            spin += c.spinNs;
            if (c.current != null) {
                long open = now - c.current.activitySinceNs();
                SchedTask.Activity a = c.current.activity();
                if (a == SchedTask.Activity.COMPUTE || a == SchedTask.Activity.SWITCH) {
                    compute += open;
                } else if (a == SchedTask.Activity.SPIN) {
                    spin += open;
                }
            }
        }
        double idle = Math.max(0, capacity - compute - spin);
        return new CpuBreakdown(compute / capacity, spin / capacity, idle / capacity, waitingForCpuNs / capacity);
    }

    private void requireRunning(SchedTask t) {
        if (!t.isRunning()) {
            throw new IllegalStateException(t + " is not on a CPU (" + t.state() + ")");
        }
    }

    /** t now does {@code a}: the sibling's work is re-timed for it. */
    private void setActivity(SchedTask t, SchedTask.Activity a) {
        endActivity(t, false);
        t.startActivity(a, sim.now());
        if (t.lastCpu() >= 0) {
            restretch(siblingTask(t.lastCpu()), slowdownBeside(a));
        }
    }

    /** Ends t's activity for good (it sleeps, yields or is preempted): a slowed sibling speeds up. */
    private void endActivity(SchedTask t) {
        endActivity(t, true);
    }

    private void endActivity(SchedTask t, boolean siblingSpeedsUp) {
        // the task's last CPU: where it ran the activity (it may have just slept or been preempted)
        int cpu = t.lastCpu();
        SchedTask.Activity a = t.activity();
        if (siblingSpeedsUp && cpu >= 0 && a != SchedTask.Activity.NONE) {
            restretch(siblingTask(cpu), 1.0);
        }
        long span = sim.now() - t.activitySinceNs();
        if (cpu >= 0 && span > 0) {
            if (a == SchedTask.Activity.COMPUTE || a == SchedTask.Activity.SWITCH) {
                cpus[cpu].computeNs += span;
            } else if (a == SchedTask.Activity.SPIN) {
                cpus[cpu].spinNs += span;
            }
        }
        t.endActivity(sim.now());
    }

    private void scheduleNext(Cpu c) {
        SchedTask next = c.runQueue.pollFirst();
        if (next == null && queuedTasks > 0) {
            Cpu busiest = null;
            for (Cpu other : cpus) {
                if (other.runQueue.size() > 0 && (busiest == null || other.runQueue.size() > busiest.runQueue.size())) {
                    busiest = other;
                }
            }
            if (busiest != null) {
                next = busiest.runQueue.pollFirst();
            }
        }
        if (next != null) {
            queuedTasks--;
            waitingForCpuNs += sim.now() - next.runnableSinceNs();
            dispatch(c, next, params.contextSwitchNs());
        }
    }

    private void dispatch(Cpu c, SchedTask t, long delayNs) {
        // kernel work left on the CPU by its last task, and a crossing wakeup's woken side
        delayNs += Math.max(0, c.owedUntilNs - sim.now()) + t.takeOwedBeforeRunning();
        c.current = t;
        busyCpus++;
        // the CPU is taken from now: switching in (or leaving idle) is kernel work on it
        t.dispatch(c.index, sim.now(), sim.now() + delayNs);
        long rest = t.takePreemptedWork();
        if (rest > 0) {
            boolean preemptible = t.computePreemptible();
            sim.schedule(delayNs, () -> compute(t, rest, preemptible)); // finish the preempted work first
        } else {
            t.wakeAfter(delayNs);
        }
    }

    private Cpu findIdleCpu(int previous) {
        if (previous >= 0 && cpus[previous].current == null) {
            return cpus[previous];
        }
        if (busyCpus == cpus.length) {
            return null; // every CPU is taken: no need to look at each
        }
        Cpu any = null;
        for (Cpu c : cpus) {
            if (c.current == null) {
                if (previous < 0 || layout.llcOf(c.index) == layout.llcOf(previous)) {
                    return c;
                }
                if (any == null) {
                    any = c;
                }
            }
        }
        return any;
    }

    private Cpu shortestQueue(int previous) {
        Cpu best = previous >= 0 ? cpus[previous] : cpus[0];
        for (Cpu c : cpus) {
            if (c.runQueue.size() < best.runQueue.size()) {
                best = c;
            }
        }
        return best;
    }
}

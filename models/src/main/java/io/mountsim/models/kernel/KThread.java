package io.mountsim.models.kernel;

import io.mountsim.models.locks.QueuedSpinlock;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import java.util.List;
import java.util.function.Consumer;

/**
 * A thread that issues mount-path syscalls, interpreted step by step: the scheduler
 * resumes it whenever it is on a CPU and has something to do (its work finished, a lock
 * became its own, it was woken), and it runs its program until it must wait again.
 * The position in the program is the state: the current op, the step within it and the
 * phase within the step.
 */
public final class KThread extends SchedTask {
    private final Kernel kernel;
    private final CpuScheduler sched;
    private final OpSource source;
    private final Consumer<KThread> onExit;
    private Op op;
    private int stepIndex;
    private int phase;
    private long opStartNs;
    private long lastSeenMountEvent = -1;
    private QueuedSpinlock heldSpinlock;
    /** Speed of this thread's CPU work relative to the profile (host noise; 1 = nominal). */
    private double workScale = 1.0;
    private long walkSequence;

    public KThread(Kernel kernel, long id, OpSource source, Consumer<KThread> onExit) {
        super(kernel.scheduler().simulation(), id);
        this.kernel = kernel;
        this.sched = kernel.scheduler();
        this.source = source;
        this.onExit = onExit;
    }

    /** Scales all of this thread's CPU work, e.g. by a per-start draw of host noise. */
    public void setWorkScale(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("work scale must be positive: " + scale);
        }
        this.workScale = scale;
    }

    private long scaled(long ns) {
        return workScale == 1.0 ? ns : Math.round(ns * workScale);
    }

    /** Makes the thread runnable; it starts once it has a CPU. */
    public void start() {
        sched.wake(this);
    }

    /** The mount-table event this thread last read (for mountinfo pollers). */
    public long lastSeenMountEvent() {
        return lastSeenMountEvent;
    }

    public void markMountTableRead() {
        lastSeenMountEvent = kernel.mountEvent();
    }

    @Override
    protected void resume() {
        if (sched.isSpinning(this)) {
            sched.stopSpinning(this); // a spinlock was handed over, or a seqlock writer left
        }
        while (true) {
            if (op == null) {
                op = source.next(this);
                if (op == null) {
                    sched.exit(this);
                    if (onExit != null) {
                        onExit.accept(this);
                    }
                    return;
                }
                stepIndex = 0;
                phase = 0;
                opStartNs = sched.now();
            }
            if (!op.runOn(this)) {
                return;
            }
            op = null;
            if (sched.preemptionPoint(this)) {
                return; // return to user space with the slice used up: others run first
            }
        }
    }

    // The interpreter: one method per kind of op and of step (Op.runOn and Step.runOn name
    // them). Each runs its op or step on from the current phase and answers true when it is
    // done, false when the thread must wait.

    boolean syscall(SyscallProgram program) {
        List<Step> steps = program.steps();
        while (stepIndex < steps.size()) {
            if (!steps.get(stepIndex).runOn(this)) {
                return false;
            }
            stepIndex++;
            phase = 0;
        }
        kernel.recordSyscall(program.kind(), sched.now() - opStartNs);
        return true;
    }

    boolean userWork(long ns) {
        if (phase == 0) {
            phase = 1;
            sched.compute(this, scaled(ns), true); // user space: always preemptible
            return false;
        }
        return true;
    }

    boolean awaitMountChange() {
        if (kernel.mountEvent() != lastSeenMountEvent) {
            return true;
        }
        kernel.addPoller(this);
        sched.block(this);
        return false;
    }

    boolean awaitEvents(boolean mountTable) {
        if (phase == 0) {
            if (mountTable && kernel.mountEvent() != lastSeenMountEvent) {
                return true;
            }
            phase = 1;
            if (mountTable) {
                kernel.addPoller(this);
            }
            sched.block(this);
            return false;
        }
        kernel.removePoller(this); // woken by a message or a timer: no stale poll registration
        return true;
    }

    boolean sleep(long ns) {
        if (phase == 0) {
            phase = 1;
            sched.block(this);
            sched.simulation().schedule(ns, () -> sched.wake(this));
            return false;
        }
        return true;
    }

    boolean namespaceWriteLock() {
        if (phase == 0) {
            phase = 1;
            return kernel.namespaceSem().acquireWrite(this);
        }
        return kernel.namespaceSem().retryWrite(this);
    }

    boolean namespaceWriteUnlock() {
        kernel.namespaceSem().releaseWrite(this);
        return true;
    }

    boolean namespaceReadLock() {
        if (phase == 0) {
            phase = 1;
            return kernel.namespaceSem().acquireRead(this);
        }
        return true; // resumed: readers are granted the lock when woken
    }

    boolean namespaceReadUnlock() {
        kernel.namespaceSem().releaseRead(this);
        return true;
    }

    boolean mountLockSection(long ns, long perCpuNs) {
        return spinlockSection(kernel.mountLock(), ns + perCpuNs * sched.cpuCount(), true);
    }

    boolean percpuAllocSection(long ns) {
        return mutexSection(kernel.pcpuAllocMutex(), ns);
    }

    boolean spinlockSection(Step.GlobalSpinlock lock, long ns) {
        return spinlockSection(kernel.spinlock(lock), ns, false);
    }

    boolean rcuSync() {
        if (phase == 0) {
            phase = 1;
            kernel.rcu().synchronize(this);
            return false;
        }
        return kernel.rcu().resumed(this);
    }

    boolean mountTableChange(Step.MountTableChange change) {
        kernel.mountsChanged(change, cpu());
        return true;
    }

    boolean lockedChildrenCheck() {
        return work(phase == 0 ? kernel.lockedChildrenCheckNs(cpu()) : 0);
    }

    /**
     * An RCU path walk: path_init() samples mount_lock's sequence and the walk is only
     * valid if no writer entered before it ends (legitimize_mnt(), read_seqretry());
     * otherwise it is redone as a ref-walk, whose lookup_mnt() spins in read_seqbegin()
     * while a writer is inside. Phases: 0 sample and walk, 1 check, 2 spinning before the
     * ref-walk, 3 ref-walk running, 4 done.
     */
    boolean pathWalk(long ns) {
        var lock = kernel.mountLock();
        switch (phase) {
            case 0:
                walkSequence = lock.sequence();
                phase = 1;
                if ((walkSequence & 1) == 0) {
                    sched.compute(this, scaled(ns), sched.kernelPreemption());
                    return false;
                }
                // a writer is inside right now: the walk cannot even start in RCU mode
                return refWalk(lock, ns);
            case 1:
                if (lock.sequence() == walkSequence) {
                    return true;
                }
                return refWalk(lock, ns);
            case 2:
                phase = 3;
                sched.compute(this, scaled(Math.round(ns * kernel.profile().mountTable().refWalkFactor())), sched.kernelPreemption());
                return false;
            default:
                return true;
        }
    }

    private boolean refWalk(io.mountsim.models.locks.MountLockSeqlock lock, long ns) {
        if (lock.beginRead(this)) {
            phase = 3;
            sched.compute(this, scaled(Math.round(ns * kernel.profile().mountTable().refWalkFactor())), sched.kernelPreemption());
        } else {
            phase = 2; // spinning in read_seqbegin() until the writer leaves
        }
        return false;
    }

    boolean work(long ns) {
        if (phase == 0) {
            if (ns <= 0) {
                return true;
            }
            phase = 1;
            sched.compute(this, scaled(ns), sched.kernelPreemption());
            return false;
        }
        return true;
    }

    /**
     * Phases: 0 acquire (maybe spin), 1 run the section (plus the line transfer and the
     * coherence cost of readers polling it), 2 release.
     */
    private boolean spinlockSection(QueuedSpinlock lock, long holdNs, boolean isMountLock) {
        switch (phase) {
            case 0: {
                long pullNs = lock.acquire(this);
                heldSpinlock = lock;
                if (pullNs < 0) {
                    phase = 1;
                    return false; // spinning in the MCS queue; resumed as the owner
                }
                phase = 2;
                sched.compute(this, scaled(holdNs) + pullNs + coherence(isMountLock, holdNs));
                return false;
            }
            case 1:
                phase = 2;
                sched.compute(this, scaled(holdNs) + coherence(isMountLock, holdNs));
                return false;
            default:
                heldSpinlock.release(this);
                heldSpinlock = null;
                return true;
        }
    }

    /**
     * A section under a sleeping mutex: phases 0 lock, 1 retry after a wakeup (or resumed
     * as the owner), 2 run the section, 3 unlock.
     */
    private boolean mutexSection(io.mountsim.models.locks.RwSemaphore mutex, long ns) {
        switch (phase) {
            case 0:
                phase = 1;
                if (!mutex.acquireWrite(this)) {
                    return false;
                }
                phase = 2;
                sched.compute(this, scaled(ns), sched.kernelPreemption());
                return false;
            case 1:
                if (!mutex.retryWrite(this)) {
                    return false;
                }
                phase = 2;
                sched.compute(this, scaled(ns), sched.kernelPreemption());
                return false;
            default:
                mutex.releaseWrite(this);
                return true;
        }
    }

    private long coherence(boolean isMountLock, long holdNs) {
        return isMountLock ? kernel.mountLockCoherenceNs(holdNs) : 0;
    }
}

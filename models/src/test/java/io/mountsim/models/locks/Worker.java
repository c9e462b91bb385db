package io.mountsim.models.locks;

import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import java.util.List;

/**
 * A test thread running a little straight-line program against the locks, driven the
 * way {@code KThread} drives them: a sleeping writer calls {@code retryWrite} on every
 * resume after {@code acquireWrite}; a reader resumed after {@code acquireRead} holds
 * the lock; a queued-spinlock waiter is resumed as the owner; a seqlock reader is
 * resumed when the writer has left. It logs what it observed, so tests can check the
 * locks from the outside.
 */
final class Worker extends SchedTask {

    sealed interface Action permits Compute, OffCpu, ReadLock, ReadUnlock, WriteLock, WriteUnlock,
            SpinSection, SeqRead, RcuSync, PreemptionPoint {
    }

    /** Work on the CPU. */
    record Compute(long ns) implements Action {
    }

    /** Sleep off-CPU (a timer wakes the worker), e.g. while holding a sleeping lock. */
    record OffCpu(long ns) implements Action {
    }

    record ReadLock(RwSemaphore sem) implements Action {
    }

    record ReadUnlock(RwSemaphore sem) implements Action {
    }

    record WriteLock(RwSemaphore sem) implements Action {
    }

    record WriteUnlock(RwSemaphore sem) implements Action {
    }

    /** acquire, hold for {@code holdNs} of work (plus the line pull), release. */
    record SpinSection(QueuedSpinlock lock, long holdNs) implements Action {
    }

    /** read_seqbegin(): passes at once, or spins until the writer leaves. */
    record SeqRead(MountLockSeqlock lock) implements Action {
    }

    record RcuSync(RcuExpedited rcu) implements Action {
    }

    /** Return to user space: yield if the slice is used and others wait. */
    record PreemptionPoint() implements Action {
    }

    enum Kind {
        /** A lock (or grace period) was asked for. */
        REQUEST,
        /** The worker runs again holding the lock / having passed the seqlock / grace period. */
        GRANTED,
        /** A spinlock's hold work is done; the release happens now. */
        RELEASE,
        DONE
    }

    record Event(long timeNs, long taskId, Kind kind, Action action) {
    }

    private final Rig rig;
    private final CpuScheduler sched;
    private final List<Action> program;
    private int pc;
    private int phase;
    private boolean done;
    private long doneNs = -1;

    Worker(Rig rig, long id, List<Action> program) {
        super(rig.sim, id);
        this.rig = rig;
        this.sched = rig.sched;
        this.program = List.copyOf(program);
    }

    boolean done() {
        return done;
    }

    long doneNs() {
        return doneNs;
    }

    @Override
    protected void resume() {
        if (!rig.tick()) {
            return;
        }
        if (sched.isSpinning(this)) {
            sched.stopSpinning(this); // a spinlock was handed over, or a seqlock writer left
        }
        while (pc < program.size()) {
            if (!step(program.get(pc))) {
                return;
            }
            pc++;
            phase = 0;
        }
        done = true;
        doneNs = sched.now();
        log(Kind.DONE, null);
        sched.exit(this);
    }

    /** Runs (part of) one action: true when it is complete, false when the worker waits. */
    private boolean step(Action a) {
        if (a instanceof Compute c) {
            if (phase++ == 0 && c.ns() > 0) {
                sched.compute(this, c.ns());
                return false;
            }
            return true;
        }
        if (a instanceof OffCpu o) {
            if (phase++ == 0) {
                sched.block(this);
                rig.sim.schedule(o.ns(), () -> sched.wake(this));
                return false;
            }
            return true;
        }
        if (a instanceof WriteLock w) {
            boolean held;
            if (phase++ == 0) {
                log(Kind.REQUEST, a);
                held = w.sem().acquireWrite(this);
            } else {
                held = w.sem().retryWrite(this);
            }
            if (held) {
                log(Kind.GRANTED, a);
            }
            return held;
        }
        if (a instanceof ReadLock r) {
            if (phase++ == 0) {
                log(Kind.REQUEST, a);
                if (!r.sem().acquireRead(this)) {
                    return false;
                }
            }
            log(Kind.GRANTED, a); // a woken reader was granted the lock by its waker
            return true;
        }
        if (a instanceof WriteUnlock w) {
            log(Kind.RELEASE, a);
            w.sem().releaseWrite(this);
            return true;
        }
        if (a instanceof ReadUnlock r) {
            log(Kind.RELEASE, a);
            r.sem().releaseRead(this);
            return true;
        }
        if (a instanceof SpinSection s) {
            return spinSection(s);
        }
        if (a instanceof PreemptionPoint) {
            return phase++ > 0 || !sched.preemptionPoint(this);
        }
        if (a instanceof SeqRead s) {
            if (phase++ == 0) {
                log(Kind.REQUEST, a);
                if (!s.lock().beginRead(this)) {
                    return false;
                }
            }
            log(Kind.GRANTED, a);
            return true;
        }
        RcuSync r = (RcuSync) a;
        if (phase++ == 0) {
            log(Kind.REQUEST, a);
            r.rcu().synchronize(this);
            return false;
        }
        if (!r.rcu().resumed(this)) {
            return false; // handed exp_mutex: sleeps again while its grace period runs
        }
        log(Kind.GRANTED, a);
        return true;
    }

    private boolean spinSection(SpinSection s) {
        switch (phase) {
            case 0: {
                log(Kind.REQUEST, s);
                long pullNs = s.lock().acquire(this);
                if (pullNs < 0) {
                    phase = 1;
                    return false; // spinning in the MCS queue
                }
                log(Kind.GRANTED, s);
                phase = 2;
                sched.compute(this, s.holdNs() + pullNs);
                return false;
            }
            case 1:
                log(Kind.GRANTED, s);
                phase = 2;
                sched.compute(this, s.holdNs());
                return false;
            default:
                log(Kind.RELEASE, s);
                s.lock().release(this);
                return true;
        }
    }

    private void log(Kind kind, Action a) {
        rig.log.add(new Event(sched.now(), id(), kind, a));
    }
}

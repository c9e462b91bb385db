package io.mountsim.models.locks;

import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import java.util.ArrayDeque;

/**
 * The kernel's queued spinlock (qspinlock, an MCS queue in a 4-byte word, x86 since
 * about 4.2): waiters spin on their own per-CPU node in FIFO order, so a release hands
 * the lock to exactly one waiter, at the cost of one cache-line transfer from the last
 * holder's CPU to the next one's, whatever the number of waiters (no thundering herd).
 * Spinlock holders and spinners run with preemption off, so they keep their CPUs.
 */
public class QueuedSpinlock {
    private record Waiter(SchedTask task, long sinceNs) {
    }

    private final CpuScheduler sched;
    private final LockStats stats;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private SchedTask holder;
    private long heldSinceNs;
    private int lastHolderCpu = -1;
    private long acquisitions;
    private long contended;

    public QueuedSpinlock(CpuScheduler sched, LockStats stats) {
        this.sched = sched;
        this.stats = stats;
    }

    /**
     * Takes the lock for the running task {@code t}. Returns the ns it costs to pull the
     * lock's cache line when the lock was free (the caller charges it as work), or -1
     * when {@code t} now spins in the queue; it is resumed once the lock is its own.
     */
    public long acquire(SchedTask t) {
        long now = sched.now();
        acquisitions++;
        if (holder == null) {
            take(t, now);
            stats.waited(now, now, t.cpu(), t.id());
            return transferNs(lastHolderCpu, t.cpu());
        }
        contended++;
        waiters.addLast(new Waiter(t, now));
        sched.startSpinning(t, false);
        return -1;
    }

    public void release(SchedTask t) {
        if (holder != t) {
            throw new IllegalStateException(t + " releases a spinlock held by " + holder);
        }
        long now = sched.now();
        stats.held(heldSinceNs, now, t.cpu(), t.id());
        lastHolderCpu = t.cpu();
        holder = null;
        Waiter next = waiters.pollFirst();
        if (next == null) {
            stats.heldState(now, false);
            return;
        }
        SchedTask n = next.task();
        stats.waited(next.sinceNs(), now, n.cpu(), n.id());
        take(n, now);
        n.wakeAfter(handoffNs(lastHolderCpu, n.cpu()));
    }

    private void take(SchedTask t, long now) {
        holder = t;
        heldSinceNs = now;
        stats.heldState(now, true);
        onTaken();
    }

    /** Hook for locks that do more on each acquisition (a seqlock bumps its sequence). */
    protected void onTaken() {
    }

    /** One line transfer between the two CPUs: MCS hands over to one waiter only. */
    protected long handoffNs(int fromCpu, int toCpu) {
        return transferNs(fromCpu, toCpu);
    }

    protected final long transferNs(int fromCpu, int toCpu) {
        return sched.layout().lineTransferNs(fromCpu, toCpu);
    }

    public boolean isHeld() {
        return holder != null;
    }

    public SchedTask holder() {
        return holder;
    }

    public int waiting() {
        return waiters.size();
    }

    public long acquisitions() {
        return acquisitions;
    }

    public long contendedAcquisitions() {
        return contended;
    }

    public LockStats stats() {
        return stats;
    }
}

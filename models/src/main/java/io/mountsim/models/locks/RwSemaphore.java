package io.mountsim.models.locks;

import io.mountsim.models.sched.ContendedLine;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import io.mountsim.models.sched.SchedulerParams;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A read-write semaphore with the behaviour of kernel/locking/rwsem.c (6.x):
 * <ul>
 * <li>Reader fast path fails as soon as anyone waits; in the slow path a reader may still
 * steal a lock that no writer and no other reader holds, unless HANDOFF is set
 * (rwsem_down_read_slowpath).</li>
 * <li>A writer that cannot take the lock spins optimistically (rwsem_optimistic_spin;
 * OSQ, so spinners line up FIFO) while the owner is a running writer, or for at most
 * 10 + readers/2 us (max 25 us) on reader owners, after which the reader phase is
 * marked non-spinnable; spinning stops on need_resched(). A spinner may take a free lock
 * ahead of sleeping waiters unless HANDOFF is set.</li>
 * <li>Otherwise the task joins the FIFO wait list and sleeps.</li>
 * <li>Release wakes the head waiter: a writer alone (it must then retake the lock itself
 * when it runs, and may find it stolen), or, when a reader is first, up to 256 readers
 * from the whole list, which are granted the lock at wakeup (rwsem_mark_wake).</li>
 * <li>HANDOFF is set only by a waiter that runs and fails past its timeout: the woken head
 * writer whose retry finds the lock taken (rwsem_try_write_lock()), or the head reader
 * whose wakeup finds a writer holding (rwsem_mark_wake()), once
 * {@code time_after(jiffies, waiter->timeout)}, the timeout being the queueing jiffy plus
 * RWSEM_WAIT_TIMEOUT. A head that slept through its timeout without running again has not
 * set it. Once set, the lock is handed to the head and nobody may steal.</li>
 * </ul>
 */
public final class RwSemaphore {
    /**
     * One jiffy: CONFIG_HZ=250 on the calibration and development host (/proc/config.gz of
     * kernel 6.18.44), {@link SchedulerParams#HZ_250_TICK_NS}.
     */
    static final long JIFFY_NS = SchedulerParams.HZ_250_TICK_NS;
    /** RWSEM_WAIT_TIMEOUT = DIV_ROUND_UP(HZ, 250) jiffies: one at HZ=250. */
    static final long WAIT_TIMEOUT_JIFFIES = 1;
    /**
     * The shortest wait after which HANDOFF can be set: time_after(jiffies, timeout) needs
     * the jiffy after the timeout's, so a waiter queued on a jiffy boundary may set it
     * 2 jiffies (8 ms) later, one queued just before a boundary just over 1 jiffy (4 ms) later.
     */
    public static final long HANDOFF_TIMEOUT_NS = WAIT_TIMEOUT_JIFFIES * JIFFY_NS;
    /** MAX_READERS_WAKEUP. */
    public static final int MAX_READERS_WAKEUP = 256;

    public enum Mode { READ, WRITE }

    private static final class Waiter {
        final SchedTask task;
        final Mode mode;
        final long sinceNs;
        boolean woken;

        Waiter(SchedTask task, Mode mode, long sinceNs) {
            this.task = task;
            this.mode = mode;
            this.sinceNs = sinceNs;
        }
    }

    private static final class Spinner {
        final SchedTask task;
        final long sinceNs;
        long timeoutEventId = -1;

        Spinner(SchedTask task, long sinceNs) {
            this.task = task;
            this.sinceNs = sinceNs;
        }
    }

    private final CpuScheduler sched;
    private final LockStats stats;
    private final ArrayDeque<Waiter> waitList = new ArrayDeque<>();
    private final ArrayDeque<Spinner> spinners = new ArrayDeque<>();
    private final Map<SchedTask, Long> readerSince = new IdentityHashMap<>();
    private SchedTask writer;
    private long writerSinceNs;
    private int readers;
    /**
     * RWSEM_FLAG_HANDOFF: set by a waiter that ran and failed past its timeout (a woken head
     * writer in rwsem_try_write_lock(), or the head reader in rwsem_mark_wake()), cleared
     * when the lock is handed over. A head that has waited past its timeout has not set it
     * unless it ran and failed since: a sleeping writer is woken only by a release
     * (rwsem_wake()), and may find the lock free, or stolen (then it sets the bit).
     */
    private boolean handoff;
    /** Set once spinning on the current reader phase timed out (RWSEM_NONSPINNABLE). */
    private boolean readerPhaseNonSpinnable;
    private int lastOwnerCpu = -1;
    /**
     * The rw_semaphore's line (count, owner, osq tail and wait_lock share one struct, one
     * line), polled continuously by the head of the optimistic spinners: only the OSQ
     * head runs rwsem_spin_on_owner() on it, the others spin on their own per-CPU node
     * (kernel/locking/osq_lock.c). Kernel data on node 0.
     */
    private final ContendedLine line;
    private int pollingCpu = -1;
    private long sleeps;
    private long acquisitions;

    public RwSemaphore(CpuScheduler sched, LockStats stats) {
        this.sched = sched;
        this.stats = stats;
        this.line = sched.layout().contendedLine(0);
    }

    /** Keeps the line's census equal to the OSQ head, whenever the spinners change. */
    private void syncPoller() {
        Spinner head = spinners.peekFirst();
        int cpu = head == null ? -1 : head.task.cpu();
        if (cpu == pollingCpu) {
            return;
        }
        if (pollingCpu >= 0) {
            line.removePoller(pollingCpu);
        }
        if (cpu >= 0) {
            line.addPoller(cpu);
        }
        pollingCpu = cpu;
    }

    /**
     * down_write() by the running task {@code t}: returns true when it holds the lock now;
     * false when it spins or sleeps, and is resumed holding the lock... or, for a sleeping
     * writer, resumed to retry: the caller then calls {@link #retryWrite} again.
     */
    public boolean acquireWrite(SchedTask t) {
        acquisitions++;
        long now = sched.now();
        if (isFree() && (waitList.isEmpty() || !handoff) && spinners.isEmpty()) {
            takeWrite(t, now, now);
            return true;
        }
        if (canSpin(t)) {
            startSpin(t, now);
            return false;
        }
        sleep(t, Mode.WRITE, now);
        return false;
    }

    /**
     * Called by a sleeping writer that was woken and now runs: it takes the lock when it
     * can, else sleeps again in its place at the head (true = holds the lock now).
     */
    public boolean retryWrite(SchedTask t) {
        if (writer == t) {
            // already granted through HANDOFF (passOn() took it off the wait list): asked
            // first, because find() would scan the whole list, O(waiters), to learn it
            return true;
        }
        Waiter w = find(t);
        if (w == null) {
            return false;
        }
        long now = sched.now();
        if (isFree()) {
            waitList.remove(w);
            takeWrite(t, w.sinceNs, now);
            if (handoff && (waitList.isEmpty() || waitList.peekFirst() != w)) {
                handoff = false;
            }
            return true;
        }
        w.woken = false;
        if (waitList.peekFirst() == w && pastTimeout(w.sinceNs, now)) {
            handoff = true; // rwsem_try_write_lock(): the lock is held and this waiter timed out
        }
        sleeps++;
        sched.block(t);
        return false;
    }

    /** down_read() by the running task {@code t}: true when it holds the lock now. */
    public boolean acquireRead(SchedTask t) {
        acquisitions++;
        long now = sched.now();
        boolean fastPath = writer == null && waitList.isEmpty();
        boolean slowPathSteal = writer == null && readers == 0 && !handoff;
        if (fastPath || slowPathSteal) {
            takeRead(t, now, now);
            if (!fastPath && readers == 1 && !waitList.isEmpty() && waitList.peekFirst().mode == Mode.READ) {
                // the first reader of a stolen lock wakes the queued readers too
                // (rwsem_mark_wake(RWSEM_WAKE_READ_OWNED) in rwsem_down_read_slowpath),
                // but only when a reader heads the queue: with a writer first,
                // rwsem_mark_wake() returns without waking anyone for READ_OWNED
                wakeReaders(now);
            }
            return true;
        }
        sleep(t, Mode.READ, now);
        return false;
    }

    public void releaseWrite(SchedTask t) {
        if (writer != t) {
            throw new IllegalStateException(t + " releases " + stats.name() + " written by " + writer);
        }
        long now = sched.now();
        stats.held(writerSinceNs, now, t.cpu(), t.id());
        lastOwnerCpu = t.cpu();
        writer = null;
        stats.heldState(now, false);
        passOn(now);
    }

    public void releaseRead(SchedTask t) {
        Long since = readerSince.remove(t);
        if (since == null) {
            throw new IllegalStateException(t + " releases a read hold of " + stats.name() + " it does not have");
        }
        long now = sched.now();
        stats.heldShared(since, now, t.cpu(), t.id());
        readers--;
        if (readers == 0) {
            lastOwnerCpu = t.cpu();
            readerPhaseNonSpinnable = false;
            stats.heldState(now, false);
            passOn(now);
        }
    }

    /** A task lost its CPU mid-work: if it owns the lock for writing, spinning on it stops. */
    public void ownerLeftCpu(SchedTask t) {
        if (t == writer) {
            stopAllSpinners();
        }
    }

    /** After the lock became free: a spinner takes it, or the head waiter is woken. */
    private void passOn(long now) {
        Waiter head = waitList.peekFirst();
        if (head != null && handoff) {
            if (head.mode == Mode.WRITE) {
                waitList.pollFirst();
                handoff = false;
                takeWrite(head.task, head.sinceNs, now);
                sched.wake(head.task, lastOwnerCpu);
                if (!head.task.isRunning()) {
                    // rwsem_spin_on_owner(): spinning stops once the owner is off-CPU
                    stopAllSpinners();
                }
            } else {
                handoff = false;
                wakeReaders(now);
            }
            return;
        }
        Spinner s = spinners.peekFirst();
        if (s != null) {
            if (head != null && head.mode == Mode.READ && pastTimeout(head.sinceNs, now)) {
                // rwsem_wake() -> rwsem_mark_wake(): the head reader's grant finds the
                // spinner's RWSEM_WRITER_LOCKED and, past its timeout, sets HANDOFF, so the
                // next release goes to the readers
                handoff = true;
            }
            // the releaser's atomic on the count waits behind the polling head, then the
            // line moves to the head, which sees the lock free and takes it
            long queueNs = Math.round(line.queueNs());
            spinners.pollFirst();
            syncPoller();
            cancelTimeout(s);
            takeWrite(s.task, s.sinceNs, now);
            sched.stopSpinning(s.task);
            s.task.onNeedResched(null);
            s.task.wakeAfter(queueNs + sched.layout().lineTransferNs(lastOwnerCpu, s.task.cpu()));
            return;
        }
        if (head == null) {
            return;
        }
        if (head.mode == Mode.WRITE) {
            if (!head.woken) {
                head.woken = true;
                sched.wake(head.task, lastOwnerCpu);
            }
        } else {
            wakeReaders(now);
        }
    }

    /** rwsem_mark_wake(RWSEM_WAKE_ANY) with a reader first: grant every queued reader (max 256). */
    private void wakeReaders(long now) {
        List<Waiter> granted = new ArrayList<>();
        for (Iterator<Waiter> it = waitList.iterator(); it.hasNext() && granted.size() < MAX_READERS_WAKEUP; ) {
            Waiter w = it.next();
            if (w.mode == Mode.READ) {
                it.remove();
                granted.add(w);
            }
        }
        for (Waiter w : granted) {
            takeRead(w.task, w.sinceNs, now);
            sched.wake(w.task, lastOwnerCpu);
        }
        // rwsem_optimistic_spin() starts the reader-spin threshold afresh whenever the
        // owner turns into readers: writers that began spinning on a writer get one too
        for (Spinner s : spinners) {
            if (s.timeoutEventId < 0 && readers > 0) {
                armReaderSpinTimeout(s);
            }
        }
    }

    private void stopAllSpinners() {
        for (Spinner s : new ArrayList<>(spinners)) {
            stopSpinAndSleep(s);
        }
    }

    /**
     * time_after(jiffies, waiter->timeout) with timeout = the queueing jiffy +
     * RWSEM_WAIT_TIMEOUT (rwsem_down_write_slowpath(), rwsem_down_read_slowpath()), jiffies
     * counted from the simulation's start.
     */
    static boolean pastTimeout(long queuedNs, long nowNs) {
        return nowNs / JIFFY_NS > queuedNs / JIFFY_NS + WAIT_TIMEOUT_JIFFIES;
    }

    /**
     * rwsem_can_spin_on_owner(): not when need_resched(), else while the owner is a running
     * writer, or readers whose phase has not been marked non-spinnable. HANDOFF does not stop
     * a spinner (6.x rwsem_spin_on_owner(): "we don't need to quit even when the handoff bit
     * is set"); it only keeps it from taking the lock (rwsem_try_write_lock_unqueued()),
     * which passOn() gives to the head first.
     */
    private boolean canSpin(SchedTask t) {
        if (sched.needResched(t)) {
            return false;
        }
        if (writer != null) {
            return writer.isRunning();
        }
        return readers > 0 && !readerPhaseNonSpinnable;
    }

    private void startSpin(SchedTask t, long now) {
        Spinner s = new Spinner(t, now);
        spinners.addLast(s);
        syncPoller();
        sched.startSpinning(t, true);
        t.onNeedResched(task -> stopSpinAndSleep(s));
        if (writer == null) {
            armReaderSpinTimeout(s);
        }
    }

    /** rwsem_rspin_threshold(): 10 us + 0.5 us per reader, at most 25 us. */
    private void armReaderSpinTimeout(Spinner s) {
        long limitNs = Math.min(25_000L, 10_000L + 500L * readers);
        s.timeoutEventId = sched.simulation().schedule(limitNs, () -> {
            s.timeoutEventId = -1;
            if (spinners.contains(s) && writer == null && readers > 0) {
                readerPhaseNonSpinnable = true;
                stopSpinAndSleep(s);
            }
        });
    }

    private void stopSpinAndSleep(Spinner s) {
        if (!spinners.remove(s)) {
            return;
        }
        syncPoller();
        cancelTimeout(s);
        sched.stopSpinning(s.task);
        s.task.onNeedResched(null);
        sleep(s.task, Mode.WRITE, s.sinceNs);
    }

    private void cancelTimeout(Spinner s) {
        if (s.timeoutEventId >= 0) {
            sched.simulation().cancel(s.timeoutEventId);
            s.timeoutEventId = -1;
        }
    }

    private void sleep(SchedTask t, Mode mode, long sinceNs) {
        waitList.addLast(new Waiter(t, mode, sinceNs));
        sleeps++;
        sched.block(t);
    }

    private void takeWrite(SchedTask t, long waitingSinceNs, long now) {
        writer = t;
        writerSinceNs = now;
        stats.waited(waitingSinceNs, now, t.lastCpu(), t.id());
        stats.heldState(now, true);
    }

    private void takeRead(SchedTask t, long waitingSinceNs, long now) {
        readers++;
        readerSince.put(t, now);
        stats.waited(waitingSinceNs, now, t.lastCpu(), t.id());
        stats.heldState(now, true);
    }

    private Waiter find(SchedTask t) {
        for (Waiter w : waitList) {
            if (w.task == t) {
                return w;
            }
        }
        return null;
    }

    public boolean isFree() {
        return writer == null && readers == 0;
    }

    public SchedTask writer() {
        return writer;
    }

    public int readers() {
        return readers;
    }

    public int waiting() {
        return waitList.size();
    }

    public int spinning() {
        return spinners.size();
    }

    public long sleeps() {
        return sleeps;
    }

    public long acquisitions() {
        return acquisitions;
    }

    public LockStats stats() {
        return stats;
    }
}

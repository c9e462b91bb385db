package io.mountsim.models.locks;

import io.mountsim.models.sched.ContendedLine;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.sched.SchedTask;
import java.util.ArrayList;
import java.util.List;

/**
 * A seqlock (include/linux/seqlock.h) as {@code mount_lock} is one: writers serialize on
 * a queued spinlock and bump a sequence count; readers never block writers but, when
 * they meet a writer inside, retry, or (ref-walk {@code lookup_mnt}'s
 * {@code read_seqbegin}) spin with PAUSE until it leaves. Readers polling the lock's
 * cache line pull it away from the writer, so each spinning reader adds coherence cost
 * to the writer's section (per spinner on a mesh, per LLC domain on chiplets: see
 * {@link #writerCoherenceNs()}).
 *
 * <p>What a walk does when the sequence moved, read in fs/namei.c and fs/namespace.c
 * (6.x): path_init() samples the count with __read_seqcount_begin(), which spins while a
 * writer is inside; leaving RCU mode, legitimize_mnt() fails on a moved count and the walk
 * restarts in ref-walk mode. __legitimize_mnt() returns 1 (no lock, no reference kept) when
 * the count already moved at its first read_seqretry(). Only when the count moved between
 * its two read_seqretry() checks around mnt_add_count() and smp_mb(), a window of a few
 * tens of cycles, does it take lock_mount_hash() (a write section that moves the count for
 * every other walker): since "__legitimize_mnt(): check for MNT_SYNC_UMOUNT should be
 * under mount_lock" (Al Viro, 2025; mainline and its stable backports) it takes the lock for
 * every such race, then returns 1 for an MNT_SYNC_UMOUNT or MNT_DOOMED mount and -1
 * otherwise, so that legitimize_mnt() mntput()s the reference. mntput_no_expire() takes
 * lock_mount_hash() only when the mount's mnt_ns is NULL: the last reference to an
 * unmounted mount, or to an open_tree() clone after its file closed (open_detached_copy()
 * puts the clone in an anonymous namespace while its file is open), once per such mount, which the
 * unmount programs already hold. Both write sections need a race of a few tens of ns
 * against the writers, so walkers are modelled as readers that spin or redo the walk,
 * not as writers.
 */
public final class MountLockSeqlock extends QueuedSpinlock {
    private final CpuScheduler sched;
    private final List<SchedTask> spinningReaders = new ArrayList<>();
    /** The seqlock_t's line (spinlock and sequence share it), polled by spinning readers; kernel data on node 0. */
    private final ContendedLine line;
    private long readerRetries;
    private long sequence;

    public MountLockSeqlock(CpuScheduler sched, LockStats stats) {
        super(sched, stats);
        this.sched = sched;
        this.line = sched.layout().contendedLine(0);
    }

    /**
     * A reader's pass: returns true when no writer is inside (the read succeeds at once),
     * false when {@code t} now spins; it is resumed when the writer leaves.
     */
    public boolean beginRead(SchedTask t) {
        if (!isHeld()) {
            return true;
        }
        readerRetries++;
        spinningReaders.add(t);
        line.addPoller(t.cpu());
        sched.startSpinning(t, false);
        return false;
    }

    /**
     * The sequence count: odd while a writer is inside, bumped on entry and exit, so a
     * reader that saw {@code s} and still sees {@code s} met no writer in between.
     * {@code sequence} counts write sections entered, so the k-th section runs at 2k - 1
     * and leaves 2k behind, as write_seqcount_begin()/end() do.
     */
    public long sequence() {
        return isHeld() ? sequence * 2 - 1 : sequence * 2;
    }

    /** A writer entered (write_seqlock()). */
    @Override
    protected void onTaken() {
        sequence++;
    }

    /** Readers spinning right now, each polling the writer's line. */
    public int spinningReaders() {
        return spinningReaders.size();
    }

    /**
     * What a writer's section pays for the readers polling the line now: write_seqlock()
     * takes the line exclusive and bumps the sequence, the spinning readers take it shared
     * again while the section runs, and write_sequnlock()'s bump needs it exclusive once
     * more: two requests, each queued behind the pollers at the line's home
     * ({@link ContendedLine#queueNs()}; the transfer into the writer's cache is charged by
     * the spinlock acquisition itself).
     */
    public long writerCoherenceNs() {
        return Math.round(2 * line.queueNs());
    }

    @Override
    public void release(SchedTask t) {
        super.release(t);
        if (!isHeld() && !spinningReaders.isEmpty()) {
            // the sequence is even again: every spinning reader's read_seqretry() passes
            int from = t.cpu();
            for (SchedTask r : spinningReaders) {
                line.removePoller(r.cpu());
                long ns = transferNs(from, r.cpu());
                r.wakeAfter(ns);
            }
            spinningReaders.clear();
        }
    }

    public long readerRetries() {
        return readerRetries;
    }
}

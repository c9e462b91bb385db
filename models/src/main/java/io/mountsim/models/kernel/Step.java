package io.mountsim.models.kernel;

/**
 * One thing a kernel thread does inside a syscall: CPU work, a lock operation, a path
 * walk, a grace-period wait, a change to the mount table. Steps are immutable and shared
 * by every thread running the same call, so a syscall's program is built once.
 */
public sealed interface Step {

    /**
     * Runs (part of) this step on {@code thread}, the one running the call: true when the
     * step is done, false when the thread must wait. Each step names the interpreter
     * method that executes it, so a step nobody executes is a compile error, not an
     * "unknown step" at run time. Called only by {@link KThread}'s interpreter.
     */
    boolean runOn(KThread thread);

    /** CPU work that holds no global lock (or holds what the thread already holds). */
    record Work(long ns) implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.work(ns);
        }
    }

    /** {@code namespace_lock() = down_write(&namespace_sem)}. */
    record NamespaceWriteLock() implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.namespaceWriteLock();
        }
    }

    /** {@code namespace_unlock(): up_write(&namespace_sem)}. */
    record NamespaceWriteUnlock() implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.namespaceWriteUnlock();
        }
    }

    /** {@code down_read(&namespace_sem)}, e.g. clone_private_mount(), m_start() of mountinfo. */
    record NamespaceReadLock() implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.namespaceReadLock();
        }
    }

    record NamespaceReadUnlock() implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.namespaceReadUnlock();
        }
    }

    /**
     * A write section of {@code mount_lock} (lock_mount_hash() ... unlock_mount_hash()):
     * {@code ns} of work with the seqlock held, plus {@code perCpuNs} for each CPU whose
     * per-CPU mount counters the section sums (mnt_get_count(), mnt_get_writers()).
     */
    record MountLockSection(long ns, long perCpuNs) implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.mountLockSection(ns, perCpuNs);
        }
    }

    /**
     * A section under pcpu_alloc_mutex, the global sleeping mutex of the per-CPU allocator:
     * alloc_vfsmnt() allocates each mount's per-CPU counters with alloc_percpu()
     * (mm/percpu.c), under namespace_sem wherever a mount is cloned.
     */
    record PercpuAllocSection(long ns) implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.percpuAllocSection(ns);
        }
    }

    /** A short section under another global spinlock (mount-ID allocator, sb_lock). */
    record SpinlockSection(GlobalSpinlock lock, long ns) implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.spinlockSection(lock, ns);
        }
    }

    /**
     * An RCU path walk of {@code ns} that samples mount_lock's sequence (path_init(),
     * crossing mount points); meeting a writer makes it spin in the ref-walk fallback and
     * redo the walk {@code refWalkFactor} times slower.
     */
    record PathWalk(long ns) implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.pathWalk(ns);
        }
    }

    /** synchronize_rcu_expedited() in namespace_unlock() after an unmount. */
    record RcuSync() implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.rcuSync();
        }
    }

    /**
     * touch_mnt_namespace(): the table gained ({@code delta} = +1) or lost (-1) a mount of
     * {@code kind}, whose mountinfo line lists {@code lowerdirs} lower layers; pollers wake.
     */
    record MountTableChange(int delta, MountKind kind, int lowerdirs) implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.mountTableChange(this);
        }
    }

    /**
     * has_locked_children() on the layer store's mount (open_tree's __do_loopback(),
     * clone_private_mount()): is_subdir() for each of its child mounts, so the cost is
     * the kernel's per-child check times the children there are now.
     */
    record LockedChildrenCheck() implements Step {
        @Override
        public boolean runOn(KThread thread) {
            return thread.lockedChildrenCheck();
        }
    }

    /** The global spinlocks other than mount_lock. */
    enum GlobalSpinlock { MOUNT_ID, SB_LOCK }
}

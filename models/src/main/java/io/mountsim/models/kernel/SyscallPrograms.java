package io.mountsim.models.kernel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds each mount-path call as the steps fs/namespace.c and fs/overlayfs take (facts
 * file, section 2), splitting the call's uncontended cost ({@link SyscallCostsUs}) into
 * lock-free work, path walks, and work under namespace_sem and mount_lock by the shares
 * of {@link KernelProfile.LockShares}. Programs are built once per shape and shared.
 *
 * <p>Costs are kept whole: on the host the steps of a call add up to its measured
 * uncontended latency (the host's per-CPU counter sums and grace period included); on a
 * machine with more CPUs the per-CPU parts grow.
 */
public final class SyscallPrograms {
    /** The mount-ID allocator's spinlock section inside clone_mnt() (mnt_alloc_id()) [est]. */
    private static final long MOUNT_ID_SECTION_NS = 50;
    /**
     * alloc_percpu() of a mount's counters under pcpu_alloc_mutex: a chunk search and a
     * bitmap update, about a microsecond when no page must be populated [est].
     */
    private static final long PERCPU_ALLOC_NS = 1_000;
    /** sget_fc() walking the overlay superblocks under sb_lock [est]. */
    private static final long SB_LOCK_SECTION_NS = 100;
    /** Floor for a call's CPU work once its other parts are carved out. */
    private static final long MIN_WORK_NS = 200;
    /**
     * Measured on the calibration host (calibration/epyc-2core/runc-rslave.txt, least-squares
     * slopes over 22 to 2,022 mounts, the busy node's range): unshare(CLONE_NEWNS) costs 1,398
     * ns per mount copied (copy_mnt_ns() -> copy_tree() under namespace_sem), and the
     * recursive MS_SLAVE runc makes on the copy 51 ns per mount (do_change_type() under
     * namespace_sem and mount_lock). Both grow faster beyond (1,642 and 132 ns per mount over
     * 22 to 8,022 mounts), not modelled. The study's machines take the calibration host's
     * per-mount work, as they take its per-call costs.
     */
    static final long MEASURED_UNSHARE_NS_PER_MOUNT = 1_400;
    static final long MEASURED_MAKE_SLAVE_NS_PER_MOUNT = 50;

    private final KernelProfile p;
    private final double coreWorkScale;
    private final long walkNs;
    private final long sectionNs;
    private final SyscallProgram openTree;
    private final SyscallProgram mountSetattr;
    private final SyscallProgram moveMount;
    private final SyscallProgram umountDetach;
    private final SyscallProgram umount;
    private final SyscallProgram closeDetachedTree;
    private final Map<Long, SyscallProgram> overlays = new HashMap<>();
    private final Map<Integer, SyscallProgram> rootfsUnmounts = new HashMap<>();
    /**
     * Bytes one lowerdir path adds to an overlay's mountinfo line (it sizes the read()
     * calls of a full read): 20, measured on the calibration host with the probe's paths
     * (an overlay line of 50 lowers is 1,115 bytes, of 1 lower 150 bytes;
     * models/src/main/resources/calibration/epyc-2core/mountinfo-overlay-lines.txt).
     */
    static final int LOWERDIR_BYTES = 20;
    /** PAGE_SIZE on x86-64: the seq_file buffer's first size. */
    private static final long SEQ_FILE_PAGE_BYTES = 4096;

    public SyscallPrograms(KernelProfile profile) {
        this(profile, 1.0);
    }

    /**
     * @param coreWorkScale how much longer core-bound work takes on this machine than on the
     *                      host the profile was measured on (its clock over this machine's;
     *                      {@link io.mountsim.models.topology.MemoryHierarchy#coreWorkScale()}):
     *                      applied to mountinfo reads, whose per-line cost is byte-by-byte
     *                      escaping (string_escape_mem + strchr: 52% of all CPU time with
     *                      one reader on the host, calibration/epyc-2core/lock-contention.txt)
     */
    public SyscallPrograms(KernelProfile profile, double coreWorkScale) {
        this.coreWorkScale = coreWorkScale;
        this.p = profile;
        this.walkNs = us(profile.mountTable().pathWalkUs());
        this.sectionNs = us(profile.mountTable().lockSectionUs());
        SyscallCostsUs c = profile.syscallsUs();
        KernelProfile.LockShares s = profile.shares();
        this.openTree = openTree(us(c.openTree()), s.openTree());
        this.mountSetattr = mountSetattr(us(c.mountSetattr()));
        this.moveMount = moveMount(us(c.moveMount()), s.moveMount());
        Step.MountTableChange bindGone = new Step.MountTableChange(-1, MountKind.BIND, 0);
        this.umountDetach = umount(SyscallKind.UMOUNT_DETACH, bindGone);
        this.umount = umount(SyscallKind.UMOUNT, bindGone);
        this.closeDetachedTree = umount(SyscallKind.CLOSE_TREE, null);
    }

    /**
     * open_tree(OPEN_TREE_CLONE): walk, then under namespace_lock() __do_loopback()'s
     * has_locked_children() over the source mount's children and copy_tree().
     */
    private SyscallProgram openTree(long totalNs, double share) {
        // on a host faster than the fixed walk and sections allow, they shrink in
        // proportion, so the call costs what the host measured (as in the overlay's layers)
        long walk = Math.min(walkNs, totalNs / 2);
        long rest = Math.max(MIN_WORK_NS, totalNs - walk);
        long held = Math.round(rest * share);
        long free = rest - held;
        long fixedHeld = 2 * sectionNs + MOUNT_ID_SECTION_NS + PERCPU_ALLOC_NS;
        double shrink = fixedHeld > held ? (double) held / fixedHeld : 1.0;
        long section = Math.round(sectionNs * shrink);
        long mountId = Math.round(MOUNT_ID_SECTION_NS * shrink);
        long percpu = Math.round(PERCPU_ALLOC_NS * shrink);
        long heldWork = Math.max(0, held - 2 * section - mountId - percpu);
        return new SyscallProgram(SyscallKind.OPEN_TREE, List.of(
                new Step.Work(free / 2),
                new Step.PathWalk(walk),
                new Step.NamespaceWriteLock(),
                new Step.LockedChildrenCheck(),
                new Step.SpinlockSection(Step.GlobalSpinlock.MOUNT_ID, mountId),
                new Step.PercpuAllocSection(percpu),
                new Step.Work(heldWork),
                new Step.MountLockSection(section, 0),          // clone_mnt(): s_mounts list
                new Step.MountLockSection(section, 0),          // attach + namespace rb-tree insert
                new Step.NamespaceWriteUnlock(),
                new Step.Work(free - free / 2)));
    }

    /**
     * mount_setattr(MOUNT_ATTR_IDMAP) on a detached tree: no namespace_sem (propagation is
     * unchanged), mount_lock held over the walk, where mnt_hold_writers() sums per-CPU
     * writer counts.
     */
    private SyscallProgram mountSetattr(long totalNs) {
        long perCpu = Math.round(p.mountTable().perCpuCounterNs());
        long work = Math.max(MIN_WORK_NS, totalNs - sectionNs - perCpu * p.host().cpus());
        return new SyscallProgram(SyscallKind.MOUNT_SETATTR, List.of(
                new Step.Work(work),
                new Step.MountLockSection(sectionNs, perCpu)));
    }

    /** move_mount(): target walk, inode lock, namespace_lock(), attach_recursive_mnt(). */
    private SyscallProgram moveMount(long totalNs, double share) {
        long rest = Math.max(MIN_WORK_NS, totalNs - walkNs);
        long held = Math.round(rest * share);
        long free = rest - held;
        return new SyscallProgram(SyscallKind.MOVE_MOUNT, List.of(
                new Step.PathWalk(walkNs),
                new Step.Work(free),
                new Step.NamespaceWriteLock(),
                new Step.Work(Math.max(0, held - sectionNs)),
                new Step.MountLockSection(sectionNs, 0),          // hash insert, commit_tree()
                new Step.MountTableChange(+1, MountKind.BIND, 0), // touch_mnt_namespace()
                new Step.NamespaceWriteUnlock()));
    }

    /**
     * umount2() (and closing a never-attached open_tree fd): namespace_lock(),
     * umount_tree() under lock_mount_hash() (a plain umount also sums per-CPU counts in
     * propagate_mount_busy()), both released, then namespace_unlock() waits for an
     * expedited grace period. The measured cost includes the host's grace period, so the
     * CPU part is what is left of it.
     */
    private SyscallProgram umount(SyscallKind kind, Step.MountTableChange change) {
        long totalNs = us(p.syscallsUs().umount());
        double share = p.shares().umount();
        long perCpu = kind == SyscallKind.UMOUNT_DETACH || kind == SyscallKind.CLOSE_TREE ? 0
                : Math.round(p.mountTable().perCpuCounterNs());
        // measured on an otherwise idle host: the call slept one grace period and was woken
        // onto an idle CPU, so both are part of the measured latency, not of its CPU work
        long cpuNs = Math.max(MIN_WORK_NS, totalNs - us(p.host().umountWaitUs()) - perCpu * p.host().cpus());
        boolean walks = kind != SyscallKind.CLOSE_TREE;
        long rest = Math.max(MIN_WORK_NS, cpuNs - (walks ? walkNs : 0));
        long held = Math.round(rest * share);
        long free = rest - held;
        List<Step> steps = new ArrayList<>();
        if (walks) {
            steps.add(new Step.PathWalk(walkNs));
        }
        steps.add(new Step.Work(free));
        steps.add(new Step.NamespaceWriteLock());
        steps.add(new Step.Work(Math.max(0, held - sectionNs)));
        steps.add(new Step.MountLockSection(sectionNs, perCpu));
        if (change != null) {
            steps.add(change);
        }
        steps.add(new Step.NamespaceWriteUnlock());
        steps.add(new Step.RcuSync());
        return new SyscallProgram(kind, steps);
    }

    /**
     * mount("overlay", lowerdir=L dirs) (or, with fds, fsconfig("lowerdir+") with
     * idmapped layer fds then fsmount + move_mount): each lower layer is looked up (a path
     * walk, unless passed as an fd), the superblock is found under sb_lock, each layer is
     * cloned by clone_private_mount() under {@code down_read(&namespace_sem)} (which checks the
     * source mount's children when that is the layer store itself), and the new mount is
     * grafted under namespace_lock() and mount_lock.
     */
    public SyscallProgram overlayMount(int layers, OverlayLowers lowers) {
        return overlays.computeIfAbsent(layers * 4L + lowers.ordinal(), k -> buildOverlay(layers, lowers));
    }

    private SyscallProgram buildOverlay(int layers, OverlayLowers lowers) {
        boolean lowerFds = lowers == OverlayLowers.IDMAPPED_FDS;
        SyscallCostsUs c = p.syscallsUs();
        KernelProfile.LockShares s = p.shares();
        long perLayer = us(c.overlayMountPerLayer());
        long layerHeld = Math.round(perLayer * s.overlayPerLayer());
        // the fixed sections are part of the measured per-layer cost: on a host faster than
        // they allow they shrink in proportion, so a layer costs what the host measured
        long fixedHeld = sectionNs + MOUNT_ID_SECTION_NS + PERCPU_ALLOC_NS;
        double shrink = fixedHeld > layerHeld ? (double) layerHeld / fixedHeld : 1.0;
        long layerSectionNs = Math.round(sectionNs * shrink);
        long mountIdNs = Math.round(MOUNT_ID_SECTION_NS * shrink);
        long percpuNs = Math.round(PERCPU_ALLOC_NS * shrink);
        long layerWalkNs = lowerFds ? 0 : Math.min(walkNs, perLayer - layerHeld);
        long layerFree = Math.max(0, perLayer - layerHeld - layerWalkNs);
        long layerHeldWork = Math.max(0, layerHeld - layerSectionNs - mountIdNs - percpuNs);
        long base = us(c.overlayMountBase());
        long baseHeld = Math.round(base * s.overlayBase());
        long baseFree = Math.max(0, base - baseHeld - SB_LOCK_SECTION_NS);
        List<Step> steps = new ArrayList<>(8 * layers + 10);
        steps.add(new Step.Work(baseFree / 2));
        for (int i = 0; i < layers; i++) {
            if (!lowerFds) {
                steps.add(new Step.PathWalk(layerWalkNs));
            }
            steps.add(new Step.Work(layerFree));
        }
        steps.add(new Step.SpinlockSection(Step.GlobalSpinlock.SB_LOCK, SB_LOCK_SECTION_NS));
        for (int i = 0; i < layers; i++) {
            steps.add(new Step.NamespaceReadLock());
            if (lowers == OverlayLowers.LAYER_STORE_PATHS) {
                steps.add(new Step.LockedChildrenCheck());
            }
            steps.add(new Step.SpinlockSection(Step.GlobalSpinlock.MOUNT_ID, mountIdNs));
            steps.add(new Step.PercpuAllocSection(percpuNs));
            steps.add(new Step.Work(layerHeldWork));
            steps.add(new Step.MountLockSection(layerSectionNs, 0));   // clone_mnt(): s_mounts list
            steps.add(new Step.NamespaceReadUnlock());
        }
        steps.add(new Step.NamespaceWriteLock());                // lock_mount()
        steps.add(new Step.Work(Math.max(0, baseHeld - sectionNs)));
        steps.add(new Step.MountLockSection(sectionNs, 0));      // graft_tree()
        steps.add(new Step.MountTableChange(+1, MountKind.OVERLAY, layers));
        steps.add(new Step.NamespaceWriteUnlock());
        steps.add(new Step.Work(baseFree - baseFree / 2));
        return new SyscallProgram(SyscallKind.OVERLAY_MOUNT, steps);
    }

    /**
     * CPU work of one full read of /proc/self/mountinfo listing {@code mounts} lines whose
     * overlay lines name {@code lowerdirs} lower layers in all: a fixed part, a part per
     * line and a part per lowerdir path (show_mountinfo() escapes every option byte).
     */
    public long mountinfoReadNs(int mounts, long lowerdirs) {
        SyscallCostsUs c = p.syscallsUs();
        double hostNs = us(c.mountinfoReadBase())
                + 1000 * (c.mountinfoReadPerMount() * mounts + c.mountinfoReadPerLowerdir() * lowerdirs);
        return Math.round(coreWorkScale * hostNs);
    }

    /** Size of that file, which decides how many read() calls a full read takes. */
    public long mountinfoBytes(int mounts, long lowerdirs) {
        return Math.round(p.mountTable().mountinfoLineBytes() * mounts) + LOWERDIR_BYTES * lowerdirs;
    }

    /**
     * Bytes one read() of mountinfo returns at most, whatever the caller asks for:
     * seq_read_iter() fills the seq_file buffer once per call, and that buffer is a page
     * that doubles until the longest line fits (fs/seq_file.c); it belongs to the open
     * file, so it keeps the largest size it ever needed.
     */
    public long seqFileBufferBytes(int mostLowerdirsInALine) {
        long line = Math.round(p.mountTable().mountinfoLineBytes()) + (long) LOWERDIR_BYTES * mostLowerdirsInALine;
        long buffer = SEQ_FILE_PAGE_BYTES;
        while (buffer < line) {
            buffer <<= 1;
        }
        return buffer;
    }

    /**
     * One read() of /proc/self/mountinfo doing {@code ns} of work: m_start() takes
     * namespace_sem for read for the whole call (fs/proc_namespace.c, fs/seq_file.c). A
     * read() at the end of the file still takes and drops the lock.
     */
    public SyscallProgram mountinfoRead(long ns) {
        return new SyscallProgram(SyscallKind.MOUNTINFO_READ, List.of(
                new Step.NamespaceReadLock(),
                new Step.Work(Math.max(MIN_WORK_NS, ns)),
                new Step.NamespaceReadUnlock()));
    }

    /**
     * unshare(CLONE_NEWNS): copy_tree() of the whole namespace under namespace_lock(), at the
     * measured cost per mount copied ({@link #MEASURED_UNSHARE_NS_PER_MOUNT}; before it was
     * measured, open_tree's lock-held cost per mount stood for it: 1.57 us on the calibration
     * profile, 12% above the measurement).
     */
    public SyscallProgram unshare(int mounts) {
        return new SyscallProgram(SyscallKind.UNSHARE, List.of(
                new Step.Work(us(p.syscallsUs().openTree()) / 2),
                new Step.NamespaceWriteLock(),
                new Step.Work(MEASURED_UNSHARE_NS_PER_MOUNT * Math.max(1, mounts)),
                new Step.MountLockSection(sectionNs, 0),
                new Step.NamespaceWriteUnlock()));
    }

    /**
     * mount("", "/", "", MS_SLAVE|MS_REC, "") in a container's new mount namespace of
     * {@code mounts} mounts: the first thing runc init does to its copy of the table
     * (runc libcontainer/rootfs_linux.go prepareRoot(), unless the config sets another root
     * propagation, which is recursive too). do_change_type() holds namespace_lock() and
     * lock_mount_hash() while it calls change_mnt_propagation() on every mount of the tree
     * (fs/namespace.c), so mount_lock's write section grows with the table as in the old
     * root's detach below, at the measured {@link #MEASURED_MAKE_SLAVE_NS_PER_MOUNT} per mount
     * (the whole call, taken as held); no grace period.
     */
    public SyscallProgram makeTreeSlave(int mounts) {
        long n = Math.max(1, mounts);
        return new SyscallProgram(SyscallKind.CHANGE_PROPAGATION, List.of(
                new Step.PathWalk(walkNs),
                new Step.NamespaceWriteLock(),
                new Step.MountLockSection(MEASURED_MAKE_SLAVE_NS_PER_MOUNT * n, 0),
                new Step.NamespaceWriteUnlock()));
    }

    /**
     * umount2(".", MNT_DETACH) of the old root after pivot_root in a container's new mount
     * namespace of {@code mounts} mounts (runc libcontainer/rootfs_linux.go pivotRoot()):
     * do_umount() runs umount_tree() over the whole copied tree with namespace_lock() and
     * lock_mount_hash() held (fs/namespace.c), so mount_lock's write section grows with the
     * table: per mount an unhash and list moves, taken as one mount_lock section's work
     * each [est]; then namespace_unlock() waits for a grace period. The whole call measures
     * 670 ns per mount on the calibration host (calibration/epyc-2core/runc-rslave.txt, the
     * detach of a subtree of 0-2,000 mounts, freeing and grace period included); its
     * lock-held part is not measured apart, so the [est] 300 ns stays.
     */
    public SyscallProgram detachOldRoot(int mounts) {
        long n = Math.max(1, mounts);
        return new SyscallProgram(SyscallKind.UMOUNT_ROOTFS, List.of(
                new Step.PathWalk(walkNs),
                new Step.NamespaceWriteLock(),
                new Step.MountLockSection(sectionNs * n, 0),
                new Step.NamespaceWriteUnlock(),
                new Step.RcuSync()));
    }

    public SyscallProgram openTree() {
        return openTree;
    }

    public SyscallProgram mountSetattr() {
        return mountSetattr;
    }

    public SyscallProgram moveMount() {
        return moveMount;
    }

    public SyscallProgram umount(boolean detach) {
        return detach ? umountDetach : umount;
    }

    /**
     * umount2(target, 0) of a temporary rootfs overlay of {@code layers} lowerdirs, as
     * containerd's mount.WithTempMount() unmounts the introspection pass's rootfs once it
     * has read the image's user database.
     */
    public SyscallProgram umountRootfs(int layers) {
        return rootfsUnmounts.computeIfAbsent(layers,
                l -> umount(SyscallKind.UMOUNT_ROOTFS, new Step.MountTableChange(-1, MountKind.OVERLAY, l)));
    }

    /** Closing an open_tree fd whose tree was never attached (dissolve_on_fput()). */
    public SyscallProgram closeDetachedTree() {
        return closeDetachedTree;
    }

    private static long us(double micros) {
        return Math.round(micros * 1000);
    }
}

package io.mountsim.models.kernel;

import io.mountsim.core.random.RandomStream;
import io.mountsim.core.stats.Tally;
import io.mountsim.models.locks.LockStats;
import io.mountsim.models.locks.MountLockSeqlock;
import io.mountsim.models.locks.QueuedSpinlock;
import io.mountsim.models.locks.RcuExpedited;
import io.mountsim.models.locks.RwSemaphore;
import io.mountsim.models.sched.CpuScheduler;
import io.mountsim.models.topology.MemoryHierarchy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated kernel's shared state on the mount path: the global locks
 * (fs/namespace.c: namespace_sem, mount_lock; the mount-ID allocator's and sb_lock
 * spinlocks), expedited RCU, the mount table of the namespace the runtime mounts in
 * with its pollers, and per-call accounting.
 */
public final class Kernel {
    private final CpuScheduler sched;
    private final KernelProfile profile;
    private final SyscallPrograms programs;
    private final RwSemaphore namespaceSem;
    private final MountLockSeqlock mountLock;
    private final Map<Step.GlobalSpinlock, QueuedSpinlock> spinlocks = new EnumMap<>(Step.GlobalSpinlock.class);
    private final RcuExpedited rcu;
    /** pcpu_alloc_mutex: a kernel mutex, modelled by the rwsem's writer side (osq spinning, FIFO sleep, handoff). */
    private final RwSemaphore pcpuAllocMutex;
    private final BackgroundLookups background;
    private final Map<SyscallKind, Tally> syscallUs = new EnumMap<>(SyscallKind.class);
    private final List<KThread> pollers = new ArrayList<>();
    private final LayerStoreChildren layerStoreLayout;
    /** This machine's child-walk cost over the calibration host's. */
    private final double childWalkScale;
    /** Which node wrote the walked lines last (two-socket machines; {@link CrossNodeLines}). */
    private final CrossNodeLines crossNode;
    /** The machine's caches and DRAM, for a walk the node's own load evicted from the LLC. */
    private final MemoryHierarchy memory;
    /** neighbourMb[d]: LLC footprint of the running workloads in LLC domain d, MB (0 on an idle node). */
    private double[] neighbourMb = new double[0];
    private double evictedChildren;
    private int mounts;
    private long listedLowerdirs;
    private int mostLowerdirsInALine;
    private int layerStoreChildren;
    private long mountEvent;
    private long syscalls;
    private long mountOps;

    /**
     * @param pathLookupsPerCpuPerSecond background path walks of running workloads
     * @param lookupStream               random stream of the background walks
     * @param timelineCap                lock timeline spans to record per lock (0 = none)
     * @param layerStoreLayout           which new mounts become children of the layer store's mount
     */
    public Kernel(CpuScheduler sched, KernelProfile profile, double pathLookupsPerCpuPerSecond,
                  RandomStream lookupStream, int timelineCap, LayerStoreChildren layerStoreLayout) {
        this(sched, profile, pathLookupsPerCpuPerSecond, 0, lookupStream, timelineCap, layerStoreLayout);
    }

    /**
     * @param pathLookupsPerCpuPerSecond background path walks per CPU of the machine
     * @param otherPathLookupsPerSecond  further background path walks, machine-wide (e.g. the
     *                                   node's running containers, at a rate per container)
     */
    public Kernel(CpuScheduler sched, KernelProfile profile, double pathLookupsPerCpuPerSecond,
                  double otherPathLookupsPerSecond, RandomStream lookupStream, int timelineCap,
                  LayerStoreChildren layerStoreLayout) {
        this.sched = sched;
        this.profile = profile;
        this.layerStoreLayout = layerStoreLayout;
        this.childWalkScale = sched.layout().memory().childWalkScale();
        this.crossNode = new CrossNodeLines(sched.layout());
        this.memory = sched.layout().memory();
        this.programs = new SyscallPrograms(profile, sched.layout().memory().coreWorkScale());
        long start = sched.now();
        this.namespaceSem = new RwSemaphore(sched, new LockStats("namespace_sem", start, timelineCap));
        this.mountLock = new MountLockSeqlock(sched, new LockStats("mount_lock", start, timelineCap));
        this.pcpuAllocMutex = new RwSemaphore(sched, new LockStats("pcpu_alloc_mutex", start, 0));
        for (Step.GlobalSpinlock l : Step.GlobalSpinlock.values()) {
            spinlocks.put(l, new QueuedSpinlock(sched, new LockStats(l.name().toLowerCase(java.util.Locale.ROOT), start, 0)));
        }
        this.rcu = new RcuExpedited(sched, profile.gracePeriodNs(sched.cpuCount()),
                Math.round(profile.rcu().kworkerUs() * 1000), profile.rcu().shared());
        this.background = new BackgroundLookups(pathLookupsPerCpuPerSecond * sched.cpuCount() + otherPathLookupsPerSecond,
                lookupStream,
                sched.layout());
        this.mounts = profile.mountTable().baselineMounts();
        // rwsem_spin_on_owner() stops once the owner is off-CPU
        sched.onPreemption(t -> {
            namespaceSem.ownerLeftCpu(t);
            pcpuAllocMutex.ownerLeftCpu(t);
        });
        for (SyscallKind k : SyscallKind.values()) {
            syscallUs.put(k, new Tally());
        }
    }

    public CpuScheduler scheduler() {
        return sched;
    }

    public KernelProfile profile() {
        return profile;
    }

    public SyscallPrograms programs() {
        return programs;
    }

    public RwSemaphore namespaceSem() {
        return namespaceSem;
    }

    public MountLockSeqlock mountLock() {
        return mountLock;
    }

    RwSemaphore pcpuAllocMutex() {
        return pcpuAllocMutex;
    }

    QueuedSpinlock spinlock(Step.GlobalSpinlock lock) {
        return spinlocks.get(lock);
    }

    public RcuExpedited rcu() {
        return rcu;
    }

    /** Lines in the mount table now. */
    public int mounts() {
        return mounts;
    }

    /** Increments on every mount-table change (the namespace's event counter). */
    public long mountEvent() {
        return mountEvent;
    }

    /** Lowerdir paths listed by the overlay lines in the mount table now. */
    public long listedLowerdirs() {
        return listedLowerdirs;
    }

    /** The most lowerdirs any overlay line listed so far (it sizes a reader's seq_file buffer). */
    public int mostLowerdirsInALine() {
        return mostLowerdirsInALine;
    }

    /** Child mounts of the layer store's mount now (what has_locked_children() walks). */
    public int layerStoreChildren() {
        return layerStoreChildren;
    }

    /**
     * has_locked_children() on the layer store's mount now: one is_subdir() per child, at
     * the profile's per-child cost (measured on the calibration host) scaled to this
     * machine's clock and L3 latency ({@link MemoryHierarchy}),
     * plus, on a machine with several NUMA nodes, the lines other nodes wrote since the
     * walking CPU's node last walked ({@link CrossNodeLines}).
     *
     * @param cpu the walking CPU
     */
    long lockedChildrenCheckNs(int cpu) {
        long inCache = Math.round(profile.syscallsUs().childMountCheck() * 1000 * childWalkScale * layerStoreChildren);
        long crossNodeNs = crossNode.walkExtraNs(cpu, layerStoreChildren);
        double evicted = evictedShare(cpu);
        if (evicted == 0) {
            return inCache + crossNodeNs;
        }
        // evicted children come from DRAM (remote DRAM for those homed on another node)
        // instead of from the L3 or another socket's cache
        double remote = crossNode.remoteShare(cpu);
        double perChild = (1 - remote) * memory.evictedExtraNsPerChild(false) + remote * memory.evictedExtraNsPerChild(true);
        evictedChildren += evicted * layerStoreChildren;
        return inCache + Math.round((1 - evicted) * crossNodeNs + evicted * layerStoreChildren * perChild);
    }

    /** Share of the layer store's children a walk on {@code cpu} finds evicted from its LLC ({@link MemoryHierarchy#evictedShare}). */
    private double evictedShare(int cpu) {
        if (neighbourMb.length == 0 || cpu < 0) {
            return 0;
        }
        return memory.evictedShare(neighbourMb[sched.layout().llcOf(cpu)], MemoryHierarchy.walkMb(layerStoreChildren));
    }

    /**
     * The running workloads' LLC footprint: every usable CPU runs one, busy a share
     * {@code utilization} of the time, and a busy CPU's workload keeps {@code mbPerBusyCpu}
     * of distinct lines in its LLC domain; a domain holds the sum over its CPUs.
     */
    public void runningLoadLlcFootprint(double mbPerBusyCpu, double utilization) {
        if (!(mbPerBusyCpu > 0) || !(utilization > 0)) {
            neighbourMb = new double[0];
            return;
        }
        var layout = sched.layout();
        int domains = 0;
        for (int c = 0; c < layout.cpus(); c++) {
            domains = Math.max(domains, layout.llcOf(c) + 1);
        }
        double[] mb = new double[domains];
        for (int c = 0; c < layout.cpus(); c++) {
            mb[layout.llcOf(c)] += mbPerBusyCpu * utilization;
        }
        neighbourMb = mb;
    }

    /** Children that walks found evicted from their LLC, summed over walks so far. */
    public double evictedChildrenWalked() {
        return evictedChildren;
    }

    /**
     * touch_mnt_namespace(): the table changed; everyone polling mountinfo wakes up.
     *
     * @param cpu the CPU that attached or detached (it wrote the list lines)
     */
    void mountsChanged(Step.MountTableChange change, int cpu) {
        int delta = change.delta();
        mounts += delta;
        listedLowerdirs += (long) delta * change.lowerdirs();
        mostLowerdirsInALine = Math.max(mostLowerdirsInALine, change.lowerdirs());
        if (layerStoreLayout.counts(change.kind())) {
            int before = layerStoreChildren;
            layerStoreChildren = Math.max(0, layerStoreChildren + delta);
            crossNode.written(cpu, layerStoreChildren - before);
        }
        mountEvent++;
        if (!pollers.isEmpty()) {
            for (KThread p : pollers) {
                sched.wake(p, cpu); // woken by the task that changed the table, on its CPU
            }
            pollers.clear();
        }
    }

    void addPoller(KThread t) {
        pollers.add(t);
    }

    void removePoller(KThread t) {
        pollers.remove(t);
    }

    /**
     * The mount-table lines of containers already running on the node before the storm:
     * per container its rootfs overlay, whose mountinfo line lists {@code layers} lowerdirs,
     * and {@code otherMounts} plain lines (sandbox shm, the service-account token tmpfs, the
     * network namespace's nsfs). They are the starting table: no watcher is woken, every
     * watcher is taken to have read it already. Running rootfs overlays live under /run
     * (tmpfs), so they are no children of the layer store's mount.
     */
    public void seedRunningContainers(int containers, int layers, int otherMounts) {
        if (containers < 0 || layers < 0 || otherMounts < 0) {
            throw new IllegalArgumentException("negative node size: " + containers + ", " + layers + ", " + otherMounts);
        }
        if (containers == 0) {
            return;
        }
        mounts = Math.addExact(mounts, Math.multiplyExact(containers, 1 + otherMounts));
        listedLowerdirs += (long) containers * layers;
        mostLowerdirsInALine = Math.max(mostLowerdirsInALine, layers);
    }

    /**
     * Coherence cost added to a mount_lock write section of {@code sectionNs} by readers
     * polling its line: the simulated threads spinning on it now plus the background
     * path walks that hit the section.
     */
    long mountLockCoherenceNs(long sectionNs) {
        return mountLock.writerCoherenceNs() + background.coherenceNs(sectionNs);
    }

    void recordSyscall(SyscallKind kind, long latencyNs) {
        syscalls++;
        if (kind.isMountOp()) {
            mountOps++;
        }
        syscallUs.get(kind).add(latencyNs / 1000.0);
    }

    public Map<SyscallKind, Tally> syscallLatencyUs() {
        return syscallUs;
    }

    public long syscalls() {
        return syscalls;
    }

    public long mountOps() {
        return mountOps;
    }

    /** Lines of the child-mount walk fetched from another NUMA node so far ({@link CrossNodeLines}). */
    public double crossNodeLinesRead() {
        return crossNode.remoteLinesRead();
    }

    /** CPU time background path walks spent spinning on mount_lock writers, ns. */
    public long backgroundSpinNs() {
        return background.spinNs();
    }
}

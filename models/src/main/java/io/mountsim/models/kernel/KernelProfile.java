package io.mountsim.models.kernel;

/**
 * The kernel side of a scenario, in named groups: what each mount-path call costs
 * uncontended on the host and how that cost splits around namespace_sem, the RCU and
 * scheduler costs that decide behaviour under contention, the mount table's own costs, the
 * container runtime's overheads, and what is known of the host the costs were measured
 * on. Where each shipped number comes from is in
 * {@link io.mountsim.models.calibration.KernelProfiles}; a profile file carries the same
 * groups, each number with its provenance.
 *
 * @param syscallsUs uncontended one-thread latency of each call (kernel.syscallsUs)
 * @param shares     how each call's work splits around namespace_sem (kernel.lockHeldShares)
 * @param rcu        expedited grace periods (synchronize_rcu_expedited() in namespace_unlock())
 * @param scheduler  wakeups, context switches and the preemption model
 * @param mountTable mount_lock sections, path walks and the mount table's size and lines
 * @param runtime    the container runtime's own work beside the mount calls
 * @param host       the host the costs were measured on: its CPU count, how much of its
 *                   measured unmount was waiting, and its run-to-run noise
 */
public record KernelProfile(SyscallCostsUs syscallsUs,
                            LockShares shares,
                            Rcu rcu,
                            Scheduler scheduler,
                            MountTable mountTable,
                            RuntimeOverheads runtime,
                            MeasuringHost host) {

    /**
     * Shares of each call's CPU time spent holding namespace_sem (the rest is entry/exit,
     * path walks, allocations outside the lock).
     *
     * @param openTree        copy_tree() under namespace_lock()
     * @param moveMount       do_move_mount(): attach under namespace_lock()
     * @param umount          do_umount() under namespace_lock() (CPU part, without the RCU wait)
     * @param overlayPerLayer clone_private_mount() under down_read(), per lower layer
     * @param overlayBase     lock_mount() + graft_tree() under namespace_lock(), of the base cost
     */
    public record LockShares(double openTree, double moveMount, double umount,
                             double overlayPerLayer, double overlayBase) {
    }

    /**
     * Expedited RCU grace periods, as namespace_unlock() waits for them after an unmount.
     *
     * @param gracePeriodUs one expedited grace period on the measuring host
     * @param kworkerUs     CPU work of the grace-period kworker, part of the grace period
     * @param shared        whether concurrent synchronize_rcu_expedited() callers share a
     *                      grace period (false: one grace period per caller, FIFO)
     * @param perCpuUs      extra grace-period length per CPU of a simulated machine beyond
     *                      the measuring host's
     */
    public record Rcu(double gracePeriodUs, double kworkerUs, boolean shared, double perCpuUs) {
    }

    /**
     * @param idleWakeupUs    waking a sleeping task onto an idle CPU
     * @param contextSwitchUs switching tasks on a busy CPU
     * @param preemptible     true for a preemptible kernel (PREEMPT, PREEMPT_LAZY): lock
     *                        holders outside spinlocks can lose their CPU; false for
     *                        voluntary preemption
     * @param crossCpuWakeup  the extra CPU a wakeup costs when the woken task is placed on a
     *                        CPU other than its waker's ({@link CrossCpuWakeup#NOT_MEASURED}
     *                        charges nothing)
     */
    public record Scheduler(double idleWakeupUs, double contextSwitchUs, boolean preemptible,
                            CrossCpuWakeup crossCpuWakeup) {
        /** Without a cross-CPU wakeup cost (not measured). */
        public Scheduler(double idleWakeupUs, double contextSwitchUs, boolean preemptible) {
            this(idleWakeupUs, contextSwitchUs, preemptible, CrossCpuWakeup.NOT_MEASURED);
        }

        /** The same costs with the other preemption model. */
        public Scheduler withPreemptible(boolean p) {
            return new Scheduler(idleWakeupUs, contextSwitchUs, p, crossCpuWakeup);
        }
    }

    /**
     * What a wakeup that crosses CPUs costs beyond one that stays on the waker's CPU
     * (try_to_wake_up() in kernel/sched/core.c: ttwu_queue_wakelist() ->
     * send_call_function_single_ipi() to an idle target, or the remote run queue's lock and
     * resched_curr() -> smp_send_reschedule() to a busy one; in a KVM guest each IPI is a VM
     * exit to send and an injected interrupt to receive). Measured by the kit's wakeup-cross
     * probe. All zero means not measured: nothing is charged.
     *
     * @param wakerUs           the waker's extra CPU in the wakeup when the target CPU is busy
     *                          (wakeup-cross target=busy waker_extra_us)
     * @param wokenUs           the target CPU's extra before the woken task runs there, when
     *                          that CPU was busy (target=busy woken_extra_us: the IPI's
     *                          interrupt and the remote switch)
     * @param wakerIdleTargetUs the waker's extra when the target CPU is idle (target=idle
     *                          waker_extra_us); the idle CPU's own side is the idle wakeup,
     *                          already {@link Scheduler#idleWakeupUs()}
     */
    public record CrossCpuWakeup(double wakerUs, double wokenUs, double wakerIdleTargetUs) {
        /** Not measured: a crossing wakeup costs what a local one does. */
        public static final CrossCpuWakeup NOT_MEASURED = new CrossCpuWakeup(0, 0, 0);
    }

    /**
     * @param lockSectionUs      one mount_lock write section, excluding per-CPU sums
     * @param perCpuCounterNs    reading one CPU's per-CPU mount counter inside mount_lock
     * @param pathWalkUs         one RCU path walk of a path that crosses a mount
     * @param refWalkFactor      ref-walk cost relative to the RCU walk it replaces
     * @param baselineMounts     mount-table lines before the first start
     * @param mountinfoLineBytes bytes per mountinfo line (sizes read() buffers)
     */
    public record MountTable(double lockSectionUs, double perCpuCounterNs, double pathWalkUs, double refWalkFactor,
                             int baselineMounts, double mountinfoLineBytes) {
    }

    /**
     * @param perStartUs the runtime's own work per rootfs assembly (mkdirs, options)
     * @param perLayerUs the runtime's own work per idmapped layer (mkdir of its target,
     *                   closing the tree fd)
     */
    public record RuntimeOverheads(double perStartUs, double perLayerUs) {
    }

    /**
     * @param cpus         CPUs of the host the costs were measured on
     * @param umountWaitUs of syscallsUs.umount, the time the measuring host waited (grace
     *                     period and the wakeup after it) rather than worked
     * @param workCv       coefficient of variation of a start's CPU speed (lognormal, one
     *                     draw per start): the host's run-to-run noise
     */
    public record MeasuringHost(int cpus, double umountWaitUs, double workCv) {
    }

    /** The same profile with other call costs ({@code kernel.syscallsUs} of a scenario). */
    public KernelProfile withSyscallsUs(SyscallCostsUs costs) {
        return new KernelProfile(costs, shares, rcu, scheduler, mountTable, runtime, host);
    }

    /** The same profile with other lock-held shares ({@code kernel.lockHeldShares} of a scenario). */
    public KernelProfile withShares(LockShares newShares) {
        return new KernelProfile(syscallsUs, newShares, rcu, scheduler, mountTable, runtime, host);
    }

    public KernelProfile withRcu(Rcu newRcu) {
        return new KernelProfile(syscallsUs, shares, newRcu, scheduler, mountTable, runtime, host);
    }

    public KernelProfile withScheduler(Scheduler newScheduler) {
        return new KernelProfile(syscallsUs, shares, rcu, newScheduler, mountTable, runtime, host);
    }

    public KernelProfile withMountTable(MountTable newMountTable) {
        return new KernelProfile(syscallsUs, shares, rcu, scheduler, newMountTable, runtime, host);
    }

    public KernelProfile withRuntime(RuntimeOverheads newRuntime) {
        return new KernelProfile(syscallsUs, shares, rcu, scheduler, mountTable, newRuntime, host);
    }

    public KernelProfile withHost(MeasuringHost newHost) {
        return new KernelProfile(syscallsUs, shares, rcu, scheduler, mountTable, runtime, newHost);
    }

    /** The same profile with other scheduler and grace-period costs (what the calibration fits). */
    public KernelProfile withDynamics(double idleWakeupUs, double contextSwitchUs, double rcuGracePeriodUs,
                                      double rcuKworkerUs) {
        return withScheduler(new Scheduler(idleWakeupUs, contextSwitchUs, scheduler.preemptible(),
                scheduler.crossCpuWakeup()))
                .withRcu(new Rcu(rcuGracePeriodUs, rcuKworkerUs, rcu.shared(), rcu.perCpuUs()));
    }

    /** The same profile with the other preemption model. */
    public KernelProfile withKernelPreemption(boolean preemptible) {
        return withScheduler(scheduler.withPreemptible(preemptible));
    }

    /** The same profile with another starting mount table ({@code kernel.baselineMounts}). */
    public KernelProfile withBaselineMounts(int mounts) {
        MountTable t = mountTable;
        return withMountTable(new MountTable(t.lockSectionUs(), t.perCpuCounterNs(), t.pathWalkUs(), t.refWalkFactor(),
                mounts, t.mountinfoLineBytes()));
    }

    /**
     * The same profile with a one-thread unmount latency measured on a machine of
     * {@code cpus} CPUs, honoured: umount2()'s latency is its CPU work, one expedited grace
     * period and the wakeup after it (namespace_unlock() -> synchronize_rcu_expedited()),
     * so all three, and the kworker's share of the grace period, scale by {@code us} / what
     * this profile's unmount takes there, and that machine becomes the measuring host.
     * Keeping the grace period and wakeup while lowering the latency simulated an unmount
     * slower than the one given (issue 11: 53 us for a given 14).
     */
    public KernelProfile withUmountUs(double us, int cpus) {
        double cpu = Math.max(0, syscallsUs.umount() - host.umountWaitUs());
        double gracePeriod = gracePeriodNs(cpus) / 1000.0;
        double r = us / (cpu + gracePeriod + scheduler.idleWakeupUs());
        SyscallCostsUs c = syscallsUs;
        return withSyscallsUs(new SyscallCostsUs(c.openTree(), c.mountSetattr(), c.moveMount(), c.overlayMountBase(),
                c.overlayMountPerLayer(), us, c.mountinfoReadBase(), c.mountinfoReadPerMount(),
                c.mountinfoReadPerLowerdir(), c.childMountCheck()))
                .withRcu(new Rcu(gracePeriod * r, rcu.kworkerUs() * r, rcu.shared(), rcu.perCpuUs()))
                .withScheduler(new Scheduler(scheduler.idleWakeupUs() * r, scheduler.contextSwitchUs(),
                        scheduler.preemptible(), scheduler.crossCpuWakeup()))
                .withHost(new MeasuringHost(cpus, us - cpu * r, host.workCv()));
    }

    /** One expedited grace period on a machine of {@code cpus} CPUs, ns. */
    public long gracePeriodNs(int cpus) {
        return Math.round((rcu.gracePeriodUs() + rcu.perCpuUs() * Math.max(0, cpus - host.cpus())) * 1000);
    }
}

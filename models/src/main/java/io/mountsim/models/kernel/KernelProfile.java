package io.mountsim.models.kernel;

/**
 * The kernel side of a scenario: what each mount-path call costs uncontended on the host,
 * how that cost splits into lock-held and lock-free parts, and the scheduler, RCU and
 * lookup costs that decide behaviour under contention. Where each default comes from is
 * in {@link io.mountsim.models.calibration.KernelProfiles}.
 *
 * @param syscallsUs            uncontended one-thread latency of each call (kernel.syscallsUs)
 * @param umountWaitUs          of syscallsUs.umount, the time the measuring host waited (grace
 *                              period and the wakeup after it) rather than worked
 * @param shares                how each call's work splits around namespace_sem
 * @param mountLockSectionUs    one mount_lock write section, excluding per-CPU sums
 * @param perCpuCounterNs       reading one CPU's per-CPU mount counter inside mount_lock
 * @param pathWalkUs            one RCU path walk of a path that crosses a mount
 * @param refWalkFactor         ref-walk cost relative to the RCU walk it replaces
 * @param rcuGracePeriodUs      one expedited RCU grace period on the host
 * @param rcuKworkerUs          CPU work of the grace-period kworker, part of the grace period
 * @param rcuShared             whether concurrent synchronize_rcu_expedited() callers share a
 *                              grace period (false: one grace period per caller, FIFO)
 * @param rcuPerCpuUs           extra grace-period length per CPU of a simulated machine
 *                              beyond the host's
 * @param hostCpus              CPUs of the host the costs were measured on
 * @param idleWakeupUs          waking a sleeping task onto an idle CPU
 * @param contextSwitchUs       switching tasks on a busy CPU
 * @param kernelPreemption      true for a preemptible kernel (PREEMPT, PREEMPT_LAZY): lock
 *                              holders outside spinlocks can lose their CPU; false for
 *                              voluntary preemption
 * @param perStartOverheadUs    the runtime's own work per rootfs assembly (mkdirs, options)
 * @param perLayerOverheadUs    the runtime's own work per idmapped layer (mkdir of its target,
 *                              closing the tree fd)
 * @param baselineMounts        mount-table lines before the first start
 * @param mountinfoLineBytes    bytes per mountinfo line (sizes read() buffers)
 * @param workCv                coefficient of variation of a start's CPU speed (lognormal, one
 *                              draw per start): the host's run-to-run noise
 */
public record KernelProfile(SyscallCostsUs syscallsUs,
                            double umountWaitUs,
                            LockShares shares,
                            double mountLockSectionUs,
                            double perCpuCounterNs,
                            double pathWalkUs,
                            double refWalkFactor,
                            double rcuGracePeriodUs,
                            double rcuKworkerUs,
                            boolean rcuShared,
                            double rcuPerCpuUs,
                            int hostCpus,
                            double idleWakeupUs,
                            double contextSwitchUs,
                            boolean kernelPreemption,
                            double perStartOverheadUs,
                            double perLayerOverheadUs,
                            int baselineMounts,
                            double mountinfoLineBytes,
                            double workCv) {

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

    /** The same profile with other call costs ({@code kernel.syscallsUs} of a scenario). */
    public KernelProfile withSyscallsUs(SyscallCostsUs costs) {
        return new KernelProfile(costs, umountWaitUs, shares, mountLockSectionUs, perCpuCounterNs, pathWalkUs, refWalkFactor,
                rcuGracePeriodUs, rcuKworkerUs, rcuShared, rcuPerCpuUs, hostCpus, idleWakeupUs, contextSwitchUs,
                kernelPreemption,
                perStartOverheadUs, perLayerOverheadUs, baselineMounts, mountinfoLineBytes, workCv);
    }

    /** The same profile with other scheduler and grace-period costs (what the calibration fits). */
    public KernelProfile withDynamics(double idleWakeupUs, double contextSwitchUs, double rcuGracePeriodUs,
                                      double rcuKworkerUs) {
        return new KernelProfile(syscallsUs, umountWaitUs, shares, mountLockSectionUs, perCpuCounterNs, pathWalkUs,
                refWalkFactor, rcuGracePeriodUs, rcuKworkerUs, rcuShared, rcuPerCpuUs, hostCpus, idleWakeupUs,
                contextSwitchUs, kernelPreemption, perStartOverheadUs, perLayerOverheadUs, baselineMounts, mountinfoLineBytes, workCv);
    }

    /** The same profile with other lock-held shares ({@code kernel.lockHeldShares} of a scenario). */
    public KernelProfile withShares(LockShares newShares) {
        return new KernelProfile(syscallsUs, umountWaitUs, newShares, mountLockSectionUs, perCpuCounterNs, pathWalkUs,
                refWalkFactor, rcuGracePeriodUs, rcuKworkerUs, rcuShared, rcuPerCpuUs, hostCpus, idleWakeupUs,
                contextSwitchUs, kernelPreemption, perStartOverheadUs, perLayerOverheadUs, baselineMounts,
                mountinfoLineBytes, workCv);
    }

    /** The same profile with the other preemption model. */
    public KernelProfile withKernelPreemption(boolean preemptible) {
        return new KernelProfile(syscallsUs, umountWaitUs, shares, mountLockSectionUs, perCpuCounterNs, pathWalkUs,
                refWalkFactor, rcuGracePeriodUs, rcuKworkerUs, rcuShared, rcuPerCpuUs, hostCpus, idleWakeupUs,
                contextSwitchUs, preemptible, perStartOverheadUs, perLayerOverheadUs, baselineMounts, mountinfoLineBytes,
                workCv);
    }

    /** The same profile with another starting mount table ({@code kernel.baselineMounts}). */
    public KernelProfile withBaselineMounts(int mounts) {
        return new KernelProfile(syscallsUs, umountWaitUs, shares, mountLockSectionUs, perCpuCounterNs, pathWalkUs,
                refWalkFactor, rcuGracePeriodUs, rcuKworkerUs, rcuShared, rcuPerCpuUs, hostCpus, idleWakeupUs,
                contextSwitchUs, kernelPreemption, perStartOverheadUs, perLayerOverheadUs, mounts, mountinfoLineBytes, workCv);
    }

    /** One expedited grace period on a machine of {@code cpus} CPUs, ns. */
    public long gracePeriodNs(int cpus) {
        return Math.round((rcuGracePeriodUs + rcuPerCpuUs * Math.max(0, cpus - hostCpus)) * 1000);
    }
}

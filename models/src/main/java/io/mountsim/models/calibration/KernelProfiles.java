package io.mountsim.models.calibration;

import io.mountsim.models.kernel.KernelProfile;
import io.mountsim.models.kernel.SyscallCostsUs;
import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.MachineSpec;

/**
 * Kernel profiles. The default is the calibration host of this project
 * (shared/calibration/epyc-2core: kernel 6.18, KVM guest, AMD EPYC Zen 4, 2 vCPUs),
 * every number below taken from its measurements.txt, derived from them by a rule
 * stated beside it, or fitted to them by {@link CalibrationFit} (marked "fitted").
 * A preset machine uses the same per-call costs: per-call work on the study's
 * machines is not published, only that it is of the same order; CPU-count effects
 * (per-CPU counter sums, grace periods) are scaled by the machine's CPU count.
 *
 * <p>These constants are the one declaration of the shipped profiles' numbers: the profile
 * files scenarios/profiles/*.yaml carry them with their provenance
 * ({@link ShippedProfiles}), and ShippedProfilesTest fails when a file drifts from them.
 * Another host's profile comes from its own probe results ({@link HostCalibration}).
 */
public final class KernelProfiles {
    private KernelProfiles() {
    }

    /**
     * has_locked_children(): one is_subdir() per child mount of the source mount, in us:
     * the slope of a least-squares line through child-mounts.txt (open_tree of a directory
     * whose tmpfs has 0 to 8,000 child mounts, 21 points, this project's probe
     * probes/child-mounts.c on the calibration host's kind of machine).
     */
    public static final double CHILD_MOUNT_CHECK_US = 0.0293;

    /**
     * Listing one lowerdir path in an overlay's mountinfo line, in us: in
     * mountinfo-overlay-lines.txt a full read grows by 2.37, 4.55 and 17.80 us per overlay
     * mount with 1, 10 and 50 lowerdirs; less the 1.267 us of any line, a least-squares
     * line through the origin in the lowerdir count gives 0.331.
     */
    public static final double MOUNTINFO_PER_LOWERDIR_US = 0.331;

    /**
     * Child mounts of the probe's tmpfs during an average open_tree of the threads=1
     * layers=50 mode=layer run: the start's own idmapped mounts attached so far (0..49,
     * mean 24.5) and the overlays of the starts before it (0..255, mean 127.5).
     */
    static final double PROBE_T1_LAYER_CHILDREN = 24.5 + 127.5;

    /**
     * measurements.txt, threads=1 layers=50 mode=layer: per-syscall mean_us of
     * mount_setattr, move_mount and umount_detach; open_tree's 7.57 us less its check of
     * {@link #PROBE_T1_LAYER_CHILDREN} child mounts (4.45 us), as the model adds that check
     * for the children there are; the overlay mount as a least-squares
     * line through the threads=1 mode=layer rows for 1, 10, 50 and 100 layers
     * (79.42, 117.18, 297.00, 546.67 us: 70.04 + 4.721 x layers); the mountinfo read as
     * the slope of a least-squares line through the four "mountinfo" rows (1.267 us per
     * line) and the base that the 121-mount row leaves (190.0 - 121 x 1.267 = 36.7 us).
     */
    public static final SyscallCostsUs EPYC_2CORE_SYSCALLS_US =
            new SyscallCostsUs(7.57 - CHILD_MOUNT_CHECK_US * PROBE_T1_LAYER_CHILDREN, 1.72, 3.20, 70.04, 4.721, 46.11,
                    36.7, 1.267, MOUNTINFO_PER_LOWERDIR_US, CHILD_MOUNT_CHECK_US);

    /**
     * The unmount's write hold of namespace_sem over its CPU work, measured on the development
     * host (kernel 6.18.44, AMD EPYC KVM guest, 2 vCPUs) with BPF on lock:contention_begin/end
     * and sched_waking, namespace_sem's count and owner words read at every event
     * (scenarios/validation/reader/rwsem-outcomes/host/: rwo.bpf.c, runs 1-3 of
     * {@code ./mbr 16 50 4 layer 1}, runN.bin.xz, rwo-analyse.py's "queued writers:
     * contention_end to their up_write()'s wakeup" rows in runN-analysis.txt): umount2's hold,
     * from taking the lock in rwsem_down_write_slowpath() to its up_write()'s rwsem_wake(), is
     * 1.19 / 2.17 / 1.87 us mean (n = 515 / 802 / 787; p50 0.94 / 1.67 / 1.16), 1.74 us the
     * mean of the runs. Over the unmount's CPU work on that host, as SyscallPrograms splits it
     * (dev-host.yaml: umount_detach 41.80 us less the umount-gp wait 25.35 us, less the 0.5 us
     * path walk = 15.95 us): 1.74 / 15.95 = 0.11 (the runs 0.075 / 0.136 / 0.117). Only
     * queued unmounts have an event at their acquisition; the others' holds, read from the lock
     * word's time share and corrected for the part such a share misses of a hold that starts
     * without an event (59-73%, measured on the queued holds), are 1.9 / 2.3 / 1.5 us, as long
     * (host/writer-holds.py, host/bias-check.py, host/runN-writer-holds.txt; the README there,
     * "The umount's write hold, every unmount").
     *
     * <p>The source agrees: do_umount() takes namespace_lock() and lock_mount_hash() only
     * around umount_tree() of one detached bind mount (unhash it, drop it from the namespace's
     * rb-tree and counts, make it private, queue it on {@code unmounted}); the path walk runs
     * before (path_umount()), and namespace_unlock() releases the lock before the expedited
     * grace period, the mntput()s and the task work that frees the mount (cleanup_mnt()), which
     * are most of the call's CPU work. Until this measurement the share was 0.7, "umount_tree()
     * under both locks" read as most of the call: the model held the lock 11-12 us per
     * unmount against the host's 1.2-2.2.
     *
     * <p>The share is taken to transfer to other machines [est: the share transfers across
     * machines]: the calibration host and the five study presets use it with their own
     * unmount CPU work (there {@link #UMOUNT_CPU_US} 7.57 us [est], a hold of 0.78 us), and
     * so does a profile that calibrate makes of any host.
     */
    public static final double UMOUNT_SHARE = 0.11;

    /**
     * Shares of each call's CPU work spent holding namespace_sem. Four are read off the source
     * (fs/namespace.c, fs/overlayfs/super.c): open_tree's copy_tree() (clone_mnt
     * allocations, mount ID, attach) runs under namespace_lock() while the path walk,
     * anonymous namespace and fd setup do not (0.6); move_mount's lock-held part is
     * attach_recursive_mnt() after the target lookup and inode lock (0.5); an overlay mount
     * spends about half of each layer's cost in clone_private_mount() under down_read() and
     * the rest in the lowerdir lookup and layer setup (0.5), and a small part of its base cost
     * in lock_mount() + graft_tree() (0.3).
     *
     * <p>The unmount's share is measured: {@link #UMOUNT_SHARE}.
     */
    public static final KernelProfile.LockShares SOURCE_SHARES =
            new KernelProfile.LockShares(0.6, 0.5, UMOUNT_SHARE, 0.5, 0.3);

    /**
     * CPU work of an unmount without its waits: umount_tree() is the same order of work as
     * open_tree's copy_tree() of one mount, so open_tree's measured 7.57 us stands for it
     * [est]. The rest of the measured 46.11 us is the grace period and the wakeup after it.
     */
    public static final double UMOUNT_CPU_US = 7.57;

    /**
     * The expedited grace period that, with the wakeup onto an idle CPU after it, makes up
     * the measured unmount latency beside its CPU work:
     * umount = UMOUNT_CPU_US + grace period + idle wakeup.
     */
    public static double gracePeriodUs(SyscallCostsUs costs, double idleWakeupUs) {
        return Math.max(1.0, costs.umount() - UMOUNT_CPU_US - idleWakeupUs);
    }

    /** The calibration host's profile. */
    public static final KernelProfile EPYC_2CORE = new KernelProfile(
            EPYC_2CORE_SYSCALLS_US,
            SOURCE_SHARES,
            new KernelProfile.Rcu(
                    gracePeriodUs(EPYC_2CORE_SYSCALLS_US, 13.19), // expedited grace period: the rest of umount's 46 us
                    12.17,  // the grace-period kworker's CPU work (fitted)
                    true,   // shared grace periods: re-measured with perf lock contention (threads=8 layer), only
                            // 17% of unmounts wait for rcu_state.exp_mutex although most threads unmount at once
                            // (models/src/main/resources/calibration/epyc-2core/lock-contention.txt)
                    1.0),   // per extra CPU: one more CPU to check or IPI [est]
            new KernelProfile.Scheduler(
                    13.19,  // waking a task onto an idle vCPU (fitted; a KVM vCPU leaving halt)
                    6.58,   // context switch on a busy CPU, scheduler and wakeup work included (fitted)
                    false,  // voluntary preemption: kernel work is not preempted (see CalibrationFit)
                    // a wakeup across vCPUs: not charged. The fit was made without it and its 6.58 us
                    // switch holds what the cross-vCPU share of wakeups cost there; the host's own
                    // measurement (epyc-2core/wakeup-cross.txt) goes into profiles `mountsim calibrate`
                    // builds from a kit run that has the wakeup-cross rows
                    KernelProfile.CrossCpuWakeup.NOT_MEASURED),
            new KernelProfile.MountTable(
                    0.30,   // one mount_lock section: a hash insert or commit_tree, a few hundred ns [est]
                    10.0,   // reading one CPU's per-CPU mount counter (an L3/remote hit) [est]
                    0.50,   // one RCU path walk of a 3-5 component path crossing a mount [est]
                    3.0,    // ref-walk fallback vs RCU walk: takes and drops references per component [est]
                    21,     // mountinfo rows: 121 lines with 100 bind mounts added -> 21 before
                    150.0), // a mountinfo line of an overlay or bind mount, about 150 bytes [est]
            new KernelProfile.RuntimeOverheads(
                    13.65,  // threads=1 mode=parent: lat_mean 388 us - the sum of its five calls' means
                    5.98),  // threads=1 mode=layer: (lat_mean 3526 us - sum of the calls 3227 us) / 50 layers
            new KernelProfile.MeasuringHost(
                    2,      // the calibration host's CPUs
                    EPYC_2CORE_SYSCALLS_US.umount() - UMOUNT_CPU_US, // 38.5 us of the 46.1 us unmount is waiting
                    0.194)); // threads=1 mode=layer: p95/p50 = 4.623/3.361 = exp(1.645 sigma) of a lognormal

    /**
     * The study's machines: the calibration host's per-call costs (the work of each call is
     * the same kernel code), with the dynamics of an AWS Nitro instance instead of a nested
     * KVM guest. Nitro delivers interrupts to the guest without the hypervisor round trips
     * that made wakeups and grace periods slow on the calibration host, so:
     * <ul>
     * <li>expedited grace periods are shared by all callers waiting when one starts, as
     * rcu_exp_gp_seq_snap() intends (kernel/rcu/tree_exp.h);</li>
     * <li>an expedited grace period takes 20 us plus 0.3 us per CPU to IPI and hear back
     * from [est: "tens to hundreds of microseconds, growing with CPU count",
     * kernel-mount-locking.md section 5];</li>
     * <li>waking a task onto an idle CPU takes 5 us [est: IPI plus exit from a shallow idle
     * state] and a context switch 2 us [est: lmbench lat_ctx on current x86 servers].</li>
     * </ul>
     */
    public static final KernelProfile NITRO = EPYC_2CORE
            .withRcu(new KernelProfile.Rcu(
                    20.0 - 0.3 * 2, // so that 2 CPUs give 20 us, as perCpuUs counts CPUs beyond the host's
                    3.0, true, 0.3))
            // a wakeup across CPUs: not charged (NOT_MEASURED). These are metal machines, whose IPI
            // cost the KVM guest's wakeup-cross rows cannot show, and no published per-wakeup IPI
            // figure for them was found
            .withScheduler(new KernelProfile.Scheduler(5.0, 2.0, EPYC_2CORE.scheduler().preemptible(),
                    KernelProfile.CrossCpuWakeup.NOT_MEASURED));

    /**
     * The default kernel profile for a machine: the study's AWS presets, also with some of
     * their fields changed (named "PRESET (modified)"), get {@link #NITRO}; anything else
     * (an inline machine, {@code host}) the calibration host's profile.
     */
    public static KernelProfile defaultFor(MachineSpec machine) {
        String name = machine.name();
        boolean awsPreset = MachinePresets.names().stream()
                .filter(preset -> !"host".equals(preset))
                .anyMatch(preset -> name.equals(preset) || name.startsWith(preset + " ("));
        return awsPreset ? NITRO : EPYC_2CORE;
    }
}

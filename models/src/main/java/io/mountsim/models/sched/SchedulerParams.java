package io.mountsim.models.sched;

/**
 * The CPU scheduler's costs.
 *
 * @param sliceNs          time a task may run before yielding to queued tasks at its next
 *                         preemption point; EEVDF's sysctl_sched_base_slice (0.75 ms,
 *                         kernel/sched/fair.c) scaled by 1 + ilog2(min(cpus, 8))
 *                         (SCHED_TUNABLESCALING_LOG)
 * @param idleWakeupNs     from wake_up_process() to running when the target CPU is idle:
 *                         IPI, exit from idle (in a VM: a halt exit), context switch. Fitted
 *                         on the calibration host
 * @param contextSwitchNs  switching from one runnable task to another on a busy CPU
 * @param kernelPreemption whether kernel work outside spinlocks may be preempted when its
 *                         slice is used and others wait (PREEMPT / PREEMPT_LAZY): then a
 *                         task holding a sleeping lock such as namespace_sem can lose its
 *                         CPU, and everyone behind it waits. With voluntary preemption
 *                         only user work and syscall returns are preemption points
 * @param tickNs           the scheduler tick (1 s / CONFIG_HZ): a used slice is noticed at the
 *                         next tick, not at once; 0 = not modelled (noticed at once)
 * @param crossWake        the extra CPU of a wakeup whose task is placed on a CPU other than
 *                         its waker's ({@link CrossWake#NONE}: not charged)
 */
public record SchedulerParams(long sliceNs, long idleWakeupNs, long contextSwitchNs, boolean kernelPreemption,
                              long tickNs, CrossWake crossWake) {

    /**
     * What a wakeup across CPUs costs beyond a local one (KernelProfile.CrossCpuWakeup).
     *
     * @param wakerNs           the waker's extra CPU, target CPU busy
     * @param wokenNs           the target CPU's extra before the woken task runs, target busy
     * @param wakerIdleTargetNs the waker's extra CPU, target CPU idle
     */
    public record CrossWake(long wakerNs, long wokenNs, long wakerIdleTargetNs) {
        public static final CrossWake NONE = new CrossWake(0, 0, 0);

        public boolean charged() {
            return wakerNs > 0 || wokenNs > 0 || wakerIdleTargetNs > 0;
        }
    }

    /** Without a cross-CPU wakeup cost. */
    public SchedulerParams(long sliceNs, long idleWakeupNs, long contextSwitchNs, boolean kernelPreemption,
                           long tickNs) {
        this(sliceNs, idleWakeupNs, contextSwitchNs, kernelPreemption, tickNs, CrossWake.NONE);
    }

    /** Without a modelled tick. */
    public SchedulerParams(long sliceNs, long idleWakeupNs, long contextSwitchNs, boolean kernelPreemption) {
        this(sliceNs, idleWakeupNs, contextSwitchNs, kernelPreemption, 0);
    }

    /** Voluntary preemption: kernel work is never preempted. */
    public SchedulerParams(long sliceNs, long idleWakeupNs, long contextSwitchNs) {
        this(sliceNs, idleWakeupNs, contextSwitchNs, false);
    }

    /**
     * The calibration host's tick: CONFIG_HZ=250 (/proc/config.gz of kernel 6.18.44 on the
     * development host), 4 ms. Also taken for the AWS presets [est: their kernels' HZ is not
     * known here].
     */
    public static final long HZ_250_TICK_NS = 4_000_000;

    /** EEVDF's default slice for a machine of {@code cpus} CPUs. */
    public static long defaultSliceNs(int cpus) {
        int factor = 1 + (31 - Integer.numberOfLeadingZeros(Math.max(1, Math.min(cpus, 8))));
        return 750_000L * factor;
    }
}

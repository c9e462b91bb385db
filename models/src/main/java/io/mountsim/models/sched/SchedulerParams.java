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
 */
public record SchedulerParams(long sliceNs, long idleWakeupNs, long contextSwitchNs, boolean kernelPreemption) {

    /** Voluntary preemption: kernel work is never preempted. */
    public SchedulerParams(long sliceNs, long idleWakeupNs, long contextSwitchNs) {
        this(sliceNs, idleWakeupNs, contextSwitchNs, false);
    }

    /** EEVDF's default slice for a machine of {@code cpus} CPUs. */
    public static long defaultSliceNs(int cpus) {
        int factor = 1 + (31 - Integer.numberOfLeadingZeros(Math.max(1, Math.min(cpus, 8))));
        return 750_000L * factor;
    }
}

package io.mountsim.models.kernel;

import java.util.List;

/** A syscall as the kernel executes it: its kind and the steps it takes, in order. */
public record SyscallProgram(SyscallKind kind, List<Step> steps) implements Op {
    public SyscallProgram {
        steps = List.copyOf(steps);
    }

    /** Uncontended CPU work of the program (excluding sleeps and lock waits), ns. */
    public long workNs(int cpus) {
        long sum = 0;
        for (Step s : steps) {
            if (s instanceof Step.Work w) {
                sum += w.ns();
            } else if (s instanceof Step.MountLockSection m) {
                sum += m.ns() + m.perCpuNs() * cpus;
            } else if (s instanceof Step.SpinlockSection sp) {
                sum += sp.ns();
            } else if (s instanceof Step.PathWalk p) {
                sum += p.ns();
            }
        }
        return sum;
    }
}

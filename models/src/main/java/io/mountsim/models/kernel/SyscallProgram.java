package io.mountsim.models.kernel;

import java.util.List;

/** A syscall as the kernel executes it: its kind and the steps it takes, in order. */
public record SyscallProgram(SyscallKind kind, List<Step> steps) implements Op {
    public SyscallProgram {
        steps = List.copyOf(steps);
    }

    @Override
    public boolean runOn(KThread thread) {
        return thread.syscall(this);
    }
}

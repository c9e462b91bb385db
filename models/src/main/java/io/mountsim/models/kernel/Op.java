package io.mountsim.models.kernel;

/** One item of a thread's program: a syscall, user-space work, or waiting for the mount table. */
public sealed interface Op permits SyscallProgram, Op.UserWork, Op.AwaitMountChange, Op.Sleep {

    /** User-space work between syscalls (a preemption point follows). */
    record UserWork(long ns) implements Op {
    }

    /** poll() on /proc/self/mountinfo: sleep until the mount table changed since the last read. */
    record AwaitMountChange() implements Op {
    }

    /** Sleep for a while (a rate limiter's timer). */
    record Sleep(long ns) implements Op {
    }
}

package io.mountsim.models.kernel;

/** One item of a thread's program: a syscall, user-space work, or waiting for the mount table. */
public sealed interface Op permits SyscallProgram, Op.UserWork, Op.AwaitMountChange, Op.Sleep, Op.AwaitEvents {

    /** User-space work between syscalls (a preemption point follows). */
    record UserWork(long ns) implements Op {
    }

    /** poll() on /proc/self/mountinfo: sleep until the mount table changed since the last read. */
    record AwaitMountChange() implements Op {
    }

    /** Sleep for a while (a rate limiter's timer). */
    record Sleep(long ns) implements Op {
    }

    /**
     * An event loop's epoll_wait() (sd_event_wait()): sleep until someone wakes the thread
     * (a message for it arrived, a timer fired) or, when {@code mountTable} is set, the
     * mount table changed since its last read. The loop decides on its next op what is
     * ready; the op itself only waits.
     */
    record AwaitEvents(boolean mountTable) implements Op {
    }
}

package io.mountsim.models.kernel;

/** One item of a thread's program: a syscall, user-space work, or waiting for the mount table. */
public sealed interface Op permits SyscallProgram, Op.UserWork, Op.AwaitMountChange, Op.Sleep, Op.AwaitEvents {

    /**
     * Runs this op on (from where {@code thread} left it): true when it is complete, false
     * when the thread must wait. Each op names the interpreter method that executes it, so
     * an op nobody executes is a compile error. Called only by {@link KThread}.
     */
    boolean runOn(KThread thread);

    /** User-space work between syscalls (a preemption point follows). */
    record UserWork(long ns) implements Op {
        @Override
        public boolean runOn(KThread thread) {
            return thread.userWork(ns);
        }
    }

    /** poll() on /proc/self/mountinfo: sleep until the mount table changed since the last read. */
    record AwaitMountChange() implements Op {
        @Override
        public boolean runOn(KThread thread) {
            return thread.awaitMountChange();
        }
    }

    /** Sleep for a while (a rate limiter's timer). */
    record Sleep(long ns) implements Op {
        @Override
        public boolean runOn(KThread thread) {
            return thread.sleep(ns);
        }
    }

    /**
     * An event loop's epoll_wait() (sd_event_wait()): sleep until someone wakes the thread
     * (a message for it arrived, a timer fired) or, when {@code mountTable} is set, the
     * mount table changed since its last read. The loop decides on its next op what is
     * ready; the op itself only waits.
     */
    record AwaitEvents(boolean mountTable) implements Op {
        @Override
        public boolean runOn(KThread thread) {
            return thread.awaitEvents(mountTable);
        }
    }
}

package io.mountsim.models.workload;

import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.MountinfoFullRead;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;
import io.mountsim.models.node.RateLimitWindow;

/**
 * A process that watches the mount table the way systemd does (and the calibration
 * probe's reader threads): poll() /proc/self/mountinfo until the table changes, then
 * read the whole file from the start, one read() per buffer (the caller's, or the
 * kernel's seq_file buffer when that is smaller), each holding namespace_sem for read; a
 * final read() returns end of file. With a rate limit, after {@code burst}
 * re-reads within {@code perSeconds} it sleeps until the interval is over
 * (systemd's ratelimit on mount events).
 */
final class MountinfoWatcher implements OpSource {
    private enum Phase { AWAIT, READ }

    private final Kernel kernel;
    private final WatcherConfig config;
    private Phase phase = Phase.AWAIT;
    private MountinfoFullRead read;
    /** The rate limit's window (null without a limit). */
    private final RateLimitWindow window;
    private long reads;

    MountinfoWatcher(Kernel kernel, WatcherConfig config) {
        this.kernel = kernel;
        this.config = config;
        long intervalNs = config.rateLimit().map(r -> Math.round(r.perSeconds() * 1e9)).orElse(0L);
        this.window = intervalNs > 0 ? new RateLimitWindow(config.rateLimit().get().burst(), intervalNs) : null;
    }

    @Override
    public Op next(KThread t) {
        if (phase == Phase.AWAIT) {
            if (kernel.mountEvent() == t.lastSeenMountEvent()) {
                return new Op.AwaitMountChange();
            }
            Op wait = rateLimitWait();
            if (wait != null) {
                return wait;
            }
            t.markMountTableRead();
            reads++;
            phase = Phase.READ;
            read = new MountinfoFullRead(kernel, config.readBufferBytes());
        }
        Op call = read.next();
        if (call != null) {
            return call;
        }
        phase = Phase.AWAIT;
        return next(t);
    }

    /** Over the limit: sleep until the window is over, then try again. */
    private Op rateLimitWait() {
        if (window == null) {
            return null;
        }
        long now = kernel.scheduler().now();
        return window.below(now) ? null : new Op.Sleep(window.windowEndNs() - now);
    }

    long reads() {
        return reads;
    }
}

package io.mountsim.models.workload;

import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.MountinfoFullRead;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;

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
    private final long intervalNs;
    private Phase phase = Phase.AWAIT;
    private MountinfoFullRead read;
    /** Start of the current rate-limit interval; -1 before the first read. */
    private long windowStartNs = -1;
    private int readsInWindow;
    private long reads;

    MountinfoWatcher(Kernel kernel, WatcherConfig config) {
        this.kernel = kernel;
        this.config = config;
        this.intervalNs = config.rateLimit().map(r -> Math.round(r.perSeconds() * 1e9)).orElse(0L);
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

    private Op rateLimitWait() {
        if (intervalNs <= 0) {
            return null;
        }
        long now = kernel.scheduler().now();
        if (windowStartNs < 0 || now - windowStartNs >= intervalNs) {
            windowStartNs = now;
            readsInWindow = 0;
        }
        if (readsInWindow >= config.rateLimit().get().burst()) {
            return new Op.Sleep(windowStartNs + intervalNs - now);
        }
        readsInWindow++;
        return null;
    }

    long reads() {
        return reads;
    }
}

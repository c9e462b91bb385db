package io.mountsim.models.node;

import io.mountsim.core.engine.Simulation;
import io.mountsim.core.stats.Tally;
import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.MountinfoFullRead;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * systemd as PID 1: ONE thread running one sd-event loop. Each iteration dispatches one
 * pending event source, the one of highest priority (sd_event_dispatch(): the pending
 * prioq is ordered by priority). Two sources matter here:
 * <ul>
 * <li>the mount-table monitor, at {@code SD_EVENT_PRIORITY_NORMAL-10} (src/core/mount.c,
 *     mount_enumerate()): pending whenever the table changed since PID 1 last read it;
 *     dispatching it (mount_dispatch_io() -> mount_process_proc_self_mountinfo()) reads the
 *     whole of /proc/self/mountinfo (kernel: namespace_sem read per read()), parses it with
 *     libmount and updates every mount unit (user space, on this one thread). The source is
 *     rate-limited ({@code sd_event_source_set_ratelimit()}, default 5 per 1 s): source_dispatch()
 *     checks ratelimit_below() first and, over the burst, takes the source offline until the
 *     window ends (event_source_enter_ratelimited()), when it comes back and, the table having
 *     changed, is pending again;</li>
 * <li>D-Bus, at {@code SD_EVENT_PRIORITY_NORMAL} (src/core/dbus.c, sd_bus_attach_event()):
 *     one request per dispatch, in arrival order; each container start's StartTransientUnit
 *     waits here.</li>
 * </ul>
 * So while mount events keep coming, every D-Bus request waits behind up to a burst of
 * full re-parses per interval, each as long as the table is.
 */
public final class SystemdPid1 implements OpSource {
    private enum Doing { NOTHING, MOUNT_READ, MOUNT_PARSE, DBUS }

    private record Request(long submittedNs, Runnable onReply) {
    }

    private final Kernel kernel;
    private final Simulation sim;
    private final Pid1Config config;
    private final int readBufferBytes;
    private final long serviceNs;
    private final long timeoutNs;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private KThread thread;
    private Doing doing = Doing.NOTHING;
    private MountinfoFullRead read;
    private Request serving;
    private long dispatchStartNs;
    private long busyNs;
    private long reparses;
    private long reparsedLines;
    private long ratelimitedDispatches;
    private long timeouts;
    private final Tally replyMs = new Tally();
    private final Tally reparseMs = new Tally();
    private final List<Long> reparseStartsNs = new ArrayList<>();
    private final RateLimitWindow rateLimit;
    /** While the mount source is offline for its rate limit: when it comes back; -1 otherwise. */
    private long ratelimitedUntilNs = -1;
    /** Whether the loop sleeps in sd_event_wait() (a new message must wake it). */
    private boolean waiting;

    public SystemdPid1(Kernel kernel, Pid1Config config, int readBufferBytes) {
        this.kernel = kernel;
        this.sim = kernel.scheduler().simulation();
        this.config = config;
        this.readBufferBytes = readBufferBytes;
        this.rateLimit = new RateLimitWindow(config.rateLimitBurst(), Math.round(config.rateLimitSeconds() * 1e9));
        this.serviceNs = Math.max(1, Math.round(config.dbusServiceUs() * 1000));
        this.timeoutNs = Math.round(config.dbusTimeoutSeconds() * 1e9);
    }

    /** Starts the loop on its own thread; PID 1 has read the table as it is now. */
    public void start(long threadId) {
        thread = new KThread(kernel, threadId, this, null);
        thread.markMountTableRead();
        thread.start();
    }

    /** A D-Bus request arrives; {@code onReply} runs when PID 1 has served it. */
    public void submit(Runnable onReply) {
        queue.addLast(new Request(sim.now(), onReply));
        if (waiting) {
            kernel.scheduler().wake(thread);
        }
    }

    @Override
    public Op next(KThread t) {
        switch (doing) {
            case MOUNT_READ -> {
                Op call = read.next();
                if (call != null) {
                    return call;
                }
                doing = Doing.MOUNT_PARSE;
                reparsedLines += read.lines();
                return new Op.UserWork(Math.max(1, config.reparseNs(read.lines(), read.lowerdirs())));
            }
            case MOUNT_PARSE -> endDispatch();
            case DBUS -> {
                endDispatch();
                Request done = serving;
                serving = null;
                long waitedNs = sim.now() - done.submittedNs();
                replyMs.add(waitedNs / 1e6);
                if (waitedNs > timeoutNs) {
                    timeouts++;
                }
                done.onReply().run();
            }
            case NOTHING -> waiting = false;
        }
        long now = sim.now();
        if (ratelimitedUntilNs >= 0 && now >= ratelimitedUntilNs) {
            ratelimitedUntilNs = -1;
        }
        if (kernel.mountEvent() != t.lastSeenMountEvent() && ratelimitedUntilNs < 0) {
            if (rateLimit.below(now)) {
                t.markMountTableRead();
                reparses++;
                reparseStartsNs.add(now);
                beginDispatch(Doing.MOUNT_READ);
                read = new MountinfoFullRead(kernel, readBufferBytes);
                return read.next();
            }
            ratelimitedDispatches++;
            ratelimitedUntilNs = rateLimit.windowEndNs();
            sim.scheduleAt(ratelimitedUntilNs, this::leaveRatelimit);
        }
        Request head = queue.pollFirst();
        if (head != null) {
            serving = head;
            beginDispatch(Doing.DBUS);
            return new Op.UserWork(serviceNs);
        }
        waiting = true;
        return new Op.AwaitEvents(ratelimitedUntilNs < 0);
    }

    /** event_source_leave_ratelimit(): the monitor is back in epoll; a sleeping loop sees it. */
    private void leaveRatelimit() {
        if (waiting) {
            kernel.scheduler().wake(thread);
        }
    }

    private void beginDispatch(Doing what) {
        doing = what;
        dispatchStartNs = sim.now();
    }

    private void endDispatch() {
        busyNs += sim.now() - dispatchStartNs;
        if (doing == Doing.MOUNT_PARSE) {
            reparseMs.add((sim.now() - dispatchStartNs) / 1e6);
        }
        doing = Doing.NOTHING;
    }

    /** Share of the time up to now PID 1 spent in dispatches (on a CPU, waiting for one, or for a lock). */
    public double busyFraction() {
        long now = sim.now();
        long busy = busyNs + (doing != Doing.NOTHING ? now - dispatchStartNs : 0);
        return now > 0 ? (double) busy / now : 0;
    }

    /** Full re-reads and re-parses of the mount table. */
    public long reparses() {
        return reparses;
    }

    /** Mean lines per re-parse (0 without any). */
    public double meanReparsedLines() {
        return reparses > 0 ? (double) reparsedLines / reparses : 0;
    }

    /** Times the mount source went offline for its rate limit. */
    public long ratelimitedDispatches() {
        return ratelimitedDispatches;
    }

    /** When each re-parse began, ns. */
    public List<Long> reparseStartsNs() {
        return java.util.Collections.unmodifiableList(reparseStartsNs);
    }

    /** Each completed re-parse from dispatch to done (read, parse, unit updates), ms. */
    public Tally reparseMs() {
        return reparseMs;
    }

    /** Served requests, each from its arrival to its reply, ms. */
    public Tally replyMs() {
        return replyMs;
    }

    /** Requests answered later than the caller's timeout (runc gives up after 30 s). */
    public long timeouts() {
        return timeouts;
    }
}

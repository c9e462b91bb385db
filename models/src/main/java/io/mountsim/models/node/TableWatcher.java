package io.mountsim.models.node;

import io.mountsim.models.kernel.KThread;
import io.mountsim.models.kernel.Kernel;
import io.mountsim.models.kernel.MountinfoFullRead;
import io.mountsim.models.kernel.Op;
import io.mountsim.models.kernel.OpSource;

/** One {@link TableWatcherConfig}'s thread: wait, read the whole table, parse it, repeat. */
final class TableWatcher implements OpSource {
    private enum Phase { WAIT, READ, PARSED }

    private final Kernel kernel;
    private final TableWatcherConfig config;
    private final int readBufferBytes;
    private final long everyNs;
    private Phase phase = Phase.PARSED;
    private MountinfoFullRead read;
    private long reads;

    TableWatcher(Kernel kernel, TableWatcherConfig config, int readBufferBytes) {
        this.kernel = kernel;
        this.config = config;
        this.readBufferBytes = readBufferBytes;
        this.everyNs = Math.max(1, Math.round(config.everySeconds() * 1e9));
    }

    @Override
    public Op next(KThread t) {
        switch (phase) {
            case PARSED -> {
                phase = Phase.WAIT;
                return new Op.Sleep(everyNs); // the rate limit, or the housekeeping interval
            }
            case WAIT -> {
                if (config.trigger() == TableWatcherConfig.Trigger.CHANGE && kernel.mountEvent() == t.lastSeenMountEvent()) {
                    return new Op.AwaitMountChange();
                }
                t.markMountTableRead();
                reads++;
                phase = Phase.READ;
                read = new MountinfoFullRead(kernel, readBufferBytes);
                return read.next();
            }
            default -> {
                Op call = read.next();
                if (call != null) {
                    return call;
                }
                phase = Phase.PARSED;
                return new Op.UserWork(Math.max(1, Math.round(config.parseNsPerLine() * read.lines())));
            }
        }
    }

    long reads() {
        return reads;
    }

    String name() {
        return config.name();
    }
}

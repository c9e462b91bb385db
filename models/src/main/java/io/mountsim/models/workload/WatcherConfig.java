package io.mountsim.models.workload;

import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.node.TableWatcherConfig;
import java.util.List;
import java.util.Optional;

/**
 * Processes that watch the mount table.
 *
 * @param mountinfoReaders plain readers that, like systemd, wait for a mount-table change
 *                         and re-read all of mountinfo; with an optional rate limit
 *                         (systemd's default: burst 5 per 1 s)
 * @param readBufferBytes  bytes each read() of mountinfo asks for: one namespace_sem read
 *                         acquisition per buffer. 4096 (one page, seq_file's first buffer)
 *                         unless given; the calibration probe reads 65536 at a time
 * @param systemd          systemd as PID 1: the event loop that also serves the starts'
 *                         D-Bus requests (empty = not modelled)
 * @param others           further watchers in processes of their own (kubelet, containerd)
 */
public record WatcherConfig(int mountinfoReaders, Optional<RateLimit> rateLimit, int readBufferBytes,
                            Optional<Pid1Config> systemd, List<TableWatcherConfig> others) {
    public static final int DEFAULT_READ_BUFFER_BYTES = 4096;

    public record RateLimit(int burst, double perSeconds) {
    }

    public WatcherConfig {
        others = List.copyOf(others);
    }

    public WatcherConfig(int mountinfoReaders, Optional<RateLimit> rateLimit, int readBufferBytes) {
        this(mountinfoReaders, rateLimit, readBufferBytes, Optional.empty(), List.of());
    }

    public WatcherConfig(int mountinfoReaders, Optional<RateLimit> rateLimit) {
        this(mountinfoReaders, rateLimit, DEFAULT_READ_BUFFER_BYTES);
    }

    public static WatcherConfig none() {
        return new WatcherConfig(0, Optional.empty());
    }
}

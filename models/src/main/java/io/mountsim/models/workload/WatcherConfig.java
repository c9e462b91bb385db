package io.mountsim.models.workload;

import java.util.Optional;

/**
 * Processes that, like systemd, wait for a mount-table change and re-read all of
 * mountinfo; with an optional rate limit (systemd's default: burst 5 per 1 s).
 */
public record WatcherConfig(int mountinfoReaders, Optional<RateLimit> rateLimit) {
    public record RateLimit(int burst, double perSeconds) {
    }

    public static WatcherConfig none() {
        return new WatcherConfig(0, Optional.empty());
    }
}

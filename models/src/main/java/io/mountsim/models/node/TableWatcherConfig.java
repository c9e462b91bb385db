package io.mountsim.models.node;

/**
 * A mount-table watcher other than PID 1, in a process of its own: what makes it read the
 * whole of /proc/self/mountinfo and what parsing it costs that process. For a what-if: on
 * their sources neither kubelet nor containerd watches the table (cAdvisor reads it once at
 * start, fs.NewFsInfo(); containerd parses it only when tearing a container down,
 * mount.UnmountRecursive()), so the shipped busy node has none; a per-user systemd manager
 * re-reads it as PID 1 does (systemd #16728: PID 1 and the user instances near a core each
 * under pod churn).
 *
 * @param name           for the report
 * @param trigger        {@code CHANGE}: poll() until the table changes, read, then wait at
 *                       least {@code everySeconds} before the next read (its rate limit);
 *                       {@code INTERVAL}: read every {@code everySeconds} whether or not it
 *                       changed (a housekeeping loop)
 * @param everySeconds   the interval
 * @param parseNsPerLine user-space parse per line
 */
public record TableWatcherConfig(String name, Trigger trigger, double everySeconds, double parseNsPerLine) {
    public enum Trigger { CHANGE, INTERVAL }

    public TableWatcherConfig {
        if (!(everySeconds > 0) || !(parseNsPerLine >= 0)) {
            throw new IllegalArgumentException("everySeconds must be > 0 and parseNsPerLine >= 0");
        }
    }
}

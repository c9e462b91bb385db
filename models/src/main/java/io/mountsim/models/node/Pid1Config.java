package io.mountsim.models.node;

import io.mountsim.models.topology.EstimatedParameter;

/**
 * systemd as PID 1: one single-threaded sd-event loop that watches the mount table and
 * serves D-Bus (src/core/mount.c, src/core/dbus.c, src/libsystemd/sd-event/sd-event.c).
 *
 * @param rateLimitBurst         mount-table dispatches allowed per interval: 5
 *                               (mount_enumerate(): {@code mount_rate_limit_burst = 5},
 *                               $SYSTEMD_DEFAULT_MOUNT_RATE_LIMIT_BURST overrides it)
 * @param rateLimitSeconds       the interval: 1 s ({@code sd_event_source_set_ratelimit(...,
 *                               1 * USEC_PER_SEC, mount_rate_limit_burst)})
 * @param parseNsPerLine         libmount's user-space parse of one mountinfo line
 *                               (mnt_table_parse_mtab beyond the kernel's read), measured
 * @param parseNsPerLowerdir     the same per lowerdir path an overlay line lists, measured
 * @param unitNsPerLine          systemd's own work per line beyond libmount: unit name from
 *                               the path, unit lookup, parameter compare, device_found_node()
 *                               (mount_setup_unit()), and the pass over every mount unit in
 *                               mount_process_proc_self_mountinfo() [est]
 * @param dbusRequestsPerStart   D-Bus requests a container start needs from PID 1: runc's
 *                               systemd cgroup driver calls StartTransientUnit for the
 *                               container's scope (libcontainer/cgroups/systemd startUnit())
 * @param dbusServiceUs          PID 1's work per request: method call, transient unit
 *                               creation, job, cgroup realisation, JobRemoved signal [est]
 * @param dbusTimeoutSeconds     how long runc waits for the job: 30 s (startUnit():
 *                               {@code time.NewTimer(30 * time.Second)}, "Timeout waiting for
 *                               systemd to create ...")
 * @param dbusRequestsBeforeRootfs D-Bus requests a start waits for BEFORE its rootfs is
 *                               assembled: for a Kubernetes pod, kubelet's pod slice and the
 *                               sandbox's scope (both created through libcontainer's
 *                               systemd cgroup manager, StartTransientUnit) come before
 *                               CreateContainer; 0 by default (a bare container start)
 */
public record Pid1Config(int rateLimitBurst,
                         double rateLimitSeconds,
                         double parseNsPerLine,
                         double parseNsPerLowerdir,
                         double unitNsPerLine,
                         int dbusRequestsPerStart,
                         double dbusServiceUs,
                         double dbusTimeoutSeconds,
                         int dbusRequestsBeforeRootfs) {

    /** systemd's default mount rate limit: 5 per 1 s (src/core/mount.c, mount_enumerate()). */
    public static final int DEFAULT_RATE_LIMIT_BURST = 5;
    public static final double DEFAULT_RATE_LIMIT_SECONDS = 1;
    /**
     * Measured on the calibration host (libmount 2.38.1, kernel 6.18, EPYC KVM guest): the
     * user-space part of a full parse (mnt_table_parse_stream of an in-memory copy) of
     * tables of 1,000-20,000 bind-mount lines, slope of the {@code kind=bind} rows of
     * calibration/epyc-2core/mountinfo-parse.txt: 802 ns per line (fit in MountinfoParseCostsTest).
     */
    public static final double MEASURED_PARSE_NS_PER_LINE = 800;
    /**
     * The extra per lowerdir path an overlay line lists: slopes of the {@code overlay:50}
     * and {@code overlay:1} rows of the same file, 11,209 and 990 ns per line, differ by
     * 49 lowerdirs: 209 ns each (containerd-like snapshot paths of about 75 bytes; a
     * shorter path parses faster, about 2.7 ns per byte).
     */
    public static final double MEASURED_PARSE_NS_PER_LOWERDIR = 210;
    /**
     * [est] systemd's per-line bookkeeping beyond libmount, taken equal to the parse itself:
     * mount_setup_unit() builds a unit name (unit_name_from_path(): escape the path), looks
     * it up in a hashmap, compares what/options/fstype strings, and a second pass walks every
     * mount unit; each is a few string operations per line, the same order as parsing it.
     */
    public static final double EST_UNIT_NS_PER_LINE = MEASURED_PARSE_NS_PER_LINE;
    /** runc: one transient scope unit per container (libcontainer/cgroups/systemd). */
    public static final int DEFAULT_DBUS_REQUESTS_PER_START = 1;
    /**
     * [est] 1 ms of PID 1 CPU per StartTransientUnit, from the method call to the job's
     * JobRemoved signal (bus message parse, unit allocation and property set, job
     * transaction, cgroup mkdir and attribute writes, PID attach, signals to subscribers).
     * Bracketed by systemd issue #31676 (hyperfine, 2024): {@code systemd-run --scope} takes
     * 8.4 ms on average and 2.5 ms at best per transient scope, wall time, of which the
     * client's own CPU is 0.8 ms user + 1.3 ms system; PID 1's part is not given apart.
     */
    public static final double EST_DBUS_SERVICE_US = 1000;
    /** runc's wait for the scope's job (libcontainer/cgroups/systemd/common.go startUnit()). */
    public static final double DEFAULT_DBUS_TIMEOUT_SECONDS = 30;

    public Pid1Config {
        if (rateLimitBurst < 1 || !(rateLimitSeconds > 0) || !(parseNsPerLine >= 0) || !(parseNsPerLowerdir >= 0)
                || !(unitNsPerLine >= 0) || dbusRequestsPerStart < 0 || !(dbusServiceUs >= 0) || !(dbusTimeoutSeconds > 0)
                || dbusRequestsBeforeRootfs < 0) {
            throw new IllegalArgumentException("invalid PID 1 parameters");
        }
    }

    /** No requests before the rootfs: a bare container start. */
    public Pid1Config(int rateLimitBurst, double rateLimitSeconds, double parseNsPerLine, double parseNsPerLowerdir,
                      double unitNsPerLine, int dbusRequestsPerStart, double dbusServiceUs, double dbusTimeoutSeconds) {
        this(rateLimitBurst, rateLimitSeconds, parseNsPerLine, parseNsPerLowerdir, unitNsPerLine, dbusRequestsPerStart,
                dbusServiceUs, dbusTimeoutSeconds, 0);
    }

    /** systemd's defaults and the measured parse costs. */
    public static Pid1Config defaults() {
        return new Pid1Config(DEFAULT_RATE_LIMIT_BURST, DEFAULT_RATE_LIMIT_SECONDS, MEASURED_PARSE_NS_PER_LINE,
                MEASURED_PARSE_NS_PER_LOWERDIR, EST_UNIT_NS_PER_LINE, DEFAULT_DBUS_REQUESTS_PER_START,
                EST_DBUS_SERVICE_US, DEFAULT_DBUS_TIMEOUT_SECONDS);
    }

    /** PID 1's user-space work for one re-parse of a table of {@code lines} lines listing {@code lowerdirs}. */
    public long reparseNs(int lines, long lowerdirs) {
        double unitNs = unitNsPerLine * EstimatedParameter.PID1_UNIT_NS_PER_LINE.scale();
        return Math.round((parseNsPerLine + unitNs) * lines + parseNsPerLowerdir * lowerdirs);
    }
}

package io.mountsim.models.node;

import io.mountsim.models.topology.EstimatedParameter;
import java.util.Optional;

/**
 * The node the starts land on, as it is before the storm: the containers already running
 * there with their mount-table lines, their CPU load, and their path walks. {@link #idle()}
 * is the bare machine every scenario without a {@code node:} section simulates.
 *
 * @param runningContainers                 containers already running
 * @param layersPerContainer                lowerdirs listed by each running container's rootfs overlay line
 * @param otherMountsPerContainer           further host mount-table lines per running container
 * @param cpuLoad                           their CPU demand, run as scheduler tasks (empty = none)
 * @param pathLookupsPerContainerPerSecond  their path walks, each a mount_lock reader
 * @param runcNamespaceCopy                 whether each start's runc create also works in a new
 *                                          mount namespace copied from the node's whole table
 *                                          (see {@link io.mountsim.models.kernel.SyscallPrograms#detachOldRoot})
 */
public record NodeSpec(int runningContainers,
                       int layersPerContainer,
                       int otherMountsPerContainer,
                       Optional<CpuLoad> cpuLoad,
                       double pathLookupsPerContainerPerSecond,
                       boolean runcNamespaceCopy) {

    /**
     * Host mount-table lines of a running Kubernetes pod with one app container besides that
     * container's rootfs overlay, counted from the sources (each mounted in the init mount
     * namespace, where PID 1 reads mountinfo):
     * <ol>
     * <li>the sandbox (pause) container's own rootfs overlay at
     *     /run/containerd/io.containerd.runtime.v2.task/k8s.io/ID/rootfs: the shim mounts every
     *     task's rootfs there (containerd cmd/containerd-shim-runc-v2/runc/container.go
     *     NewContainer(): mount.All(mounts, rootfs)), and the shim runs in the host's mount
     *     namespace (manager_linux.go newCommand(): SysProcAttr{Setpgid: true}, no CLONE_NEWNS).
     *     The pause image is one layer (kubernetes build/pause/Dockerfile: FROM scratch, one
     *     ADD), so this line lists one lowerdir, not counted in the node's lowerdirs;</li>
     * <li>the sandbox's /dev/shm tmpfs at /run/containerd/io.containerd.grpc.v1.cri/sandboxes/ID/shm
     *     (containerd internal/cri/server/podsandbox/sandbox_run_linux.go setupSandboxFiles():
     *     c.os.Mount("shm", ..., "tmpfs", ...) unless the pod uses the host's IPC);</li>
     * <li>the network namespace's bind mount at /var/run/netns/cni-UUID (containerd
     *     pkg/netns/netns_linux.go newNS(): unix.Mount(nsPath, ..., MS_BIND));</li>
     * <li>the service-account token's projected volume kube-api-access-XXXXX, a tmpfs under
     *     /var/lib/kubelet/pods/UID/volumes/kubernetes.io~projected/ (kubernetes
     *     pkg/volume/projected/projected.go wrappedVolumeSpec(): EmptyDir{Medium: Memory};
     *     emptydir setupTmpfs() mounts it; plugin/pkg/admission/serviceaccount adds the volume
     *     to every pod that does not opt out of automountServiceAccountToken).</li>
     * </ol>
     * Not host lines: /etc/hosts, resolv.conf and hostname are files (setupSandboxFiles()),
     * bind-mounted only inside the container's own namespace by runc; an emptyDir without
     * medium Memory is a plain directory. A pod's further Secret, downward-API or
     * Memory-medium emptyDir volumes would each add a tmpfs; none is assumed.
     */
    public static final int POD_OTHER_MOUNTS = 4;
    /** [est] Mean burst of a running workload's CPU work: 2 ms, a request's worth of work for a service. */
    public static final double EST_BURST_MS = 2;

    public NodeSpec {
        if (runningContainers < 0 || layersPerContainer < 0 || otherMountsPerContainer < 0
                || !(pathLookupsPerContainerPerSecond >= 0)) {
            throw new IllegalArgumentException("node sizes and rates must be >= 0");
        }
    }

    /** Without runc's namespace copy. */
    public NodeSpec(int runningContainers, int layersPerContainer, int otherMountsPerContainer,
                    Optional<CpuLoad> cpuLoad, double pathLookupsPerContainerPerSecond) {
        this(runningContainers, layersPerContainer, otherMountsPerContainer, cpuLoad, pathLookupsPerContainerPerSecond, false);
    }

    /** No running containers, no load: today's idle node. */
    public static NodeSpec idle() {
        return new NodeSpec(0, 0, 0, Optional.empty(), 0, false);
    }

    public boolean isIdle() {
        return runningContainers == 0 && cpuLoad.isEmpty() && pathLookupsPerContainerPerSecond == 0 && !runcNamespaceCopy;
    }

    /** Path walks per second of all running containers together. */
    public double pathLookupsPerSecond() {
        return runningContainers * pathLookupsPerContainerPerSecond * EstimatedParameter.NODE_PATH_LOOKUPS.scale();
    }

    /**
     * CPU demand of the running workloads: on every CPU the workload may use, one
     * normal-priority task alternates a burst of work (exponential, mean {@code burstMs})
     * with a sleep (exponential, mean burstMs x (1 - u) / u), so that alone on its CPU it
     * keeps the CPU busy a fraction u of the time. Bursts are user work: preemptible, and
     * slowed by a busy SMT sibling like any other work. While busy, a CPU's workload keeps
     * {@code llcFootprintMb} of distinct lines in its LLC domain, which the kernel's
     * child-mount walk then has to share ({@link io.mountsim.models.topology.MemoryHierarchy#evictedShare}).
     *
     * @param utilization    u, in (0, 1)
     * @param burstMs        mean length of one burst of work
     * @param llcFootprintMb LLC footprint of one busy CPU's workload, MB (0 = none: the walk keeps the LLC)
     */
    public record CpuLoad(double utilization, double burstMs, double llcFootprintMb) {
        public CpuLoad {
            if (!(utilization > 0 && utilization < 1) || !(burstMs > 0) || !(llcFootprintMb >= 0)) {
                throw new IllegalArgumentException("utilization must be in (0, 1), burstMs > 0 and llcFootprintMb >= 0");
            }
        }

        /** Without an LLC footprint. */
        public CpuLoad(double utilization, double burstMs) {
            this(utilization, burstMs, 0);
        }

        /** The utilization a run uses: a sensitivity run scales the [est] one, kept inside (0, 1). */
        public double effectiveUtilization() {
            return Math.min(0.95, utilization * EstimatedParameter.NODE_CPU_LOAD.scale());
        }

        /** The footprint a run uses (a sensitivity run scales the [est] one), MB per busy CPU. */
        public double effectiveLlcFootprintMb() {
            return llcFootprintMb * EstimatedParameter.NODE_LLC_FOOTPRINT.scale();
        }

        /** Mean sleep between two bursts, ns. */
        public double meanThinkNs() {
            double u = effectiveUtilization();
            return burstMs * 1e6 * (1 - u) / u;
        }
    }
}

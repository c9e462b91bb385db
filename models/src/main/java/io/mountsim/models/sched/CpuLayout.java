package io.mountsim.models.sched;

import io.mountsim.models.topology.MemoryHierarchy;

/**
 * What the scheduler and the locks need to know of the machine: the hardware threads
 * the workload may use (dense indices 0..cpus-1), SMT siblings, cache domains, and the
 * cost of moving a cache line between two of them.
 */
public interface CpuLayout {
    int cpus();

    /** The SMT sibling of {@code cpu} among the usable CPUs, or -1. */
    int siblingOf(int cpu);

    /** Last-level-cache domain of {@code cpu} (a CCD, or a socket's mesh). */
    int llcOf(int cpu);

    int socketOf(int cpu);

    /**
     * NUMA node of {@code cpu}: where the slab allocator puts what a task on it allocates
     * (mm/slub.c: slab_alloc_node() with NUMA_NO_NODE takes the CPU's own per-CPU slab,
     * filled from its node). One node per socket unless the layout says otherwise.
     */
    default int nodeOf(int cpu) {
        return socketOf(cpu);
    }

    /** One-way cache-line transfer latency between two CPUs, ns (0 for the same CPU). */
    double transferNs(int fromCpu, int toCpu);

    /**
     * The ns a lock's cache line takes to move between two CPUs, rounded; 0 when either
     * end is unknown (-1: nobody held the lock yet, or the task is off-CPU).
     */
    default long lineTransferNs(int fromCpu, int toCpu) {
        return fromCpu < 0 || toCpu < 0 ? 0 : Math.round(transferNs(fromCpu, toCpu));
    }

    /** Factor by which a busy thread runs slower while its SMT sibling is busy (>= 1). */
    double smtSlowdown();

    /**
     * Factor by which a busy thread runs slower while its SMT sibling spins with PAUSE
     * (>= 1; 1 where not measured or cited otherwise, as on the calibration host).
     */
    default double spinningSiblingSlowdown() {
        return 1.0;
    }

    /** The machine's clock and cache latencies, for pointer-chasing walks. */
    default MemoryHierarchy memory() {
        return MemoryHierarchy.CALIBRATION_HOST;
    }

    /**
     * A cache line many CPUs may poll (a lock word), with a live census of its pollers: what
     * a write to it by its owner costs depends on who polls it now.
     *
     * @param homeSocket socket whose memory holds the line (kernel data: node 0)
     */
    default ContendedLine contendedLine(int homeSocket) {
        return new ContendedLine.Uncensused(this);
    }

    /**
     * Extra cost added to each handoff of one contended line per additional spinning CPU
     * (mesh home-agent queueing) or per extra LLC domain involved (chiplets), ns.
     */
    double contentionNs(int spinners, int domainsInvolved);
}

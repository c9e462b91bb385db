package io.mountsim.models.topology;

/**
 * A machine's shape and hardware costs, as a preset or a scenario's inline
 * {@code machine:} gives it. The topology graph is built from this.
 *
 * @param name                    preset name or "inline"
 * @param sockets                 sockets (each one NUMA node unless numaNodesPerSocket says more)
 * @param coresPerSocket          physical cores per socket
 * @param threadsPerCore          1, or 2 with SMT/HT on
 * @param llcDomainsPerSocket     last-level-cache domains per socket (CCDs; 1 for a mesh)
 * @param numaNodesPerSocket      NUMA nodes per socket (1 on every study machine)
 * @param interconnect            mesh or chiplet
 * @param coreToCoreNs            line-transfer latencies by distance
 * @param perSpinnerHandoffNs     extra handoff cost per spinning CPU on a mesh home agent,
 *                                or per extra coherence domain on chiplets
 * @param smtSlowdown             factor by which a busy hardware thread runs slower while its
 *                                sibling is busy too (1.0 = no effect)
 * @param pauseNs                 duration of one PAUSE instruction
 * @param source                  where the numbers come from, for people
 * @param spinningSiblingSlowdown factor by which a thread runs slower while its SMT sibling
 *                                only spins with PAUSE (1.0 = no effect)
 * @param memory                  clock and L3 latency, which price pointer-chasing kernel walks
 */
public record MachineSpec(String name,
                          int sockets,
                          int coresPerSocket,
                          int threadsPerCore,
                          int llcDomainsPerSocket,
                          int numaNodesPerSocket,
                          Interconnect interconnect,
                          CoreToCoreNs coreToCoreNs,
                          double perSpinnerHandoffNs,
                          double smtSlowdown,
                          double pauseNs,
                          String source,
                          double spinningSiblingSlowdown,
                          MemoryHierarchy memory) {

    /**
     * A machine without its own spinning-sibling and memory figures: both are those of the
     * calibration host, where they were measured (probes/smt-sibling.c: a PAUSE-spinning
     * other vCPU slows work by 0.998x, i.e. not at all; probes/child-walk-levels.c).
     */
    public MachineSpec(String name, int sockets, int coresPerSocket, int threadsPerCore, int llcDomainsPerSocket,
                       int numaNodesPerSocket, Interconnect interconnect, CoreToCoreNs coreToCoreNs,
                       double perSpinnerHandoffNs, double smtSlowdown, double pauseNs, String source) {
        this(name, sockets, coresPerSocket, threadsPerCore, llcDomainsPerSocket, numaNodesPerSocket, interconnect,
                coreToCoreNs, perSpinnerHandoffNs, smtSlowdown, pauseNs, source, 1.0, MemoryHierarchy.CALIBRATION_HOST);
    }

    public MachineSpec {
        if (!(spinningSiblingSlowdown >= 1) || memory == null) {
            throw new IllegalArgumentException("spinningSiblingSlowdown must be >= 1 and memory given");
        }
    }

    /** The same machine with other shape and cost fields kept, but these two hardware figures. */
    public MachineSpec withHardware(double spinningSlowdown, MemoryHierarchy memoryHierarchy) {
        return new MachineSpec(name, sockets, coresPerSocket, threadsPerCore, llcDomainsPerSocket, numaNodesPerSocket,
                interconnect, coreToCoreNs, perSpinnerHandoffNs, smtSlowdown, pauseNs, source, spinningSlowdown,
                memoryHierarchy);
    }

    public int hardwareThreads() {
        return sockets * coresPerSocket * threadsPerCore;
    }

    public int cores() {
        return sockets * coresPerSocket;
    }
}

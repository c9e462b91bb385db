package io.mountsim.models.mitigation;

import java.util.List;

/** Which hardware threads the workload may run on ({@code mitigations.cpuset}). */
public sealed interface CpuSet {
    record All() implements CpuSet {
    }

    record Socket(int socket) implements CpuSet {
    }

    record Node(int node) implements CpuSet {
    }

    /** Explicit logical CPU numbers, as written ("0-23,48-71"). */
    record CpuList(List<Integer> cpus, String text) implements CpuSet {
        public CpuList {
            cpus = List.copyOf(cpus);
        }
    }
}

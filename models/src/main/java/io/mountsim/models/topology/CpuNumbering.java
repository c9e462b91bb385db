package io.mountsim.models.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Linux's logical CPU numbering on the study's machines.
 *
 * <p>The kernel numbers CPUs in the order the firmware's ACPI MADT lists them. On Intel
 * and AMD multi-socket servers (and the AWS metal instances) the MADT lists the first
 * hardware thread of every core, socket by socket, and only then the second threads in
 * the same order. So on r5.metal (2 x 24 cores x 2) {@code lscpu} shows
 * "NUMA node0 CPU(s): 0-23,48-71" and "node1: 24-47,72-95": cpus 0-23 are socket 0's
 * first threads, 24-47 socket 1's, 48-71 their socket-0 siblings, 72-95 socket 1's; cpu
 * n's sibling is n + 48. With SMT off (m7a) it is simply 0-95 socket 0, 96-191 socket 1.
 *
 * <p>Cores are split into NUMA nodes and LLC domains in contiguous runs (CCD 0 holds the
 * socket's first 8 cores on Genoa, as {@code /sys/.../cache/index3/shared_cpu_list}
 * shows). A {@code host} read from sysfs uses this numbering too (its MachineSpec only
 * carries counts); {@link SysfsTopology} keeps the host's real placements for display.
 */
public final class CpuNumbering {
    private CpuNumbering() {
    }

    /** Every hardware thread the spec describes (SMT threads included), ordered by cpu. */
    public static List<CpuPlacement> linux(MachineSpec spec) {
        int coresPerSocket = spec.coresPerSocket();
        int firstThreads = spec.sockets() * coresPerSocket;
        int coresPerNode = coresPerSocket / spec.numaNodesPerSocket();
        int coresPerLlc = coresPerSocket / spec.llcDomainsPerSocket();
        List<CpuPlacement> all = new ArrayList<>(spec.hardwareThreads());
        for (int thread = 0; thread < spec.threadsPerCore(); thread++) {
            for (int socket = 0; socket < spec.sockets(); socket++) {
                for (int c = 0; c < coresPerSocket; c++) {
                    int cpu = thread * firstThreads + socket * coresPerSocket + c;
                    int node = socket * spec.numaNodesPerSocket() + c / coresPerNode;
                    int llc = socket * spec.llcDomainsPerSocket() + c / coresPerLlc;
                    int core = socket * coresPerSocket + c;
                    all.add(new CpuPlacement(cpu, socket, node, llc, core, thread));
                }
            }
        }
        return all;
    }

    /** Linux CPU-list text (lscpu, taskset -c, cpuset.cpus) of a set of CPUs: {0,1,2,5} -> "0-2,5". */
    public static String listText(int[] cpus) {
        int[] sorted = cpus.clone();
        java.util.Arrays.sort(sorted);
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j + 1 < sorted.length && sorted[j + 1] == sorted[j] + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(sorted[i]);
            if (j > i) {
                s.append('-').append(sorted[j]);
            }
            i = j + 1;
        }
        return s.toString();
    }
}

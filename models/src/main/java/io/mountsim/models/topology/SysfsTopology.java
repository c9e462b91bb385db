package io.mountsim.models.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The topology of a Linux machine as sysfs shows it, read under a root directory (so
 * tests can point it at a fake tree): for every online CPU
 * {@code sys/devices/system/cpu/cpuN/topology/{physical_package_id,core_id,die_id,thread_siblings_list}}
 * and {@code cache/index3/shared_cpu_list} (the LLC), plus
 * {@code sys/devices/system/node/nodeN/cpulist}. Offline CPUs have no {@code topology}
 * directory and are skipped. {@code proc/cpuinfo}'s vendor_id and model name pick the
 * nearest known CPU family for the latencies sysfs cannot tell.
 *
 * @param placements one per online CPU, by cpu number (ids are dense, machine-wide)
 * @param vendorId   "GenuineIntel", "AuthenticAMD", or "" if unknown
 * @param modelName  the CPU's model name, or ""
 */
public record SysfsTopology(List<CpuPlacement> placements, String vendorId, String modelName) {
    private static final Pattern CPU_DIR = Pattern.compile("cpu[0-9]+");
    private static final Pattern NODE_DIR = Pattern.compile("node[0-9]+");

    public SysfsTopology {
        placements = List.copyOf(placements);
    }

    /** Reads the tree under {@code root}, or empty if it holds no CPU topology (not Linux). */
    public static Optional<SysfsTopology> tryRead(Path root) {
        try {
            return Optional.of(read(root));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** @throws IllegalArgumentException naming the file that is missing or malformed */
    public static SysfsTopology read(Path root) {
        Path cpuRoot = root.resolve("sys/devices/system/cpu");
        List<Integer> cpus = new ArrayList<>();
        for (Path dir : list(cpuRoot, CPU_DIR)) {
            if (Files.isDirectory(dir.resolve("topology"))) {
                cpus.add(Integer.parseInt(dir.getFileName().toString().substring(3)));
            }
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("no CPU topology under " + cpuRoot);
        }
        cpus.sort(Comparator.naturalOrder());
        Map<Integer, Integer> nodeOfCpu = new HashMap<>();
        for (Path dir : list(root.resolve("sys/devices/system/node"), NODE_DIR)) {
            int node = Integer.parseInt(dir.getFileName().toString().substring(4));
            for (int cpu : parseCpuList(readLine(dir.resolve("cpulist")), dir.resolve("cpulist"))) {
                nodeOfCpu.put(cpu, node);
            }
        }
        // Dense ids in order of first appearance, so sparse firmware ids (core_id 0,1,2,8,9...) do not matter.
        Map<Integer, Integer> socketIds = new HashMap<>();
        Map<List<Integer>, Integer> coreIds = new HashMap<>();
        Map<String, Integer> llcIds = new HashMap<>();
        Map<Integer, Integer> nodeIds = new HashMap<>();
        List<CpuPlacement> placements = new ArrayList<>();
        for (int cpu : cpus) {
            Path topo = cpuRoot.resolve("cpu" + cpu + "/topology");
            int pkg = parseInt(topo.resolve("physical_package_id"));
            Path dieFile = topo.resolve("die_id");
            int die = Files.exists(dieFile) ? parseInt(dieFile) : 0;
            int coreId = parseInt(topo.resolve("core_id"));
            Path siblingsFile = topo.resolve("thread_siblings_list");
            TreeSet<Integer> siblings = parseCpuList(readLine(siblingsFile), siblingsFile);
            Path llcFile = cpuRoot.resolve("cpu" + cpu + "/cache/index3/shared_cpu_list");
            // No L3 (small VMs, some ARM): the socket is the LLC domain.
            String llcKey = Files.exists(llcFile) ? parseCpuList(readLine(llcFile), llcFile).toString() : "pkg" + pkg;
            int socket = socketIds.computeIfAbsent(pkg, k -> socketIds.size());
            int core = coreIds.computeIfAbsent(List.of(pkg, die, coreId), k -> coreIds.size());
            int llc = llcIds.computeIfAbsent(llcKey, k -> llcIds.size());
            int node = nodeIds.computeIfAbsent(nodeOfCpu.getOrDefault(cpu, socket), k -> nodeIds.size());
            int threadInCore = siblings.isEmpty() ? 0 : siblings.headSet(cpu).size();
            placements.add(new CpuPlacement(cpu, socket, node, llc, core, threadInCore));
        }
        Map<String, String> info = cpuinfo(root.resolve("proc/cpuinfo"));
        return new SysfsTopology(placements, info.getOrDefault("vendor_id", ""), info.getOrDefault("model name", ""));
    }

    /**
     * The host as a MachineSpec: counts from sysfs (assuming every socket alike), the
     * latencies and contention costs of the nearest known CPU family
     * ({@link MachinePresets}: AMD -> Genoa, Intel or unknown -> Sapphire Rapids).
     */
    public MachineSpec toMachineSpec() {
        int sockets = count(CpuPlacement::socket);
        int cores = count(CpuPlacement::core);
        int llcs = count(CpuPlacement::llc);
        int nodes = count(CpuPlacement::node);
        int threadsPerCore = placements.stream().mapToInt(CpuPlacement::threadInCore).max().orElse(0) + 1;
        int coresPerSocket = Math.max(1, cores / sockets);
        int llcPerSocket = Math.max(1, llcs / sockets);
        if (coresPerSocket % llcPerSocket != 0) {
            llcPerSocket = 1;
        }
        int nodesPerSocket = Math.max(1, nodes / sockets);
        if (llcPerSocket % nodesPerSocket != 0) {
            nodesPerSocket = 1;
        }
        MachineSpec family = MachinePresets.nearestFamily(vendorId);
        String cpu = modelName.isBlank() ? "unknown CPU" : modelName;
        return new MachineSpec(MachinePresets.HOST, sockets, coresPerSocket, threadsPerCore, llcPerSocket, nodesPerSocket,
                family.interconnect(), family.coreToCoreNs(), family.perSpinnerHandoffNs(), family.smtSlowdown(),
                family.pauseNs(),
                "this machine's sysfs (" + cpu + ", " + placements.size() + " online CPUs); latencies and contention costs of "
                        + family.name() + " (nearest known family)");
    }

    private int count(java.util.function.ToIntFunction<CpuPlacement> id) {
        Set<Integer> ids = new HashSet<>();
        placements.forEach(p -> ids.add(id.applyAsInt(p)));
        return ids.size();
    }

    /** Linux CPU-list syntax ("0-3,8,10-11"), as in thread_siblings_list and cpulist. */
    static TreeSet<Integer> parseCpuList(String text, Path file) {
        TreeSet<Integer> out = new TreeSet<>();
        String t = text.trim();
        if (t.isEmpty()) {
            return out;
        }
        try {
            for (String part : t.split(",")) {
                String[] ends = part.trim().split("-");
                int lo = Integer.parseInt(ends[0].trim());
                int hi = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : lo;
                for (int c = lo; c <= hi; c++) {
                    out.add(c);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": not a CPU list: '" + t + "'");
        }
        return out;
    }

    private static int parseInt(Path file) {
        String s = readLine(file).trim();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": expected an integer, found '" + s + "'");
        }
    }

    private static String readLine(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static List<Path> list(Path dir, Pattern name) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> cpuinfo(Path file) {
        Map<String, String> out = new HashMap<>();
        if (!Files.isReadable(file)) {
            return out;
        }
        try (Stream<String> lines = Files.lines(file)) {
            lines.forEach(line -> {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return out;
        }
        return out;
    }
}

package io.mountsim.scenarios.probe;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a results header records about the machine: kernel release, CPU model, online CPUs
 * and each online CPU's topology, read from procfs and sysfs (roots injectable, so a test
 * can describe any machine with a directory tree).
 */
public record HostFacts(String kernel, String cpuModel, String onlineCpus, List<CpuTopology> cpus) {
    public HostFacts {
        cpus = List.copyOf(cpus);
    }

    /** Reads /proc and /sys as found under {@code proc} and {@code sys}. */
    public static HostFacts read(Path proc, Path sys) throws IOException {
        String kernel = firstLine(proc.resolve("sys/kernel/osrelease")).orElse("unknown");
        String online = firstLine(sys.resolve("devices/system/cpu/online")).orElse("0");
        List<CpuTopology> cpus = new ArrayList<>();
        for (int cpu : CpuList.parse(online)) {
            cpus.add(topology(sys.resolve("devices/system/cpu/cpu" + cpu), cpu));
        }
        return new HostFacts(kernel, cpuModel(proc.resolve("cpuinfo")), online, cpus);
    }

    private static CpuTopology topology(Path dir, int cpu) throws IOException {
        int core = intValue(dir.resolve("topology/core_id"));
        int pkg = intValue(dir.resolve("topology/physical_package_id"));
        String siblings = firstLine(dir.resolve("topology/thread_siblings_list")).orElse(Integer.toString(cpu));
        return new CpuTopology(cpu, core, pkg, node(dir), lastLevelCache(dir), siblings);
    }

    /** The NUMA node: the cpuN/nodeM link; 0 on kernels without NUMA. */
    private static int node(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "node[0-9]*")) {
            for (Path e : entries) {
                return Integer.parseInt(e.getFileName().toString().substring(4));
            }
        }
        return 0;
    }

    /** shared_cpu_list of the cache index with the highest level (L3 on x86 servers). */
    private static String lastLevelCache(Path dir) throws IOException {
        Path cache = dir.resolve("cache");
        int bestLevel = -1;
        String best = "none";
        if (!Files.isDirectory(cache)) {
            return best;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cache, "index[0-9]*")) {
            List<Path> sorted = new ArrayList<>();
            entries.forEach(sorted::add);
            sorted.sort(null);
            for (Path index : sorted) {
                int level = intValue(index.resolve("level"));
                Optional<String> shared = firstLine(index.resolve("shared_cpu_list"));
                if (level >= bestLevel && shared.isPresent()) {
                    bestLevel = level;
                    best = shared.get();
                }
            }
        }
        return best;
    }

    /** The first "model name" of /proc/cpuinfo (x86), else "Hardware" or "CPU part" (Arm). */
    private static String cpuModel(Path cpuinfo) throws IOException {
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        List<String> lines = Files.readAllLines(cpuinfo);
        for (String key : List.of("model name", "Hardware", "CPU part")) {
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    String value = line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
        }
        return "unknown";
    }

    private static int intValue(Path file) throws IOException {
        Optional<String> v = firstLine(file);
        if (v.isEmpty() || !v.get().matches("-?\\d+")) {
            return -1;
        }
        return Integer.parseInt(v.get());
    }

    private static Optional<String> firstLine(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(file)) {
            return lines.findFirst().map(String::strip).filter(s -> !s.isEmpty());
        }
    }
}

package io.mountsim.scenarios.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results header from a made-up /proc and /sys: two sockets, SMT, an L3 per socket. */
class HostFactsTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path f = root.resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text + "\n");
    }

    /** CPUs 0-3 online (cpu4 exists but is offline): 0,2 are SMT siblings on package 0, 1,3 on package 1. */
    private void twoSocketMachine() throws IOException {
        write("proc/sys/kernel/osrelease", "6.18.44-test");
        write("proc/cpuinfo", "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)  Platinum 8175M\n\n"
                + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Platinum 8175M\n");
        write("sys/devices/system/cpu/online", "0-3");
        for (int cpu = 0; cpu < 5; cpu++) {
            String d = "sys/devices/system/cpu/cpu" + cpu + "/";
            int pkg = cpu % 2;
            write(d + "topology/core_id", Integer.toString(cpu / 4));
            write(d + "topology/physical_package_id", Integer.toString(pkg));
            write(d + "topology/thread_siblings_list", pkg == 0 ? "0,2" : "1,3");
            write(d + "cache/index0/level", "1");
            write(d + "cache/index0/shared_cpu_list", pkg == 0 ? "0,2" : "1,3");
            write(d + "cache/index2/level", "2");
            write(d + "cache/index2/shared_cpu_list", pkg == 0 ? "0,2" : "1,3");
            write(d + "cache/index3/level", "3");
            write(d + "cache/index3/shared_cpu_list", pkg == 0 ? "0,2,4" : "1,3");
            Files.createDirectories(root.resolve(d + "node" + pkg));
        }
    }

    @Test
    void theHeaderRecordsKernelCpuModelOnlineCpusAndEachCpusTopology() throws IOException {
        twoSocketMachine();
        HostFacts facts = HostFacts.read(root.resolve("proc"), root.resolve("sys"));
        assertEquals(String.join("\n",
                "# mountsim probe kit",
                "# kit-version: 1",
                "# date: 2026-11-30T02:10:00Z",
                "# kernel: 6.18.44-test",
                "# cpu-model: Intel(R) Xeon(R) Platinum 8175M",
                "# online-cpus: 0-3",
                "# topology: cpu=0 core=0 package=0 node=0 llc=0,2,4 siblings=0,2",
                "# topology: cpu=1 core=0 package=1 node=1 llc=1,3 siblings=1,3",
                "# topology: cpu=2 core=0 package=0 node=0 llc=0,2,4 siblings=0,2",
                "# topology: cpu=3 core=0 package=1 node=1 llc=1,3 siblings=1,3",
                "# mode: full",
                ""), ResultsHeader.of(1, Instant.parse("2026-11-30T02:10:00.731Z"), facts, KitMode.FULL));
    }

    @Test
    void missingSysfsEntriesAreMarkedNotGuessed() throws IOException {
        write("proc/sys/kernel/osrelease", "6.1.0");
        write("proc/cpuinfo", "processor\t: 0\nHardware\t: BCM2835\n");
        write("sys/devices/system/cpu/online", "0");
        Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu0"));
        HostFacts facts = HostFacts.read(root.resolve("proc"), root.resolve("sys"));
        assertEquals("BCM2835", facts.cpuModel());
        assertEquals(List.of(new CpuTopology(0, -1, -1, 0, "none", "0")), facts.cpus());
    }

    @Test
    void cpuListsUseTheKernelsSyntax() {
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), CpuList.parse("0-3,8,10-11\n"));
        assertEquals(List.of(5), CpuList.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("0-3-4"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("a"));
    }
}

package io.mountsim.models.mitigation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mountsim.models.topology.MachinePresets;
import io.mountsim.models.topology.Topology;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CpuSetsTest {
    private static final Topology R5 = Topology.of(MachinePresets.find("r5.metal").orElseThrow());
    private static final Topology R5_SMT_OFF = new Mitigations(false, new CpuSet.All()).applyTo(MachinePresets.find("r5.metal").orElseThrow());

    @Test
    void parsesEveryForm() {
        assertEquals(new CpuSet.All(), CpuSets.parse("all"));
        assertEquals(new CpuSet.All(), CpuSets.parse(" ALL "));
        assertEquals(new CpuSet.Socket(1), CpuSets.parse("socket:1"));
        assertEquals(new CpuSet.Node(0), CpuSets.parse("node:0"));
        CpuSet.CpuList list = (CpuSet.CpuList) CpuSets.parse("0-2, 48,50-51");
        assertEquals(List.of(0, 1, 2, 48, 50, 51), list.cpus());
        assertEquals("0-2, 48,50-51", list.text());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|cpuset is empty: expected all, socket:N, node:N or a CPU list such as 0-23,48-71",
            "socket:x|cpuset 'socket:x': expected socket:N with N a socket number such as 0",
            "node:|cpuset 'node:': expected node:N with N a node number such as 0",
            "5-3|cpuset '5-3': range 5-3 runs backwards (write 3-5)",
            "0-|cpuset '0-': '' is not a CPU number; expected all, socket:N, node:N or a CPU list such as 0-23,48-71",
            "0,,1|cpuset '0,,1': '' is not a CPU number or range; expected all, socket:N, node:N or a CPU list such as 0-23,48-71",
            "sockets|cpuset 'sockets': 'sockets' is not a CPU number; expected all, socket:N, node:N or a CPU list such as 0-23,48-71",
            "1-2-3|cpuset '1-2-3': '1-2-3' is not a CPU number or range; expected all, socket:N, node:N or a CPU list such as 0-23,48-71",
            "0-99999999|cpuset '0-99999999': cpu 99999999 is out of range"})
    void rejectsMalformedTextSayingWhatWasExpected(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuSets.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void validatesAgainstTheMachine() {
        assertEquals(List.of("cpu 100 is beyond the machine's 96 CPUs (r5.metal: cpus 0-95)"),
                CpuSets.problems(CpuSets.parse("90-100"), R5));
        assertEquals(List.of("cpuset node:2 does not exist: r5.metal has 2 NUMA node(s), numbered 0-1"),
                CpuSets.problems(CpuSets.parse("node:2"), R5));
        assertEquals(List.of("cpuset '48-95' names only CPUs that smt: off takes offline on r5.metal (online: 0-47)"),
                CpuSets.problems(CpuSets.parse("48-95"), R5_SMT_OFF));
        assertEquals(List.of(), CpuSets.problems(CpuSets.parse("0-23,48-71"), R5_SMT_OFF));
        assertEquals("0-23", CpuSets.format(CpuSets.resolve(CpuSets.parse("0-23,48-71"), R5_SMT_OFF)));
    }

    @Property(tries = 200)
    void formatAndParseRoundTrip(@ForAll @Size(min = 1, max = 40) List<@IntRange(max = 191) Integer> cpus) {
        int[] sorted = cpus.stream().mapToInt(Integer::intValue).distinct().sorted().toArray();
        String text = CpuSets.format(sorted);
        CpuSet.CpuList parsed = (CpuSet.CpuList) CpuSets.parse(text);
        assertEquals(java.util.Arrays.stream(sorted).boxed().toList(), parsed.cpus());
        assertEquals(text, CpuSets.text(parsed));
    }
}

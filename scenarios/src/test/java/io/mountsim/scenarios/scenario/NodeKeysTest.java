package io.mountsim.scenarios.scenario;

import static io.mountsim.scenarios.TestFiles.MINIMAL;
import static io.mountsim.scenarios.TestFiles.load;
import static io.mountsim.scenarios.TestFiles.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.models.SimulationSpec;
import io.mountsim.models.node.NodeSpec;
import io.mountsim.models.node.Pid1Config;
import io.mountsim.models.node.TableWatcherConfig;
import io.mountsim.scenarios.diag.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node: and watchers.systemd / watchers.others keys: binding, defaults, errors. */
class NodeKeysTest {
    @TempDir
    Path dir;

    private static final String BUSY = MINIMAL + String.join("\n",
            "node:",
            "  runningContainers: 300",
            "  layers: 40",
            "  cpuLoad: {utilization: 0.25}",
            "  pathLookupsPerContainerPerSecond: 500",
            "watchers:",
            "  systemd:",
            "    rateLimit: {burst: 25, perSeconds: 1}",
            "  others:",
            "    - {name: kubelet, trigger: interval, everySeconds: 10}",
            "");

    private static String lines(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Test
    void withoutTheKeysTheNodeIsIdleAndNothingIsAddedToTheResolvedScenario() {
        var s = load(dir, MINIMAL);
        SimulationSpec spec = s.points().get(0).spec();
        assertEquals(NodeSpec.idle(), spec.node());
        assertTrue(spec.watchers().systemd().isEmpty());
        assertTrue(spec.watchers().others().isEmpty());
        assertFalse(s.resolved().containsKey("node"));
        @SuppressWarnings("unchecked")
        Map<String, Object> watchers = (Map<String, Object>) s.resolved().get("watchers");
        assertEquals(List.of("mountinfoReaders", "readBufferBytes"), List.copyOf(watchers.keySet()));
    }

    @Test
    void aBusyNodeBindsWithItsDefaultsAndRoundTrips() {
        var s = load(dir, BUSY);
        SimulationSpec spec = s.points().get(0).spec();
        assertEquals(new NodeSpec(300, 40, NodeSpec.POD_OTHER_MOUNTS,
                java.util.Optional.of(new NodeSpec.CpuLoad(0.25, NodeSpec.EST_BURST_MS)), 500), spec.node());
        Pid1Config pid1 = spec.watchers().systemd().orElseThrow();
        assertEquals(25, pid1.rateLimitBurst());
        assertEquals(Pid1Config.MEASURED_PARSE_NS_PER_LINE, pid1.parseNsPerLine());
        assertEquals(List.of(new TableWatcherConfig("kubelet", TableWatcherConfig.Trigger.INTERVAL, 10,
                Pid1Config.MEASURED_PARSE_NS_PER_LINE)), spec.watchers().others());
        var again = load(dir, new org.yaml.snakeyaml.Yaml().dump(s.resolved()));
        assertEquals(spec, again.points().get(0).spec());
    }

    /** node.cpuLoad.llcFootprintMb reaches the load, round-trips, and a negative one names its line and key. */
    @Test
    void theLoadsLlcFootprintBindsAndRoundTrips() {
        var s = load(dir, MINIMAL + "node:\n  runningContainers: 10\n  cpuLoad: {utilization: 0.3, llcFootprintMb: 2}\n");
        SimulationSpec spec = s.points().get(0).spec();
        assertEquals(new NodeSpec.CpuLoad(0.3, NodeSpec.EST_BURST_MS, 2), spec.node().cpuLoad().orElseThrow());
        assertEquals(spec, load(dir, new org.yaml.snakeyaml.Yaml().dump(s.resolved())).points().get(0).spec());
        assertEquals(0, load(dir, BUSY).points().get(0).spec().node().cpuLoad().orElseThrow().llcFootprintMb(),
                "absent = 0: the walk keeps the LLC");
        String all = lines(problems(dir, MINIMAL + "node:\n  cpuLoad: {utilization: 0.3, llcFootprintMb: -1}\n"));
        assertTrue(all.contains(dir.resolve("s.yaml") + ":9: node.cpuLoad.llcFootprintMb: expected a number >= 0, got -1"), all);
    }

    @Test
    void systemdIsOnOffOrAMappingAndSweepable() {
        var s = load(dir, MINIMAL + "watchers: {systemd: off}\nsweep:\n  watchers.systemd: [off, on]\n");
        assertTrue(s.points().get(0).spec().watchers().systemd().isEmpty());
        assertEquals(Pid1Config.defaults(), s.points().get(1).spec().watchers().systemd().orElseThrow());
        var sized = load(dir, MINIMAL + "node: {runningContainers: 10}\nsweep:\n  node.runningContainers: [0, 100]\n");
        assertEquals(100, sized.points().get(1).spec().node().runningContainers());
    }

    @Test
    void mistakesNameTheirLineKeyAndFix() {
        String text = MINIMAL + String.join("\n",
                "node:",                                         // 8
                "  runingContainers: 300",                       // 9
                "  cpuLoad: {utilization: 1.5}",                 // 10
                "watchers:",                                     // 11
                "  systemd: maybe",                              // 12
                "  others:",                                     // 13
                "    - {name: kubelet, trigger: sometimes, everySeconds: 10}",  // 14
                "    - {name: containerd, trigger: change}",     // 15
                "");
        List<Problem> p = problems(dir, text);
        String all = lines(p);
        String file = dir.resolve("s.yaml").toString();
        assertTrue(all.contains(file + ":9: node.runingContainers: unknown key; did you mean node.runningContainers?"), all);
        assertTrue(all.contains(file + ":10: node.cpuLoad.utilization: expected a number in (0, 1), got 1.5"), all);
        assertTrue(all.contains(file + ":12: watchers.systemd:"), all);
        assertTrue(all.contains(file + ":14: watchers.others[0].trigger: expected one of change, interval"), all);
        assertTrue(all.contains(file + ":15: watchers.others[1].everySeconds: missing"), all);
        assertEquals(5, p.size(), all);
    }

    @Test
    void aNodeIsNoPlaceForTheLockBenchmark() {
        String text = String.join("\n", "machine: r5.metal", "workload: {kind: lockbench}", "node: {runningContainers: 5}", "");
        String all = lines(problems(dir, text));
        assertTrue(all.contains(":3: node: applies to container-starts and trace workloads"), all);
    }
}

package io.mountsim.models.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

/** The child walk's split and its per-machine scaling, against the probe's raw output. */
class MemoryHierarchyTest {

    private record Point(int children, double openTreeUs) {
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = MemoryHierarchyTest.class.getResourceAsStream("/calibration/epyc-2core/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Point> walkPoints(String text) {
        List<Point> points = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("child-walk ")) {
                String[] f = line.split(" ");
                points.add(new Point(Integer.parseInt(f[1].substring("children=".length())),
                        Double.parseDouble(f[2].substring("open_tree_us=".length()))));
            }
        }
        return points;
    }

    private static double slopeNs(List<Point> points, int from, int to) {
        SimpleRegression r = new SimpleRegression();
        points.stream().filter(p -> p.children() >= from && p.children() <= to)
                .forEach(p -> r.addData(p.children(), p.openTreeUs()));
        return r.getSlope() * 1000;
    }

    @Test
    void theSplitIsTheProbesTwoSlopes() throws IOException {
        String text = resource("child-walk-levels.txt");
        List<Point> points = walkPoints(text);
        double l2 = slopeNs(points, 0, 4000);
        double l3 = slopeNs(points, 4000, 16000);
        assertEquals(MemoryHierarchy.HOST_CORE_NS_PER_CHILD, l2, 0.05, "L2-resident slope");
        assertEquals(MemoryHierarchy.HOST_L3_EXPOSED_NS_PER_CHILD, l3 - l2, 0.05, "what L3 residency adds");
        // past the guest's share of L3 the walk is much slower: the study's machines stay below it
        assertTrue(slopeNs(points, 16000, 64000) > 2 * l3, "the L3 knee is in the data");
        String clock = text.lines().filter(l -> l.startsWith("core-clock ")).findFirst().orElseThrow();
        assertEquals(MemoryHierarchy.CALIBRATION_HOST.allCoreGhz(),
                Double.parseDouble(clock.substring("core-clock ghz=".length())), 0.001);
    }

    @Test
    void theHostIsItsOwnReferenceAndClocksAndLatenciesMoveTheWalkTheRightWay() {
        MemoryHierarchy host = MemoryHierarchy.CALIBRATION_HOST;
        assertEquals(1.0, host.childWalkScale(), 1e-12);
        assertEquals(1.0, host.coreWorkScale(), 1e-12);
        assertEquals(0.5, new MemoryHierarchy(host.allCoreGhz() * 2, host.l3Ns(), "").coreWorkScale(), 1e-12);
        assertTrue(new MemoryHierarchy(host.allCoreGhz() * 1.2, host.l3Ns(), "").childWalkScale() < 1);
        assertTrue(new MemoryHierarchy(host.allCoreGhz(), host.l3Ns() * 2, "").childWalkScale() > 1);
        // doubling the L3 latency costs one more exposed part, no more
        double oneMore = MemoryHierarchy.HOST_L3_EXPOSED_NS_PER_CHILD
                / (MemoryHierarchy.HOST_CORE_NS_PER_CHILD + MemoryHierarchy.HOST_L3_EXPOSED_NS_PER_CHILD);
        assertEquals(1 + oneMore, new MemoryHierarchy(host.allCoreGhz(), host.l3Ns() * 2, "").childWalkScale(), 1e-12);
    }

    @Test
    void machinesWithoutTheirOwnFiguresArePricedLikeTheCalibrationHost() {
        MachineSpec m7i = MachinePresets.find("m7i.metal-24xl").orElseThrow();
        MachineSpec inline = new MachineSpec("inline", 1, 4, 1, 1, 1, Interconnect.MESH, m7i.coreToCoreNs(),
                m7i.perSpinnerHandoffNs(), m7i.smtSlowdown(), m7i.pauseNs(), "t");
        assertEquals(MemoryHierarchy.CALIBRATION_HOST, inline.memory());
        assertEquals(1.0, inline.spinningSiblingSlowdown());
    }
}

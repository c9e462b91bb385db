package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.PointAggregator;
import io.mountsim.core.results.PointResult;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.Timeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** replications.csv: the raw replications in long format, beside results.csv, surviving a merge. */
class ReplicationsCsvTest {

    @TempDir
    Path tmp;

    /** Two points x three replications; the makespan of replication r at point p is 10p + r. */
    static ExperimentResult run() {
        List<PointResult> points = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            List<ReplicationOutcome> outcomes = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                Map<String, Double> m = new LinkedHashMap<>();
                m.put(MetricNames.WALL_SECONDS, 0.25 + rep); // the host's: left out
                m.put(MetricNames.MAKESPAN_SECONDS, 10.0 * p + rep);
                if (rep != 1) {
                    m.put(MetricNames.FAILED_STARTS, 1.0 * rep);
                }
                outcomes.add(ReplicationOutcome.builder().metrics(m).events(10).startLatenciesMs(new double[]{1, 2}).build());
            }
            points.add(PointAggregator.aggregate(p, Map.of("runtime.idmap", p == 0 ? "per-layer" : "common-parent"),
                    outcomes, 0.95, Map.of()));
        }
        return Fixtures.result("r", "", 1, 3, 0.95, List.of("runtime.idmap"), points, Map.of(), 30, false);
    }

    @Test
    void oneRowPerPointReplicationAndMetric() throws Exception {
        ReportWriter.writeAll(run(), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("replications.csv"));
        assertEquals("point,runtime.idmap,replication,metric,value", lines.get(0));
        assertEquals(1 + 2 * 3 * 3, lines.size(), "2 points x 3 replications x 3 metrics (wallSeconds left out)");
        assertEquals("0,per-layer,0,makespanSeconds,0", lines.get(1));
        assertEquals("0,per-layer,0,events,10", lines.get(3), "the contract's events column, from the engine's count");
        assertEquals("0,per-layer,1,failedStarts,", lines.get(5), "not produced in that replication: empty");
        assertEquals("1,common-parent,2,makespanSeconds,12", lines.get(16));
        assertFalse(String.join("\n", lines).contains("wallSeconds"));
    }

    @Test
    void mergingShardsGivesTheSameTable() throws Exception {
        ExperimentResult all = run();
        ReportWriter.writeAll(all, tmp.resolve("all"));
        ReportWriter.writeAll(all.withPoints(all.points().subList(0, 1)), tmp.resolve("s0"));
        ReportWriter.writeAll(all.withPoints(all.points().subList(1, 2)), tmp.resolve("s1"));
        ReportWriter.merge(List.of(tmp.resolve("s0"), tmp.resolve("s1")), tmp.resolve("merged"));
        assertEquals(Files.readString(tmp.resolve("all/replications.csv")),
                Files.readString(tmp.resolve("merged/replications.csv")));
    }
}

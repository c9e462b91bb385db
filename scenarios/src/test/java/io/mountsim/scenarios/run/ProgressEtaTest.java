package io.mountsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.core.results.CpuBreakdown;
import io.mountsim.core.results.MetricNames;
import io.mountsim.core.results.ReplicationOutcome;
import io.mountsim.core.results.Timeline;
import io.mountsim.models.workload.WorkloadSpec;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time left on the progress line, against a synthetic clock: once a tenth of the work
 * is done, it is within a factor of 2 of the time really left, on a sweep whose points
 * differ a hundredfold in cost (a task's time grows with its container count).
 */
class ProgressEtaTest {
    @TempDir
    Path dir;

    private static final Pattern LINE = Pattern.compile("elapsed (\\d+):(\\d\\d):?(\\d\\d)?, left (\\d+):(\\d\\d):?(\\d\\d)?");

    @Test
    void timeLeftIsWithinAFactorOfTwoAfterTheFirstTenthOfTheWork() {
        // the default 10 replications; containers 10 .. 1000, cost 1 s per 10 containers
        Path f = TestFiles.write(dir, "s.yaml", TestFiles.MINIMAL.replace("run:\n  replications: 2\n", "")
                + "sweep:\n  workload.containers: [10, 20, 50, 100, 200, 500, 1000]\n  runtime.idmap: [per-layer, common-parent]\n");
        Scenario s = ScenarioLoader.load(f, Overrides.none());
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, false);
        List<long[]> truth = new ArrayList<>(); // {clock after the task, total}
        ReplicationModel model = (spec, seed, rep, withTimeline) -> {
            int containers = ((WorkloadSpec.ContainerStarts) spec.workload()).containers();
            now.addAndGet(containers * 100_000_000L);
            return ReplicationOutcome.builder().metric(MetricNames.STARTS_PER_SECOND, 1.0).events(1).fingerprint(1).build();
        };
        new ExperimentRunner(model, 1, line, now::get).run(s, Shard.all());
        double totalS = now.get() / 1e9;
        Matcher m = LINE.matcher(bytes.toString(StandardCharsets.UTF_8));
        int checked = 0;
        while (m.find()) {
            double elapsed = seconds(m.group(1), m.group(2), m.group(3));
            double left = seconds(m.group(4), m.group(5), m.group(6));
            double trulyLeft = totalS - elapsed;
            if (elapsed >= 0.1 * totalS && trulyLeft > 60) {
                assertTrue(left <= 2 * trulyLeft && left >= trulyLeft / 2,
                        "at " + elapsed + " s of " + totalS + " s: left " + left + " s, truly " + trulyLeft + " s");
                checked++;
            }
        }
        assertTrue(checked >= 5, "enough progress lines after the first tenth: " + checked);
    }

    @Test
    void everyPointStartsOnceBeforeAnyRepeatsAndEveryTaskRunsOnce() {
        int[] order = ExperimentRunner.taskOrder(14, 3);
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
        for (int t = 0; t < 14; t++) {
            assertEquals(0, order[t] % 3, "the first pass is replication 0 of each point");
        }
        assertTrue(order[1] / 3 > 3, "the second task is not the neighbour of the first: " + order[1] / 3);
    }

    private static double seconds(String a, String b, String c) {
        return c == null ? Integer.parseInt(a) * 60 + Integer.parseInt(b)
                : Integer.parseInt(a) * 3600 + Integer.parseInt(b) * 60 + Integer.parseInt(c);
    }
}

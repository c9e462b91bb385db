package io.mountsim.reports;

import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.reports.data.TimelineWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lock timeline shows the storm's busiest stretch and an overview of all of it. */
class TimelineWindowTest {

    /**
     * 1 s of quiet holds (one every 100 us, no waiting), then a 10 ms storm in which every
     * hold has three tasks waiting 50 us for it, then quiet again.
     */
    static Timeline storm() {
        List<TimelineSpan> spans = new ArrayList<>();
        long id = 0;
        for (long t = 0; t < 1_000_000_000L; t += 100_000) {
            spans.add(new TimelineSpan("namespace_sem", 0, id++, t, t + 10_000, TimelineSpan.Kind.READ_HOLD));
        }
        long stormStart = 1_000_000_000L;
        for (long t = stormStart; t < stormStart + 10_000_000L; t += 5_000) {
            spans.add(new TimelineSpan("namespace_sem", 1, id++, t, t + 5_000,
                    t / 5_000 % 2 == 0 ? TimelineSpan.Kind.HOLD : TimelineSpan.Kind.READ_HOLD));
            for (int w = 0; w < 3; w++) {
                spans.add(new TimelineSpan("namespace_sem", 2 + w, id++, t, t + 50_000, TimelineSpan.Kind.WAIT));
            }
        }
        for (long t = stormStart + 10_000_000L; t < 2_000_000_000L; t += 100_000) {
            spans.add(new TimelineSpan("namespace_sem", 0, id++, t, t + 10_000, TimelineSpan.Kind.HOLD));
        }
        return new Timeline(0, 2_000_000_000L, 8, spans);
    }

    @Test
    void theWindowIsTheBusiestStretchNotTheFirstMilliseconds() {
        Timeline t = TimelineWindow.limit(storm());
        assertTrue(t.spans().size() <= TimelineWindow.MAX_SPANS);
        assertTrue(t.windowStartNs() >= 1_000_000_000L - 1_000_000 && t.windowStartNs() < 1_010_000_000L,
                "window starts in the storm: " + t.windowStartNs());
        assertTrue(t.spans().stream().filter(s -> s.kind() == TimelineSpan.Kind.WAIT).count() > 1000);
        assertEquals(t, TimelineWindow.limit(t), "idempotent, so a merged run draws the same");
    }

    @Test
    void theOverviewCoversTheWholeRunAndShowsWhereTheStormIs() {
        Timeline t = TimelineWindow.limit(storm());
        Timeline.Overview o = t.overview();
        assertFalse(o.isEmpty());
        assertTrue(o.startNs() == 0 && o.binNs() * o.bins() >= 2_000_000_000L, "the whole replication");
        double[] waiting = o.waiting().get("namespace_sem");
        int stormBin = (int) (1_000_000_000L / o.binNs()) + 1;
        assertTrue((stormBin + 1) * o.binNs() <= 1_010_000_000L, "the fixture's bin lies inside the storm");
        // the storm: 3 waiters of 50 us every 5 us = 30 waiting at any moment
        assertEquals(30, waiting[stormBin], 30 * 0.05);
        assertEquals(0, waiting[10], "no one waits in the quiet part");
        // holds: one 10 us hold per 100 us = 0.1 holders in the quiet part
        assertEquals(0.1, o.holding().get("namespace_sem")[10], 0.01);
    }

    @Test
    void readAndWriteHoldsSurviveTheRoundTripThroughPointsJson(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        ExperimentRunnerLike.writeAndRead(tmp, TimelineWindow.limit(storm()));
    }

    /** Writes a point with the timeline and reads it back through ReportWriter. */
    static final class ExperimentRunnerLike {
        static void writeAndRead(java.nio.file.Path tmp, Timeline timeline) throws Exception {
            io.mountsim.core.results.ExperimentResult s = Fixtures.single();
            io.mountsim.core.results.PointResult p = s.points().get(0);
            io.mountsim.core.results.PointResult q = new io.mountsim.core.results.PointResult(0, p.parameters(),
                    p.metrics(), p.startLatenciesMs(), p.cpu(), timeline, p.measured());
            ReportWriter.writeAll(s.withPoints(List.of(q)), tmp);
            Timeline back = ReportWriter.read(tmp).points().get(0).timeline();
            assertEquals(timeline.spans(), back.spans());
            assertEquals(timeline.overview().binNs(), back.overview().binNs());
            assertTrue(java.util.Arrays.equals(timeline.overview().waiting().get("namespace_sem"),
                    back.overview().waiting().get("namespace_sem")));
            assertTrue(java.nio.file.Files.exists(tmp.resolve("charts/timeline-overview-point0.svg")), "the strip is drawn");
            String svg = java.nio.file.Files.readString(tmp.resolve("charts/timeline-point0.svg"));
            assertTrue(svg.contains("namespace_sem held for writing") && svg.contains("namespace_sem held for reading"),
                    "read and write holds told apart in the legend");
        }
    }
}

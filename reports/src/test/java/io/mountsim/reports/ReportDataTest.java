package io.mountsim.reports;

import io.mountsim.core.results.Timeline;
import io.mountsim.core.results.TimelineSpan;
import io.mountsim.reports.data.LatencySample;
import io.mountsim.reports.data.TimelineWindow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportDataTest {

    @Test
    void latencySampleKeepsExtremesIsSortedAndIsIdempotent() {
        Random rnd = new Random(3);
        double[] raw = new double[20_000];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = rnd.nextDouble() * 1000;
        }
        raw[123] = -1; // the minimum
        raw[456] = 5000; // the maximum
        double[] sample = LatencySample.of(raw);
        assertEquals(LatencySample.MAX_POINTS, sample.length);
        assertEquals(-1, sample[0]);
        assertEquals(5000, sample[sample.length - 1]);
        for (int i = 1; i < sample.length; i++) {
            assertTrue(sample[i - 1] <= sample[i]);
        }
        assertArrayEquals(sample, LatencySample.of(sample));
        // the median of the sample is within a rank step of the true median of U(0, 1000)
        assertEquals(500, sample[sample.length / 2], 25);
    }

    @Test
    void timelineIsCutToMaxSpansAsAPrefixInTimeAndIsIdempotent() {
        List<TimelineSpan> spans = new ArrayList<>();
        for (int i = 0; i < TimelineWindow.MAX_SPANS * 2; i++) {
            // reverse order on purpose: the window must sort
            long start = (TimelineWindow.MAX_SPANS * 2L - i) * 100;
            spans.add(new TimelineSpan("mount_lock", i % 8, i, start, start + 150, TimelineSpan.Kind.HOLD));
        }
        Timeline limited = TimelineWindow.limit(new Timeline(0, 1_000_000, 8, spans));
        assertTrue(limited.spans().size() <= TimelineWindow.MAX_SPANS);
        long lastStart = limited.spans().get(limited.spans().size() - 1).startNs();
        assertTrue(limited.windowEndNs() >= lastStart);
        for (TimelineSpan s : spans) {
            if (s.startNs() < limited.windowEndNs()) {
                assertTrue(limited.spans().contains(s), "every span starting inside the shortened window is kept");
            }
        }
        assertEquals(limited, TimelineWindow.limit(limited));
    }

    @Test
    void spansOutsideTheWindowAreDropped() {
        List<TimelineSpan> spans = List.of(
                new TimelineSpan("namespace_sem", 0, 1, 0, 10, TimelineSpan.Kind.HOLD),
                new TimelineSpan("namespace_sem", 0, 2, 500, 600, TimelineSpan.Kind.HOLD));
        Timeline t = TimelineWindow.limit(new Timeline(0, 100, 1, spans));
        assertEquals(List.of(spans.get(0)), t.spans());
    }
}

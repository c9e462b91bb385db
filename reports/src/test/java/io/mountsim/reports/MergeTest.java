package io.mountsim.reports;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.core.results.PointResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeTest {

    @TempDir
    Path tmp;

    /** The points of {@code r} whose index modulo {@code n} is {@code i}, as `run --shard i/n` writes them. */
    static ExperimentResult shard(ExperimentResult r, int i, int n) {
        List<PointResult> points = r.points().stream().filter(p -> p.index() % n == i).toList();
        return r.withPoints(points); // a shard describes the whole run, as the runner's do
    }

    @Test
    void mergedShardsGiveTheSameFilesAsAnUnshardedRun() throws Exception {
        ExperimentResult full = Fixtures.sweep();
        Path whole = tmp.resolve("whole");
        ReportWriter.writeAll(full, whole);
        Path s0 = tmp.resolve("s0");
        Path s1 = tmp.resolve("s1");
        Path s2 = tmp.resolve("s2");
        ReportWriter.writeAll(shard(full, 0, 3), s0);
        ReportWriter.writeAll(shard(full, 1, 3), s1);
        ReportWriter.writeAll(shard(full, 2, 3), s2);
        Path merged = tmp.resolve("merged");
        ExperimentResult m = ReportWriter.merge(List.of(s2, s0, s1), merged);
        assertEquals(full.points().size(), m.points().size());
        List<String> files = ReportWriterTest.textFiles(whole);
        assertEquals(files, ReportWriterTest.textFiles(merged));
        assertTrue(files.contains("points/7.json"));
        for (String f : files) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(merged.resolve(f)), f);
        }
        try (var charts = Files.list(whole.resolve("charts"))) {
            for (Path c : charts.toList()) {
                assertTrue(Files.isRegularFile(merged.resolve("charts").resolve(c.getFileName())), "merged lacks " + c);
            }
        }
    }

    @Test
    void aMissingShardIsNamedNotSilentlyDropped() throws Exception {
        ExperimentResult full = Fixtures.sweep();
        Path s0 = tmp.resolve("s0");
        ReportWriter.writeAll(shard(full, 0, 2), s0);
        ReportInputException e = assertThrows(ReportInputException.class,
                () -> ReportWriter.merge(List.of(s0), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("points [1, 3, 5] are in none"), e.getMessage());
    }

    @Test
    void theSameShardTwiceIsRejected() throws Exception {
        Path s0 = tmp.resolve("s0");
        ReportWriter.writeAll(shard(Fixtures.sweep(), 0, 1), s0);
        ReportInputException e = assertThrows(ReportInputException.class,
                () -> ReportWriter.merge(List.of(s0, s0), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("point 0 is in both"), e.getMessage());
    }

    @Test
    void shardsOfDifferentRunsAreRejected() throws Exception {
        ExperimentResult full = Fixtures.sweep();
        ExperimentResult other = shard(full, 1, 2);
        other = new ExperimentResult(other.name(), other.description(), 43, other.replications(), other.confidence(),
                other.run(), other.points(), other.resolvedScenario(), other.healthCheckTimeoutSeconds());
        Path s0 = tmp.resolve("s0");
        Path s1 = tmp.resolve("s1");
        ReportWriter.writeAll(shard(full, 0, 2), s0);
        ReportWriter.writeAll(other, s1);
        ReportInputException e = assertThrows(ReportInputException.class,
                () -> ReportWriter.merge(List.of(s0, s1), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("seed differs (42 vs 43)"), e.getMessage());
    }

    @Test
    void aDirectoryWithoutSummaryIsAUserError() {
        ReportInputException e = assertThrows(ReportInputException.class,
                () -> ReportWriter.merge(List.of(tmp.resolve("nothing-here")), tmp.resolve("out")));
        assertTrue(e.getMessage().contains("no summary.json"), e.getMessage());
    }
}

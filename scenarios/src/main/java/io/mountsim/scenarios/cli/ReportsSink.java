package io.mountsim.scenarios.cli;

import io.mountsim.core.results.ExperimentResult;
import io.mountsim.reports.ReportInputException;
import io.mountsim.reports.ReportWriter;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;
import io.mountsim.scenarios.run.ResultSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Results through the reports module. Merge also checks that no shard is missing at the
 * end of the index range (which the reports' gap check cannot see): the run's description
 * says how many points the whole run has.
 */
final class ReportsSink implements ResultSink {

    static {
        // PNG charts are encoded through ImageIO, which by default caches in files under
        // java.io.tmpdir (a write outside the output directory) and registers a shutdown hook
        // per stream, which fails while the JVM exits on SIGINT/SIGTERM. Charts are small:
        // cache in memory.
        javax.imageio.ImageIO.setUseCache(false);
    }

    @Override
    public void write(ExperimentResult result, Path dir) throws IOException {
        ReportWriter.writeAll(result, dir);
    }

    @Override
    public void merge(List<Path> shardDirs, Path dir) throws IOException {
        try {
            // different runs first: a shard of another scenario also leaves this run's points short
            List<ExperimentResult> shards = ReportWriter.readShards(shardDirs);
            int found = shards.stream().mapToInt(r -> r.points().size()).sum();
            ExperimentResult first = shards.isEmpty() ? null : shards.get(0);
            long expected = expectedPoints(first);
            if (expected > 0 && found < expected) {
                throw InvalidInputException.of(Location.of("merge"), "", "the shards hold " + found + " of the run's "
                        + expected + " points; a shard directory is missing (or a shard failed)");
            }
            ReportWriter.merge(shardDirs, dir);
        } catch (ReportInputException e) {
            throw InvalidInputException.of(Location.of("merge"), "", e.getMessage());
        }
    }

    /** Points in the whole run, as its description recorded them (0 = no shards). */
    static long expectedPoints(ExperimentResult r) {
        return r == null ? 0 : r.run().points();
    }
}

package io.mountsim.scenarios.run;

import io.mountsim.core.results.ExperimentResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where results go: the reports module's writers in production (summary.json,
 * results.csv, charts/, report.html), something simpler in tests.
 */
public interface ResultSink {
    /** Writes every output file of {@code result} into the (empty, existing) directory. */
    void write(ExperimentResult result, Path dir) throws IOException;

    /** Joins the outputs of sharded runs into the files one unsharded run writes. */
    void merge(List<Path> shardDirs, Path dir) throws IOException;
}

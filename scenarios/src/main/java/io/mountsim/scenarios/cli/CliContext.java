package io.mountsim.scenarios.cli;

import io.mountsim.core.experiment.Replications;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.run.ResultSink;
import java.io.PrintStream;

/**
 * What the commands run against: the model, where results go, the output streams. The
 * jar uses the real model and the reports writers; tests substitute fakes.
 */
public record CliContext(ReplicationModel model, ResultSink sink, PrintStream out, PrintStream err, int defaultThreads) {

    public static CliContext production() {
        return new CliContext(ReplicationModel.simulation(), new ReportsSink(), System.out, System.err,
                Replications.defaultParallelism());
    }
}

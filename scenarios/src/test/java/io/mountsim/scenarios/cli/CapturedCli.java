package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.run.ReplicationModel;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** The command line run in-process, stdout discarded and stderr kept, for tests of what it refuses and says. */
final class CapturedCli {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs {@code args} against {@code model} on two threads, after forgetting what an earlier run printed; the exit code. */
    int run(ReplicationModel model, String... args) {
        err.reset();
        CliContext context = new CliContext(model, new ReportsSink(),
                new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 2);
        return MountsimCommand.execute(context, args);
    }

    /** What the last run printed on stderr. */
    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}

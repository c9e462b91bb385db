package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.run.ReplicationModel;
import java.io.PrintStream;

/** The command line with the real reports writer, for tests outside this package. */
public final class MountsimCommandAccess {
    private MountsimCommandAccess() {
    }

    public static int execute(ReplicationModel model, PrintStream out, PrintStream err, String... args) {
        return MountsimCommand.execute(new CliContext(model, new ReportsSink(), out, err, 1), args);
    }
}

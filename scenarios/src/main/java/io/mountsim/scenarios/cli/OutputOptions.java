package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.run.OutputDirectory;
import io.mountsim.scenarios.diag.Problem;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --force}, shared by every command that writes an output directory, and the check
 * those commands make before simulating (see {@link OutputDirectory} for the rules).
 */
final class OutputOptions {
    @Option(names = "--force", description = "Also replace the output of an earlier mountsim version (summary.json without "
            + "a .mountsim-output marker). mountsim never deletes files it did not write, with or without --force.")
    boolean force;

    OutputDirectory.Request request(Path destination, Collection<Path> inputs) {
        return OutputDirectory.Request.of(destination, force, inputs);
    }

    /** Refuses, before anything runs, the destinations that may not be written. */
    static void checkBeforeRunning(Collection<OutputDirectory.Request> requests) {
        List<Problem> problems = OutputDirectory.checkAll(requests);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}

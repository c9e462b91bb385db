package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.run.OutputDirectory;
import java.nio.file.Path;
import java.util.Collection;
import picocli.CommandLine.Option;

/**
 * {@code --force}, shared by every command that writes an output directory (see
 * {@link OutputDirectory} for what may be written and what is refused).
 */
final class OutputOptions {
    @Option(names = "--force", description = "Also replace the output of an earlier mountsim version (summary.json without "
            + "a .mountsim-output marker). mountsim never deletes files it did not write, with or without --force.")
    boolean force;

    OutputDirectory.Request request(Path destination, Collection<Path> inputs) {
        return OutputDirectory.Request.of(destination, force, inputs);
    }
}

package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Location;

/** Checks shared by several commands. */
final class Options {
    private Options() {
    }

    static int threads(Integer requested, CliContext context) {
        if (requested == null) {
            return context.defaultThreads();
        }
        if (requested < 1 || requested > 4096) {
            throw InvalidInputException.of(Location.of("--threads " + requested), "", "expected an integer in [1, 4096]");
        }
        return requested;
    }
}

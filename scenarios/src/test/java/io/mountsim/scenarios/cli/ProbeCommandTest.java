package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.FakeModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The probe subcommand's surface; its behaviour is tested through ProbeRun (probe package). */
class ProbeCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliContext context = new CliContext(new FakeModel(), new ReportsSink(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), 1);
        return MountsimCommand.execute(context, args);
    }

    @Test
    void helpNamesTheOptionsTheResultsFileAndTheExitCodes() {
        assertEquals(0, run("probe", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--quick"), help);
        assertTrue(help.contains("-o, --output=DIR"), help);
        assertTrue(help.contains("probe-results.txt"), help);
        assertTrue(help.contains("Exit codes: 0 done, 2"), help);
    }

    @Test
    void anUnknownOptionIsExitTwo() {
        assertEquals(2, run("probe", "--fast"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option: '--fast'"), err.toString(StandardCharsets.UTF_8));
    }
}

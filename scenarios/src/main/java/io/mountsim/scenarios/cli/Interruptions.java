package io.mountsim.scenarios.cli;

import io.mountsim.scenarios.probe.ProbeRun;
import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While a probe run is in progress, Ctrl-C (SIGINT) and SIGTERM cancel it instead of
 * killing the JVM, so the run can kill its probes, remove its temporary files and exit 2
 * with one line. A shutdown hook covers whatever else ends the JVM (SIGHUP). sun.misc.Signal
 * is the JDK's supported-but-internal way to do this (module jdk.unsupported).
 */
final class Interruptions implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private final Thread hook;

    private Interruptions(ProbeRun run) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal s = new Signal(name);
                previous.add(Signal.handle(s, sig -> run.cancel()));
                signals.add(s);
            } catch (IllegalArgumentException unsupported) {
                // this platform has no such signal; the shutdown hook still cleans up
            }
        }
        hook = new Thread(run::abortNow, "probe-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Interruptions forward(ProbeRun run) {
        return new Interruptions(run);
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running
        }
    }
}

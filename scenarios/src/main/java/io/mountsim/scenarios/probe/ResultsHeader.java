package io.mountsim.scenarios.probe;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The header of a results file (probes/FORMAT.md): title, kit version, date, kernel, CPU
 * model, online CPUs, one topology line per CPU, mode, the optional probes skipped. Its lines and their order are a
 * contract with the readers of results files (`mountsim calibrate`).
 */
public final class ResultsHeader {
    public static final String TITLE = "# mountsim probe kit";
    public static final String END = "== end";

    private ResultsHeader() {
    }

    public static String of(int kitVersion, Instant date, HostFacts host, KitMode mode) {
        return of(kitVersion, date, host, mode, List.of());
    }

    /** With one "# skipped: NAME (reason)" line per optional probe that could not be built, after the mode. */
    public static String of(int kitVersion, Instant date, HostFacts host, KitMode mode, List<String> skipped) {
        StringBuilder b = new StringBuilder();
        b.append(TITLE).append('\n');
        b.append("# kit-version: ").append(kitVersion).append('\n');
        b.append("# date: ").append(date.truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append("# kernel: ").append(oneLine(host.kernel())).append('\n');
        b.append("# cpu-model: ").append(oneLine(host.cpuModel())).append('\n');
        b.append("# online-cpus: ").append(oneLine(host.onlineCpus())).append('\n');
        for (CpuTopology cpu : host.cpus()) {
            b.append("# topology: ").append(cpu.headerValue()).append('\n');
        }
        b.append("# mode: ").append(mode.word()).append('\n');
        for (String s : skipped) {
            b.append("# skipped: ").append(oneLine(s)).append('\n');
        }
        return b.toString();
    }

    /** A probe's section start. */
    public static String section(String probe) {
        return "== probe " + probe + "\n";
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }
}

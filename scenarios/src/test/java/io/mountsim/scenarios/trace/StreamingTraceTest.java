package io.mountsim.scenarios.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mountsim.scenarios.ChildMountsim;
import io.mountsim.scenarios.TestFiles;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.models.workload.WorkloadSpec.TraceCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 14, streaming traces: bounded memory, impossible timestamps and non-text files refused with file:line. */
class StreamingTraceTest {
    private static final Path PER_LAYER = Path.of("examples", "traces", "per-layer-4threads-20layers.strace");

    @TempDir
    Path dir;

    private static List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(PER_LAYER));
    }

    private static List<Problem> problemsOf(List<String> lines) {
        Problems problems = new Problems();
        ParsedTrace t = StraceParser.parse(String.join("\n", lines), "t.strace", OptionalInt.empty(), problems);
        if (problems.isEmpty()) {
            assertNotNull(t);
        } else {
            assertNull(t, "a trace with problems is not replayed");
        }
        return problems.list();
    }

    @Test
    void aTwelveDigitTimestampOnOneLineIsRefusedWithItsLine() throws IOException {
        List<String> lines = lines();
        // line 100 jumps 32 years ahead; a 12-digit timestamp (issue 14: a bogus startsPerSecond
        // 1.92e-09) is past what nanoseconds can hold and is refused as out of range, below
        lines.set(99, lines.get(99).replaceFirst(" 1795790817\\.", " 2795790817."));
        List<Problem> p = problemsOf(lines);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().startsWith("t.strace:100: timestamp 2795790817."), p.toString());
        assertTrue(p.get(0).toString().contains("after line 99's"), p.toString());

        List<String> twelve = lines();
        twelve.set(99, twelve.get(99).replaceFirst(" 1795790817\\.", " 179579081700."));
        p = problemsOf(twelve);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().startsWith("t.strace:100: the timestamp 179579081700."), p.toString());
    }

    @Test
    void aTimestampFarBeforeTheLogsSpanIsRefusedButThreadJitterIsNot() throws IOException {
        List<String> lines = lines();
        lines.set(49, lines.get(49).replaceFirst(" 1795790817\\.", " 1795787217.")); // an hour early
        List<Problem> p = problemsOf(lines);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().startsWith("t.strace:50: timestamp 1795787217."), p.toString());
        assertTrue(p.get(0).toString().contains("before line 49's"), p.toString());

        // strace -f interleaves threads: a line a few hundred microseconds before the previous is normal
        List<String> jitter = lines();
        String a = jitter.get(60);
        jitter.set(60, jitter.get(61));
        jitter.set(61, a);
        assertEquals(List.of(), problemsOf(jitter));
    }

    @Test
    void wallClockTimestampsContinueAcrossMidnight() {
        List<String> lines = List.of(
                "10 23:59:59.999000 open_tree(AT_FDCWD, \"/l0\", OPEN_TREE_CLONE) = 3 <0.000045>",
                "10 00:00:00.001000 move_mount(3, \"\", AT_FDCWD, \"/t0\", MOVE_MOUNT_F_EMPTY_PATH) = 0 <0.000020>");
        Problems problems = new Problems();
        ParsedTrace t = StraceParser.parse(String.join("\n", lines), "t.strace", OptionalInt.empty(), problems);
        assertTrue(problems.isEmpty(), problems.list().toString());
        List<TraceCall> calls = t.threads().get(0).calls();
        assertEquals(2_000_000, calls.get(1).startOffsetNs(), "2 ms later, not 24 h earlier");
    }

    @Test
    void aLineLongerThanAnyStraceLineIsReportedWithoutHoldingIt() throws IOException {
        List<String> lines = lines();
        lines.add(10, "5783  1795790817.323383 write(1, \"" + "x".repeat(StraceParser.MAX_LINE_BYTES) + "\", 9) = 9 <0.1>");
        List<Problem> p = problemsOf(lines);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).toString().startsWith("t.strace:11: a line longer than 1048576 bytes"), p.toString());
    }

    @Test
    void aCompressedOrBinaryTraceIsRefusedByItsFirstBytes() throws IOException {
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(dir.resolve("t.strace.gz")))) {
            gz.write(Files.readAllBytes(PER_LAYER));
        }
        Files.write(dir.resolve("core"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        String scenario = "name: t\nmachine: r5.metal\nworkload:\n  kind: trace\n  file: %s\n";
        List<Problem> gz = TestFiles.problems(dir, String.format(scenario, "t.strace.gz"));
        assertTrue(gz.toString().contains("t.strace.gz is gzip-compressed (decompress it first: gunzip -k)"), gz.toString());
        assertTrue(gz.get(0).toString().contains("s.yaml:5: workload.file:"), gz.toString());
        List<Problem> bin = TestFiles.problems(dir, String.format(scenario, "core"));
        assertTrue(bin.toString().contains("holds NUL bytes"), bin.toString());
    }

    @Test
    void aLogFourTimesLargerThanTheHeapParsesInBoundedMemory() throws Exception {
        assumeTrue(ChildMountsim.available());
        long size = 128L << 20;
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), SyntheticStraceLog.class.getName(), Long.toString(size));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "parsed within a minute");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        // ~131,000 lines per 13 MB: one 3-layer start (10 mapped calls) per 1,000 lines
        assertTrue(out.matches("calls=\\d+0 skipped=\\d+ heapMaxMB=\\d+\\s*"), out);
        long calls = Long.parseLong(out.replaceAll("(?s)calls=(\\d+).*", "$1"));
        assertTrue(calls > 10_000, out);
    }
}

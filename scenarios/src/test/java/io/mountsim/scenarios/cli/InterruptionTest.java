package io.mountsim.scenarios.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mountsim.scenarios.ChildMountsim;
import io.mountsim.scenarios.FakeModel;
import io.mountsim.scenarios.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, interruption: SIGTERM or SIGINT at any moment of a run leaves the previous
 * complete output or the new complete output, and never a temporary directory. A kill
 * loop over delays spread across a whole run (JVM start, simulation, report writing,
 * renames), two children at a time.
 */
class InterruptionTest {
    @TempDir
    Path dir;

    /** About one child run (1.1 s on the 2-vCPU build machine) split into steps. */
    private static final int KILLS = 10;
    private static final long FIRST_MS = 100;
    private static final long STEP_MS = 120;

    private record Child(int index, Process process, Path work, Map<String, String> previous) {
    }

    @Test
    void aSignalAtAnyMomentLeavesAWholeOutputAndNoTemporaryDirectory() throws Exception {
        assumeTrue(ChildMountsim.available());
        List<String> report = new ArrayList<>();
        for (int i = 0; i < KILLS; i += 2) {
            List<Child> children = new ArrayList<>();
            for (int j = i; j < i + 2; j++) {
                Path work = Files.createDirectory(dir.resolve("w" + j));
                TestFiles.write(work, "q.yaml", TestFiles.MINIMAL);
                Map<String, String> previous = null;
                if (j % 4 < 2) { // half the children replace an earlier output
                    previousOutput(work);
                    previous = snapshot(work.resolve("out"));
                }
                Process p = ChildMountsim.start(work, dir.resolve("logs" + j), List.of("run", "q.yaml", "-o", "out", "--quiet"));
                children.add(new Child(j, p, work, previous));
            }
            long started = System.nanoTime();
            try {
                for (Child c : children) {
                    long at = FIRST_MS + c.index() * STEP_MS;
                    long wait = at - (System.nanoTime() - started) / 1_000_000;
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    signal(c.process(), c.index() % 2 == 0 ? "TERM" : "INT");
                }
                for (Child c : children) {
                    assertTrue(c.process().waitFor(30, TimeUnit.SECONDS), "child " + c.index() + " ended");
                    report.add(check(c));
                }
            } finally {
                children.forEach(c -> c.process().destroyForcibly());
            }
        }
        // the loop is only worth something if it caught runs before, during and after writing
        assertTrue(report.stream().anyMatch(s -> s.startsWith("before")), report.toString());
    }

    private static void signal(Process p, String name) throws IOException, InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
        kill.waitFor(5, TimeUnit.SECONDS);
    }

    /** What the signal left, asserting it is one of the two allowed states. */
    private String check(Child c) throws IOException {
        String stderr = Files.readString(dir.resolve("logs" + c.index()).resolve("stderr"));
        assertFalse(stderr.contains("\tat "), "child " + c.index() + ": " + stderr);
        assertFalse(stderr.contains("internal error"), "child " + c.index() + ": " + stderr);
        List<String> beside = names(c.work());
        Path out = c.work().resolve("out");
        assertTrue(beside.equals(List.of("out", "q.yaml")) || beside.equals(List.of("q.yaml")),
                "child " + c.index() + " left " + beside);
        if (!Files.exists(out)) {
            assertEquals(null, c.previous(), "child " + c.index() + " removed the previous output");
            return "before: nothing written (child " + c.index() + ")";
        }
        Map<String, String> now = snapshot(out);
        if (now.equals(c.previous())) {
            return "before: previous output kept (child " + c.index() + ")";
        }
        List<String> listed = Files.readAllLines(out.resolve(".mountsim-output")).stream()
                .skip(1).filter(l -> !l.startsWith("#")).toList();
        List<String> present = new ArrayList<>(now.keySet());
        present.remove(".mountsim-output");
        assertEquals(listed, present, "child " + c.index() + ": a complete new output, nothing else");
        assertTrue(present.containsAll(List.of("results.csv", "summary.json", "report.html")), present.toString());
        return "after: new output complete (child " + c.index() + ")";
    }

    private static void previousOutput(Path work) {
        CliContext context = new CliContext(new FakeModel(), new ReportsSink(), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 1);
        assertEquals(0, MountsimCommand.execute(context, "run", work.resolve("q.yaml").toString(), "-o",
                work.resolve("out").toString(), "--quiet"));
    }

    /** Every entry under {@code root} ('/'-separated, directories ending in '/') with its bytes. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String name = root.relativize(p).toString().replace('\\', '/');
                if (Files.isDirectory(p)) {
                    files.put(name + "/", "<dir>");
                } else {
                    files.put(name, Files.readString(p, StandardCharsets.ISO_8859_1));
                }
            }
        }
        return files;
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

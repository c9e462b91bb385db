package io.mountsim.scenarios.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mountsim.models.calibration.MeasuredRun;
import io.mountsim.models.calibration.Measurements;
import io.mountsim.models.runtime.IdmapMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped probes, compiled with this machine's compiler and run on its kernel, with
 * small arguments so that the test takes seconds (skipped unless Linux, root and cc). The
 * rows must be those FORMAT.md promises, the mountbench section must parse as the
 * calibration data does, and this namespace's mount table must be unchanged.
 */
class RealKitTest {
    @TempDir
    Path tmp;

    private static final String TINY = String.join("\n",
            "kit-version 1",
            "probe mountbench               private 1 5 8 layer  | 1 5 8 layer",
            "probe child-mounts             private 100 1        | 100 1",
            "probe mountinfo-overlay-lines  private 2            | 2",
            "probe wakeup-idle              none    30           | 30",
            "probe context-switch           none    30           | 30",
            "probe umount-gp                private 200          | 200",
            "probe pingpong                 none    30           | 30",
            "probe smt-sibling              private 1 20 10      | 1 20 10",
            "probe lockbench                none    20000 1 2xcpus | 20000 1 2xcpus",
            "probe child-walk-levels        private 500 20       | 500 20",
            "probe core-to-core             none    auto         | auto",
            "probe mountinfo-parse          private optional pkg-config=mount bind 10 1 overlay:1 10 1 overlay:3 10 1"
                    + " | bind 10 1 overlay:1 10 1 overlay:3 10 1",
            "");

    @Test
    void theShippedProbesRunOnThisKernelAndPrintTheirRows() throws Exception {
        LinuxHost host = LinuxHost.current();
        assumeTrue(host.osName().equals("Linux"), "Linux only");
        assumeTrue(host.effectiveUid() == 0, "needs root");
        assumeTrue(host.compiler().isPresent(), "needs a C compiler");
        Kit shipped = Kit.shipped();
        Kit tiny = new Kit(KitManifest.parse(TINY, "tiny kit"), shipped.files());
        Set<String> mountsBefore = new HashSet<>(host.mountPoints());
        ProbeHost scratchHere = new ScratchIn(host, Files.createDirectory(tmp.resolve("scratch")));
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Path file = new ProbeRun(scratchHere, tiny, Clock.systemUTC(), new PrintStream(progress, true, StandardCharsets.UTF_8))
                .run(KitMode.QUICK, tmp.resolve("out"));

        assertEquals(mountsBefore, new HashSet<>(host.mountPoints()), "no mount appeared or vanished in this namespace");
        Map<String, String> sections = sections(Files.readString(file));
        int cpus = Runtime.getRuntime().availableProcessors();
        String results = Files.readString(file);
        // libmount is optional: without its development files the probe is skipped and said so
        boolean libmount = !results.contains("\n# skipped: mountinfo-parse (");
        List<String> expected = new ArrayList<>(List.of("mountbench", "child-mounts", "mountinfo-overlay-lines", "wakeup-idle",
                "context-switch", "umount-gp", "pingpong", "smt-sibling", "lockbench", "child-walk-levels", "core-to-core"));
        if (libmount) {
            expected.add("mountinfo-parse");
            // three kinds, each its own table: 0 and 10 mounts each
            assertEquals(6, count(sections.get("mountinfo-parse"), "mountinfo-parse kind=(bind|overlay:1|overlay:3) mounts=(0|10)"
                    + " lines=\\d+ entries=\\d+ bytes=\\d+ read_us=[\\d.]+ parse_us=[\\d.]+ user_us=[\\d.]+ ns_per_line="),
                    sections.get("mountinfo-parse"));
        } else {
            assertTrue(progress.toString(StandardCharsets.UTF_8).contains("warning: skipped optional probe mountinfo-parse"));
        }
        assertEquals(expected, new ArrayList<>(sections.keySet()));
        assertTrue(sections.get("child-walk-levels").matches("(?s)core-clock ghz=[\\d.]+\n(child-walk children=\\d+"
                + " open_tree_us=[\\d.]+\n){2}"), sections.get("child-walk-levels"));
        assertTrue(sections.get("lockbench").startsWith("lockbench-setup cpus="), sections.get("lockbench"));
        // thread counts 1, 2, 4, ... up to twice the online CPUs, and that count itself
        Matcher setup = Pattern.compile("lockbench-setup cpus=(\\d+) ").matcher(sections.get("lockbench"));
        assertTrue(setup.find());
        int twice = 2 * Integer.parseInt(setup.group(1));
        assertEquals(Integer.numberOfTrailingZeros(Integer.highestOneBit(twice)) + 1 + (Integer.bitCount(twice) == 1 ? 0 : 1),
                count(sections.get("lockbench"), "lockbench threads=\\d+ iterations=\\d+ reps=1 ns_per_cs=[\\d.]+ "),
                sections.get("lockbench"));

        MeasuredRun run = Measurements.parse(sections.get("mountbench"), "mountbench section").runs().get(0);
        assertEquals(IdmapMode.PER_LAYER, run.mode());
        assertEquals(8, run.containers());
        assertTrue(run.startsPerSecond() > 0);
        assertTrue(sections.get("child-mounts").matches("(?s)children=0 open_tree_us=[\\d.]+\nchildren=100 open_tree_us=[\\d.]+\n"),
                sections.get("child-mounts"));
        assertEquals(6, sections.get("mountinfo-overlay-lines").lines().filter(l -> l.startsWith("lowerdirs=2 overlays=")).count());
        if (cpus > 1) {
            assertEquals(8, count(sections.get("smt-sibling"), "smt-sibling load=(idle|pause|compute|mount) workload="
                    + "(compute|mount-syscalls) trials=1 ns_per_op="), sections.get("smt-sibling"));
            assertTrue(sections.get("core-to-core").matches("core-to-core from=\\d+ to=\\d+ one_way_ns=[\\d.]+ median_ns=[\\d.]+\n"),
                    sections.get("core-to-core"));
        } else {
            assertEquals("smt-sibling skipped reason=one-cpu\n", sections.get("smt-sibling"));
            assertEquals("core-to-core skipped reason=one-cpu\n", sections.get("core-to-core"));
        }
        if (cpus > 1) {
            assertEquals(2, count(sections.get("wakeup-idle"), "wakeup-idle idle_gap_us=\\d+ samples=30 mean_us=[\\d.]+ p50_us="));
            assertEquals(2, count(sections.get("umount-gp"), "umount-gp other_cpus=(idle|busy) samples=200 mean_us=[\\d.]+ "));
            assertTrue(sections.get("pingpong").contains("pingpong class="), sections.get("pingpong"));
        }
        assertEquals(1, count(sections.get("context-switch"), "context-switch method=futex cpu=\\d+ samples=30 "));
        assertTrue(sections.get("pingpong").startsWith("pingpong-classes present="), sections.get("pingpong"));
    }

    private static long count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Section name to its text, in file order; checks the file ends with "== end". */
    private static Map<String, String> sections(String results) {
        assertTrue(results.startsWith(ResultsHeader.TITLE + "\n"), "starts with the title");
        assertTrue(results.endsWith("\n" + ResultsHeader.END + "\n"), "ends with == end");
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String current = null;
        StringBuilder b = new StringBuilder();
        for (String line : results.split("\n")) {
            if (line.startsWith("== ")) {
                if (current != null) {
                    out.put(current, b.toString());
                }
                current = line.startsWith("== probe ") ? line.substring("== probe ".length()) : null;
                b.setLength(0);
            } else if (current != null) {
                b.append(line).append('\n');
            }
        }
        return out;
    }

    /** The real host, compiling in the test's temporary directory. */
    private record ScratchIn(LinuxHost real, Path scratch) implements ProbeHost {
        @Override
        public String osName() {
            return real.osName();
        }

        @Override
        public long effectiveUid() throws IOException {
            return real.effectiveUid();
        }

        @Override
        public java.util.Optional<Path> compiler() {
            return real.compiler();
        }

        @Override
        public HostFacts facts() throws IOException {
            return real.facts();
        }

        @Override
        public List<String> mountPoints() throws IOException {
            return real.mountPoints();
        }

        @Override
        public Path scratchRoot() {
            return scratch;
        }

        @Override
        public String hostname() {
            return real.hostname();
        }
    }
}

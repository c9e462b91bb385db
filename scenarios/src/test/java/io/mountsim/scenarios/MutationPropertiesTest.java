package io.mountsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import io.mountsim.scenarios.trace.ParsedTrace;
import io.mountsim.scenarios.trace.StraceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random mutations of valid scenario files and traces never end in an unexpected
 * exception: the result is a valid scenario or a list of problems, each with a message
 * and a line inside the file. Fixed seeds: the same mutations every build.
 * {@link CliFuzzTest} drives the same mutations through the command line.
 */
class MutationPropertiesTest {
    /** Characters that break YAML and strace lines in interesting ways. */
    private static final String NOISE = ":-[]{},\"'&*!%@#|>\t \n0123456789.eE~?<a";
    private static final List<String> REPLACEMENTS = List.of("-1", "0", "1e400", "NaN", ".inf", "99999999999999999999",
            "[]", "{}", "~", "\"\"", "[1, [2]]", "{uniform: [1]}", "*x", "&a [*a]", "socket:999", "unlimited", "on",
            "0-99999", "r5.metal", "{preset: host}", "<<: {a: 1}", "!!binary AAAA", "2.5");

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("mutations");
            Files.copy(Path.of("examples/traces/common-parent-4threads-20layers.strace"), DIR.resolve("t.strace"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final List<String> SEEDS = List.of(
            TestFiles.MINIMAL + "sweep:\n  workload.maxConcurrentStarts: [1, 4]\n  runtime.idmap: [per-layer, common-parent]\n",
            "name: l\nmachine: {sockets: 2, coresPerSocket: 4, threadsPerCore: 2, coreToCoreNs: {smt: 8}}\n"
                    + "kernel: {syscallsUs: {openTree: 4.3, overlayMount: {base: 38, perLayer: 2.4}}}\n"
                    + "watchers: {mountinfoReaders: 1, rateLimit: {burst: 5, perSeconds: 1}}\n"
                    + "workload: {kind: lockbench, threads: 4, criticalSectionNs: 5, iterationsPerThread: 10}\n"
                    + "mitigations: {smt: off, cpuset: \"0-3\"}\nrun: {seed: 1, replications: 1, confidence: 0.9}\n",
            "machine: host\nworkload:\n  kind: trace\n  file: t.strace\n  layers: 20\n"
                    + "  healthCheckTimeoutSeconds: 5\nsweep:\n  workload.layers: [1, 20]\n",
            "x-base: &b {containers: 5, layers: {uniform: [2, 8]}, arrival: {poisson: {perSecond: 50}}}\n"
                    + "machine: m7a.24xlarge\nworkload:\n  <<: *b\n  maxConcurrentStarts: 3\n");

    /** The valid scenario texts the mutations start from (a trace seed names t.strace beside it). */
    static List<String> seedTexts() {
        return SEEDS;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 400, seed = "14")
    void mutatedScenarioFilesGiveAScenarioOrProblems(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 4) int mutations) {
        Random random = new Random(seed);
        String text = SEEDS.get(random.nextInt(SEEDS.size()));
        for (int i = 0; i < mutations; i++) {
            text = mutate(text, random);
        }
        checkScenario(text, List.of());
    }

    @Property(tries = 150, seed = "14")
    void randomSetOverridesGiveAScenarioOrProblems(@ForAll("seeds") long seed) {
        Random random = new Random(seed);
        List<String> keys = List.of("workload.containers", "workload.layers", "machine", "machine.sockets", "mitigations.cpuset",
                "sweep.runtime.idmap", "sweep.machine.threadsPerCore", "run.seed", "workload.kind", "workload", "machine.preset",
                "kernel.syscallsUs.overlayMount", "nonsense.key", "", "workload.arrival.poisson.perSecond");
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            String value = random.nextBoolean() ? REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())) : noise(random, 6);
            sets.add(keys.get(random.nextInt(keys.size())) + (random.nextInt(10) == 0 ? "" : "=") + value);
        }
        checkScenario(SEEDS.get(0), sets);
    }

    private static void checkScenario(String text, List<String> sets) {
        Path file = DIR.resolve("m.yaml");
        try {
            Scenario s = ScenarioLoader.parse(text, file, new Overrides(sets, OptionalLong.empty(), OptionalInt.empty()));
            assertFalse(s.points().isEmpty());
        } catch (InvalidInputException e) {
            long lines = text.lines().count() + 2;
            for (Problem p : e.problems()) {
                assertFalse(p.message().isBlank(), p.toString());
                assertTrue(p.location().line() <= lines || !p.location().source().equals(file.toString()),
                        "line inside the file: " + p + "\n" + text);
            }
        }
    }

    @Property(tries = 300, seed = "14")
    void mutatedTracesGiveATraceOrProblemsWithLineNumbers(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 6) int mutations)
            throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(Files.readAllLines(DIR.resolve("t.strace")));
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(5)) {
                case 0 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 1 -> lines.remove(at);
                case 2 -> lines.add(at, noise(random, 30));
                case 3 -> lines.set(at, mutate(line, random));
                default -> lines.add(random.nextInt(lines.size()), line);
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        Problems problems = new Problems();
        String text = String.join("\n", lines);
        ParsedTrace t = StraceParser.parse(text, "t.strace", OptionalInt.of(20), problems);
        if (t == null) {
            assertFalse(problems.isEmpty());
            long lineCount = text.split("\n", -1).length;
            problems.list().forEach(p -> assertTrue(p.location().line() <= lineCount, p.toString()));
        } else {
            assertTrue(problems.isEmpty(), problems.list().toString());
            assertNotNull(t.threads());
            t.threads().forEach(th -> th.calls().forEach(c -> assertTrue(c.layers() >= 0)));
        }
    }

    @Property(tries = 50, seed = "14")
    void unmutatedSeedsAreValid(@ForAll @IntRange(min = 0, max = 3) int which) {
        Scenario s = ScenarioLoader.parse(SEEDS.get(which), DIR.resolve("m.yaml"), Overrides.none());
        assertFalse(s.points().isEmpty());
        assertEquals(s.points().size(), s.points().stream().map(p -> p.index()).distinct().count());
    }

    static String mutate(String text, Random random) {
        if (text.isEmpty()) {
            return noise(random, 3);
        }
        int at = random.nextInt(text.length());
        switch (random.nextInt(6)) {
            case 0:
                return text.substring(0, at) + text.substring(at + 1);
            case 1:
                return text.substring(0, at) + NOISE.charAt(random.nextInt(NOISE.length())) + text.substring(at);
            case 2: {
                String[] lines = text.split("\n", -1);
                int a = random.nextInt(lines.length);
                int b = random.nextInt(lines.length);
                String t = lines[a];
                lines[a] = lines[b];
                lines[b] = t;
                return String.join("\n", lines);
            }
            case 3: {
                int colon = text.indexOf(": ", at);
                if (colon < 0) {
                    return text;
                }
                int end = text.indexOf('\n', colon);
                end = end < 0 ? text.length() : end;
                return text.substring(0, colon + 2) + REPLACEMENTS.get(random.nextInt(REPLACEMENTS.size())) + text.substring(end);
            }
            case 4: {
                String[] lines = text.split("\n", -1);
                int a = random.nextInt(lines.length);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < lines.length; i++) {
                    sb.append(lines[i]).append('\n');
                    if (i == a) {
                        sb.append(lines[i]).append('\n');
                    }
                }
                return sb.toString();
            }
            default:
                return text.substring(0, at);
        }
    }

    static String noise(Random random, int max) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(NOISE.charAt(random.nextInt(NOISE.length())));
        }
        return sb.toString();
    }
}

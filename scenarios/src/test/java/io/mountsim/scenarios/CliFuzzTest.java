package io.mountsim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.run.ReplicationModel;
import io.mountsim.scenarios.run.RunBudget;
import io.mountsim.scenarios.scenario.Overrides;
import io.mountsim.scenarios.scenario.Scenario;
import io.mountsim.scenarios.scenario.ScenarioLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The fuzz suite of issue 14, through the command line as a user meets it: mutated
 * scenario files (2,000 per build), strace logs and measured: CSVs, each written to a file
 * and given to {@code mountsim validate}. Every mutation must either pass or be refused
 * with exit 2 and problems naming one of the files (with a line wherever the content is
 * at fault); never exit 1 (an internal error), a stack trace, more than 10 s, or a file
 * written anywhere. A small sample of those that pass and are tiny (under 200,000
 * estimated events) is also run, and must write only its output directory.
 *
 * <p>Seeds are fixed, so every build tries the same mutations; validation runs in-process,
 * so the suite takes seconds.
 */
class CliFuzzTest {
    private static final Path DIR;
    private static final String CSV_SCENARIO;
    private static final AtomicInteger SIMULATED = new AtomicInteger();

    static {
        try {
            DIR = Files.createTempDirectory("cli-fuzz");
            Files.copy(Path.of("examples/traces/common-parent-4threads-20layers.strace"), DIR.resolve("t.strace"));
            CSV_SCENARIO = TestFiles.MINIMAL + "measured: m.csv\nsweep:\n  workload.maxConcurrentStarts: [1, 2]\n"
                    + "  runtime.idmap: [per-layer, common-parent]\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CSV = String.join("\n",
            "# measured on a test host",
            "workload.maxConcurrentStarts,runtime.idmap,startsPerSecond,startLatencyMsP99",
            "1,per-layer,281.6,7.3",
            "1,common-parent,290.1,",
            "2,per-layer,400,9.5",
            "2,common-parent,410.5,9.1",
            "");

    /** One mutation's scenario, trace and CSV texts (null = leave the file as it is). */
    private record Files3(String scenario, String trace, String csv) {
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 2000, seed = "1402")
    void mutatedScenarioFilesPassOrAreRefusedWithFileAndLine(@ForAll("seeds") long seed) throws IOException {
        Random random = new Random(seed);
        List<String> seeds = MutationPropertiesTest.seedTexts();
        String text = seeds.get(random.nextInt(seeds.size()));
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            text = MutationPropertiesTest.mutate(text, random);
        }
        check(new Files3(text, null, null), random);
    }

    @Property(tries = 300, seed = "1403")
    void mutatedStraceLogsPassOrAreRefusedWithFileAndLine(@ForAll("seeds") long seed) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("examples/traces/common-parent-4threads-20layers.strace")));
        int mutations = 1 + random.nextInt(6);
        for (int i = 0; i < mutations; i++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(8)) {
                case 0 -> lines.set(at, line.substring(0, random.nextInt(line.length() + 1)));
                case 1 -> lines.remove(at);
                case 2 -> lines.add(at, MutationPropertiesTest.noise(random, 30));
                case 3 -> lines.set(at, MutationPropertiesTest.mutate(line, random));
                case 4 -> lines.set(at, line.replaceFirst("\\d{10}\\.", random.nextInt(9) + "" + random.nextInt(999_999_999) + "."));
                case 5 -> lines.set(at, line.replace("(", "\u0000\u00ff("));
                case 6 -> lines.add(at, "1 2.0 " + "x".repeat(random.nextInt(2) == 0 ? 70_000 : 1_100_000));
                default -> lines.add(random.nextInt(lines.size()), line);
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        String scenario = "machine: r5.metal\nworkload:\n  kind: trace\n  file: t.strace\n  layers: 20\nrun: {replications: 1}\n";
        check(new Files3(scenario, String.join("\n", lines) + "\n", null), random);
    }

    @Property(tries = 300, seed = "1404")
    void mutatedMeasuredCsvsPassOrAreRefusedWithFileAndLine(@ForAll("seeds") long seed) throws IOException {
        Random random = new Random(seed);
        String csv = CSV;
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            csv = random.nextInt(4) == 0 ? csv.replaceFirst(",", ",,") : MutationPropertiesTest.mutate(csv, random);
        }
        check(new Files3(CSV_SCENARIO, null, csv), random);
    }

    private static final Pattern PROBLEM = Pattern.compile("^(\\S.*?)(:(\\d+))?: .+$");

    private void check(Files3 files, Random random) throws IOException {
        Path work = Files.createTempDirectory(DIR, "m");
        Path scenario = work.resolve("s.yaml");
        Files.writeString(scenario, files.scenario());
        Files.writeString(work.resolve("t.strace"), files.trace() != null ? files.trace() : Files.readString(DIR.resolve("t.strace")),
                StandardCharsets.ISO_8859_1);
        Files.writeString(work.resolve("m.csv"), files.csv() != null ? files.csv() : CSV);
        List<String> before = listing(work);

        Outcome o = execute("validate", scenario.toString());
        assertTrue(o.exit() == 0 || o.exit() == 2, "exit " + o.exit() + " (1 = internal error):\n" + o.err() + "\n" + files);
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
        assertEquals(before, listing(work), "validate writes nothing");
        if (o.exit() == 2) {
            List<String> problems = o.err().lines().filter(l -> !l.matches("\\d+ errors?; nothing was run or written\\.")).toList();
            assertFalse(problems.isEmpty(), o.err());
            boolean anyLine = false;
            for (String p : problems) {
                var m = PROBLEM.matcher(p);
                assertTrue(m.matches(), "a problem names its file: " + p);
                String source = m.group(1);
                assertTrue(source.startsWith(work.toString()), "the problem is in one of the run's files: " + p);
                anyLine |= m.group(3) != null;
            }
            assertTrue(anyLine, "at least one problem has a line:\n" + o.err());
            return;
        }
        maybeSimulate(scenario, work, before, random);
    }

    /** One in ten valid mutations, when tiny, also runs; it may write only its output directory. */
    private void maybeSimulate(Path scenario, Path work, List<String> before, Random random) throws IOException {
        if (random.nextInt(10) != 0 || SIMULATED.get() >= 60) {
            return;
        }
        Scenario s;
        try {
            s = ScenarioLoader.load(scenario, Overrides.none());
        } catch (InvalidInputException e) {
            throw new AssertionError("validate said ok but loading fails: " + e.getMessage());
        }
        if (RunBudget.of(s.points(), 1, 1).events() > 200_000 || s.points().size() > 4) {
            return;
        }
        SIMULATED.incrementAndGet();
        Path out = work.resolve("out");
        Outcome o = execute("run", scenario.toString(), "-o", out.toString(), "--replications", "1", "--threads", "1", "--quiet");
        assertTrue(o.exit() == 0 || o.exit() == 2, "exit " + o.exit() + ":\n" + o.err());
        assertFalse(o.err().contains("\tat "), o.err());
        List<String> after = listing(work);
        after.removeIf(p -> p.startsWith("out/") || p.equals("out"));
        assertEquals(before, after, "a run writes only inside its output directory");
    }

    private record Outcome(int exit, String err) {
    }

    private static Outcome execute(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> io.mountsim.scenarios.cli.MountsimCommandAccess.execute(
                ReplicationModel.simulation(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args), "no mutation takes more than 10 s");
        return new Outcome(exit, err.toString(StandardCharsets.UTF_8));
    }

    private static List<String> listing(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return new ArrayList<>(walk.map(p -> root.relativize(p).toString()).sorted().toList());
        }
    }

    @AfterContainer
    static void removeFilesAndCheckSomeRan() {
        int simulated = SIMULATED.get();
        try (Stream<Path> walk = Files.walk(DIR)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it
        }
        assertTrue(simulated >= 10, "the sample that also simulates is not empty: " + simulated + " ran");
    }
}

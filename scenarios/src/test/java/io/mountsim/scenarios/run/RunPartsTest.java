package io.mountsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPartsTest {
    @TempDir
    Path dir;

    @Test
    void shardsPartitionThePoints() {
        List<Shard> shards = IntStream.range(0, 3).mapToObj(i -> new Shard(i, 3)).toList();
        for (int point = 0; point < 20; point++) {
            final int p = point;
            assertEquals(1, shards.stream().filter(s -> s.includes(p)).count(), "point " + p + " in exactly one shard");
        }
        assertEquals(Optional.of(new Shard(2, 8)), Shard.parse("2/8"));
        for (String bad : List.of("8/8", "-1/2", "1/0", "a/b", "1", "1/2/3", "")) {
            assertTrue(Shard.parse(bad).isEmpty(), bad);
        }
    }

    @Test
    void aFailedFillLeavesNeitherDestinationNorTemporaryDirectory() throws IOException {
        Path dest = dir.resolve("out");
        assertThrows(IOException.class, () -> OutputDirectory.write(dest, d -> {
            Files.writeString(d.resolve("summary.json"), "{}");
            throw new IOException("disk full");
        }));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void aCompleteFillReplacesThePreviousOutputWhole() throws IOException {
        Path dest = dir.resolve("out");
        OutputDirectory.write(dest, d -> Files.writeString(d.resolve("old.txt"), "1"));
        OutputDirectory.write(OutputDirectory.Request.of(dest, true, List.of()),
                d -> Files.writeString(d.resolve("new.txt"), "2"));
        assertFalse(Files.exists(dest.resolve("old.txt")), "no file of the previous run survives");
        assertEquals("2", Files.readString(dest.resolve("new.txt")));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dest), left.toList());
        }
    }

    @Test
    void progressIsSilentForTheFirstSecondThenShowsCountsAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong now = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, false);
        // 5 points x 2 replications, every task 0.5 s on one thread: replication 0 of each point first
        now.set(500_000_000L);
        line.replicationDone(0, 500_000_000L, 1, 10, 0, 5);
        assertEquals("", bytes.toString(StandardCharsets.UTF_8), "short runs print nothing");
        line.replicationDone(1, 500_000_000L, 2, 10, 0, 5);
        line.replicationDone(2, 500_000_000L, 3, 10, 0, 5);
        now.set(2_000_000_000L);
        line.replicationDone(3, 500_000_000L, 4, 10, 0, 5);
        assertEquals("points 0/5, replications 4/10, elapsed 0:02, left 0:03\n", bytes.toString(StandardCharsets.UTF_8));
        now.set(2_100_000_000L);
        line.replicationDone(4, 500_000_000L, 5, 10, 0, 5);
        assertEquals(1, bytes.toString(StandardCharsets.UTF_8).lines().count(), "log lines are rate limited");
        now.set(2_200_000_000L);
        for (int p = 0; p < 5; p++) {
            line.replicationDone(p, 500_000_000L, 6 + p, 10, 1 + p, 5);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith("points 5/5, replications 10/10, elapsed 0:02, left 0:00\n"),
                "the last one is always shown");
    }
}

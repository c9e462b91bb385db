package io.mountsim.scenarios.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mountsim.scenarios.diag.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
    @TempDir
    Path dir;

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedWriteIntoAnEmptyDirectoryLeavesItEmpty() throws IOException {
        Path mount = Files.createDirectory(dir.resolve("mount"));
        assertThrows(IOException.class, () -> OutputDirectory.write(mount, d -> {
            Files.writeString(d.resolve("summary.json"), "{}");
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), names(mount));
    }

    @Test
    void aFailedReplacementKeepsThePreviousOutput() throws IOException {
        Path o = dir.resolve("o");
        OutputDirectory.write(o, d -> Files.writeString(d.resolve("summary.json"), "first"));
        assertThrows(IOException.class, () -> OutputDirectory.write(OutputDirectory.Request.of(o, true, List.of()), d -> {
            Files.writeString(d.resolve("summary.json"), "second");
            throw new IOException("disk full");
        }));
        assertEquals("first", Files.readString(o.resolve("summary.json")));
        assertEquals(List.of(OutputMarker.NAME, "summary.json"), names(o));
    }

    @Test
    void missingParentsAreCreatedAndRemovedAgainWhenTheWriteFails() throws IOException {
        Path deep = dir.resolve("a/b/c");
        assertThrows(IOException.class, () -> OutputDirectory.write(deep, d -> {
            throw new IOException("disk full");
        }));
        assertEquals(List.of(), names(dir));
        OutputDirectory.write(deep, d -> Files.writeString(d.resolve("x"), "1"));
        assertEquals(List.of(OutputMarker.NAME, "x"), names(deep));
    }

    @Test
    void theMarkerListsEveryFileWrittenAndOnlyThose() throws IOException {
        Path o = dir.resolve("o");
        OutputDirectory.write(o, d -> {
            Files.createDirectories(d.resolve("charts"));
            Files.writeString(d.resolve("charts/a.svg"), "<svg/>");
            Files.writeString(d.resolve("results.csv"), "x\n");
        });
        List<String> lines = Files.readAllLines(o.resolve(OutputMarker.NAME));
        assertEquals(OutputMarker.FORMAT, lines.get(0));
        assertEquals(List.of("charts/", "charts/a.svg", "results.csv"), lines.stream().skip(1).filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void aMarkerThatPointsOutsideTheDirectoryIsNotMountsims() throws IOException {
        Path o = Files.createDirectory(dir.resolve("o"));
        Files.writeString(o.resolve("notes.txt"), "mine");
        Files.writeString(o.resolve(OutputMarker.NAME), OutputMarker.FORMAT + "\nnotes.txt/../notes.txt\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputDirectory.write(o, d -> Files.writeString(d.resolve("x"), "1")));
        assertTrue(e.getMessage().contains("holds files mountsim did not write"), e.getMessage());
        assertEquals("mine", Files.readString(o.resolve("notes.txt")));
    }

    @Test
    void aMarkerListingAUserFileClaimsOnlyWhatItListsAndTheMarker() throws IOException {
        // Someone copies a marker into their directory: only the listed name could go.
        Path o = Files.createDirectory(dir.resolve("o"));
        Files.writeString(o.resolve("notes.txt"), "mine");
        Files.writeString(o.resolve("keep.txt"), "mine too");
        Files.writeString(o.resolve(OutputMarker.NAME), OutputMarker.FORMAT + "\nnotes.txt\n");
        assertThrows(InvalidInputException.class, () -> OutputDirectory.write(o, d -> Files.writeString(d.resolve("x"), "1")));
        assertEquals(List.of(OutputMarker.NAME, "keep.txt", "notes.txt"), names(o));
    }
}

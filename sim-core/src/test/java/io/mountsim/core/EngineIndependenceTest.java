package io.mountsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's packages know nothing of containers or metrics: only {@code core/results}
 * (the result types the models write and the reports read) may name the domain, and no
 * other sim-core package may import it (architecture.md: sim-core holds the engine and
 * the result and statistics types; the engine itself stays domain-free).
 */
class EngineIndependenceTest {
    private static final Path MAIN = Path.of("src/main/java/io/mountsim/core");

    @Test
    void noEnginePackageImportsTheResultTypes() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(MAIN)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(MAIN.resolve("results")))
                    .filter(EngineIndependenceTest::mentionsResults)
                    .map(f -> MAIN.relativize(f).toString())
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    private static boolean mentionsResults(Path file) {
        try {
            return Files.readString(file).contains("io.mountsim.core.results");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

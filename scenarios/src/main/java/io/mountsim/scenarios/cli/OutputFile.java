package io.mountsim.scenarios.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** One output file (a profile, a schema), written whole or not at all. */
final class OutputFile {
    private OutputFile() {
    }

    /**
     * Writes {@code text} to a hidden temporary file beside {@code output} and moves it into
     * place, so an interrupted write leaves the previous file or the new one, never half.
     */
    static void writeAtomically(Path output, String text, String tmpPrefix) throws IOException {
        Path dir = output.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, tmpPrefix, ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

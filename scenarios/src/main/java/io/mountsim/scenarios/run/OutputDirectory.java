package io.mountsim.scenarios.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes a result directory so that it appears complete or not at all: everything goes
 * into a temporary directory beside the destination (same file system, so the final
 * rename is atomic), which replaces the destination only once every file is written. An
 * interrupted run (Ctrl-C, a killed batch job) removes its temporary directory.
 */
public final class OutputDirectory {
    private OutputDirectory() {
    }

    @FunctionalInterface
    public interface Filler {
        void fill(Path dir) throws IOException;
    }

    public static void write(Path destination, Filler filler) throws IOException {
        Path dest = destination.toAbsolutePath().normalize();
        Path parent = dest.getParent();
        if (parent == null) {
            throw new IOException("cannot write results to the file-system root");
        }
        if (Files.exists(dest) && !Files.isDirectory(dest)) {
            throw new IOException(destination + " exists and is not a directory");
        }
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + dest.getFileName() + ".tmp-");
        Thread cleanup = new Thread(() -> deleteQuietly(tmp), "remove-partial-output");
        Runtime.getRuntime().addShutdownHook(cleanup);
        boolean moved = false;
        try {
            filler.fill(tmp);
            Path old = null;
            if (Files.exists(dest)) {
                old = Files.createTempDirectory(parent, "." + dest.getFileName() + ".old-");
                Files.delete(old);
                move(dest, old);
            }
            move(tmp, dest);
            moved = true;
            if (old != null) {
                deleteQuietly(old);
            }
        } finally {
            if (!moved) {
                deleteQuietly(tmp);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and will clean up
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: a leftover hidden temporary directory is harmless
        }
    }
}

package io.mountsim.scenarios.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the results file goes, checked before any probe is compiled: a new or empty
 * directory, or one holding only a results file an earlier run wrote (recognised by its
 * first line). Anything else is refused, so no file mountsim did not write is ever
 * replaced. The file is written under a hidden temporary name and renamed when complete,
 * so an interrupted or failed run leaves no results file, and no directory it created.
 */
final class ResultsDestination {
    static final String FILE = "probe-results.txt";
    private static final String PARTIAL_PREFIX = "." + FILE + ".partial-";

    private final Path dir;
    /** The highest directory this run created (dir itself, or an ancestor such as out/), or null. */
    private final Path createdTop;
    private final Path partial;
    private volatile boolean committed;

    private ResultsDestination(Path dir, Path createdTop, Path partial) {
        this.dir = dir;
        this.createdTop = createdTop;
        this.partial = partial;
    }

    static ResultsDestination prepare(Path dir) throws ProbeException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw ProbeException.hostProblem(dir + " exists and is not a directory: give -o a new directory");
        }
        Path createdTop = null;
        try {
            if (Files.isDirectory(abs)) {
                refuseForeignFiles(abs, dir);
            } else {
                createdTop = abs;
                while (createdTop.getParent() != null && !Files.exists(createdTop.getParent())) {
                    createdTop = createdTop.getParent();
                }
                Files.createDirectories(abs);
            }
            Path partial = Files.createTempFile(abs, PARTIAL_PREFIX, "");
            return new ResultsDestination(abs, createdTop, partial);
        } catch (IOException e) {
            throw ProbeException.hostProblem("cannot write in " + dir + " (" + reason(e) + "): give -o a writable directory");
        }
    }

    private static void refuseForeignFiles(Path abs, Path asGiven) throws IOException, ProbeException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(abs)) {
            entries = s.toList();
        }
        for (Path e : entries) {
            boolean ours = e.getFileName().toString().equals(FILE) && Files.isRegularFile(e) && writtenByProbe(e);
            if (!ours) {
                throw ProbeException.hostProblem(asGiven + " holds files mountsim probe did not write (" + e.getFileName()
                        + "): give -o a new or empty directory");
            }
        }
    }

    private static boolean writtenByProbe(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst().filter(ResultsHeader.TITLE::equals).isPresent();
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    Path file() {
        return dir.resolve(FILE);
    }

    /** Writes the whole results text, forces it to disk, and renames it into place. */
    void commit(String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC)) {
            write(out, text);
        }
        try {
            // createTempFile made it owner-only; a results file is meant to be shared
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException notPosix) {
            // keep the default
        }
        try {
            Files.move(partial, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, file(), StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Removes the partial file, and the directories this run created while they are empty. */
    void abandon() {
        if (committed) {
            return;
        }
        try {
            Files.deleteIfExists(partial);
            if (createdTop != null) {
                for (Path d = dir; d != null && d.startsWith(createdTop); d = d.getParent()) {
                    try (Stream<Path> s = Files.list(d)) {
                        if (s.findAny().isPresent()) {
                            break;
                        }
                    }
                    Files.deleteIfExists(d);
                }
            }
        } catch (IOException e) {
            // best effort; nothing of the user's is touched
        }
    }

    /** "No space left on device" and the like, from an I/O error, for a one-line message. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static boolean isNoSpace(IOException e) {
        return reason(e).contains("No space left on device");
    }
}

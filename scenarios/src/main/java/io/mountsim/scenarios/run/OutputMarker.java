package io.mountsim.scenarios.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The file by which mountsim recognises a directory it wrote: {@value #NAME}, a format line
 * ({@value #FORMAT}) then every file and directory mountsim wrote there, one relative path a
 * line ({@code /}-separated, directories ending in {@code /}). mountsim deletes only what a
 * marker lists, so a file a user drops into an output directory is never lost.
 */
public final class OutputMarker {
    public static final String NAME = ".mountsim-output";
    public static final String FORMAT = "mountsim-output/1";
    /** A listing is a few hundred lines; anything this big was not written by mountsim. */
    private static final long MAX_BYTES = 16L << 20;

    private OutputMarker() {
    }

    /** Writes the marker of {@code dir}, listing everything in it (call once the directory is complete). */
    static void write(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(FORMAT);
        lines.add("# Written by mountsim. The files below are its own; it deletes nothing else here.");
        lines.addAll(entries(dir));
        Files.write(dir.resolve(NAME), lines, StandardCharsets.UTF_8);
    }

    /**
     * The entries listed in {@code dir}'s marker, or empty when there is no marker or it is not
     * one mountsim wrote (wrong format line, a path leaving the directory).
     */
    static Optional<Set<String>> read(Path dir) {
        Path marker = dir.resolve(NAME);
        try {
            if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS) || Files.size(marker) > MAX_BYTES) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(marker, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(FORMAT)) {
                return Optional.empty();
            }
            Set<String> listed = new TreeSet<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("/") || line.contains("\\") || List.of(line.split("/")).contains("..")) {
                    return Optional.empty();
                }
                listed.add(line);
            }
            return Optional.of(listed);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Every file and directory under {@code dir} (symbolic links as themselves, not
     * followed), as the marker spells them, without the marker itself.
     */
    static List<String> entries(Path dir) throws IOException {
        TreeSet<String> found = new TreeSet<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                if (!d.equals(dir)) {
                    found.add(relative(dir, d) + "/");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                found.add(relative(dir, file));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                found.add(relative(dir, file));
                return FileVisitResult.CONTINUE;
            }
        });
        found.remove(NAME);
        return List.copyOf(found);
    }

    private static String relative(Path dir, Path p) {
        StringBuilder s = new StringBuilder();
        for (Path part : dir.relativize(p)) {
            if (!s.isEmpty()) {
                s.append('/');
            }
            s.append(part);
        }
        return s.toString();
    }
}

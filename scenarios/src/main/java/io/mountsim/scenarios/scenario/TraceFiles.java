package io.mountsim.scenarios.scenario;

import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.trace.ParsedTrace;
import io.mountsim.scenarios.trace.StraceParser;
import io.mountsim.scenarios.yaml.YamlValue;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Trace files of one scenario, resolved against the scenario file's directory and parsed
 * once however many sweep points name them.
 */
final class TraceFiles {
    private record Key(Path file, OptionalInt fallbackLayers) {
    }

    private record Loaded(ParsedTrace trace, List<Problem> problems) {
    }

    private final Path baseDir;
    private final Map<Key, Loaded> cache = new HashMap<>();

    TraceFiles(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** The scenario file's directory, against which relative paths resolve. */
    Path baseDir() {
        return baseDir;
    }

    Optional<ParsedTrace> load(String written, YamlValue at, String keyPath, OptionalInt fallbackLayers, Problems problems) {
        Path file;
        try {
            file = baseDir.resolve(written).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            problems.add(at.location(), keyPath, "not a valid path: " + written);
            return Optional.empty();
        }
        Loaded loaded = cache.computeIfAbsent(new Key(file, fallbackLayers), k -> read(k, written, at, keyPath));
        problems.addAll(loaded.problems());
        return Optional.ofNullable(loaded.trace());
    }

    /**
     * Why the first bytes show the file is not a text log (a compressed or binary file),
     * if they do; the stream is reset to its start.
     */
    static Optional<String> notText(InputStream in) throws IOException {
        in.mark(4096);
        byte[] head = in.readNBytes(4096);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return Optional.of("is gzip-compressed (decompress it first: gunzip -k)");
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
                && (head[3] & 0xff) == 0xfd) {
            return Optional.of("is zstd-compressed (decompress it first: zstd -d)");
        }
        if (head.length >= 3 && (head[0] & 0xff) == 0xfd && head[1] == '7' && head[2] == 'z') {
            return Optional.of("is xz-compressed (decompress it first: xz -dk)");
        }
        for (byte b : head) {
            if (b == 0) {
                return Optional.of("holds NUL bytes in its first 4 KiB, so it is not text");
            }
        }
        return Optional.empty();
    }

    private Loaded read(Key key, String written, YamlValue at, String keyPath) {
        Problems local = new Problems();
        if (Files.isDirectory(key.file())) {
            local.add(at.location(), keyPath, key.file() + " is a directory; expected an strace log file");
            return new Loaded(null, local.list());
        }
        if (!Files.isRegularFile(key.file())) {
            local.add(at.location(), keyPath, "trace file not found: " + key.file()
                    + " (a relative path is resolved against the scenario file's directory)");
            return new Loaded(null, local.list());
        }
        ParsedTrace trace;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(key.file()), 1 << 16)) {
            Optional<String> notText = notText(in);
            if (notText.isPresent()) {
                local.add(at.location(), keyPath, key.file() + " " + notText.get() + "; expected the text of 'strace -f -ttt -T'");
                return new Loaded(null, local.list());
            }
            trace = StraceParser.parse(in, key.file().toString(), key.fallbackLayers(), local);
        } catch (IOException | java.io.UncheckedIOException e) {
            local.add(at.location(), keyPath, "cannot read trace file " + key.file() + ": " + e.getMessage());
            return new Loaded(null, local.list());
        }
        return new Loaded(local.isEmpty() ? trace : null, local.list());
    }
}

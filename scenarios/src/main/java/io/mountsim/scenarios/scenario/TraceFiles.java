package io.mountsim.scenarios.scenario;

import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.trace.ParsedTrace;
import io.mountsim.scenarios.trace.StraceParser;
import io.mountsim.scenarios.yaml.YamlValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        String text;
        try {
            text = Files.readString(key.file(), StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            local.add(at.location(), keyPath, "cannot read trace file " + key.file() + ": " + e.getMessage());
            return new Loaded(null, local.list());
        }
        ParsedTrace trace = StraceParser.parse(text, key.file().toString(), key.fallbackLayers(), local);
        return new Loaded(local.isEmpty() ? trace : null, local.list());
    }
}

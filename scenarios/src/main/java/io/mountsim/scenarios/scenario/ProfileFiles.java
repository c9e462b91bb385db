package io.mountsim.scenarios.scenario;

import io.mountsim.models.calibration.HostProfile;
import io.mountsim.scenarios.diag.InvalidInputException;
import io.mountsim.scenarios.diag.Problem;
import io.mountsim.scenarios.diag.Problems;
import io.mountsim.scenarios.yaml.YamlValue;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Profile files named by a scenario's {@code kernel.profile}: a path resolved against the
 * scenario file's directory, or {@code builtin:NAME} for one shipped inside the jar
 * (BuiltinProfiles); each read once however many sweep points name it.
 */
final class ProfileFiles {
    private record Loaded(HostProfile profile, List<Problem> problems) {
    }

    private final Path baseDir;
    private final Map<Path, Loaded> cache = new HashMap<>();
    private final Map<String, Loaded> builtins = new HashMap<>();

    ProfileFiles(Path baseDir) {
        this.baseDir = baseDir;
    }

    Optional<HostProfile> load(String written, YamlValue at, String keyPath, Problems problems) {
        if (written.startsWith(BuiltinProfiles.PREFIX)) {
            String name = written.substring(BuiltinProfiles.PREFIX.length()).trim();
            Loaded loaded = builtins.computeIfAbsent(name, n -> readBuiltin(n, at, keyPath));
            problems.addAll(loaded.problems());
            return Optional.ofNullable(loaded.profile());
        }
        Path file;
        try {
            file = baseDir.resolve(written).normalize();
        } catch (InvalidPathException e) {
            problems.add(at.location(), keyPath, "not a valid path: " + written);
            return Optional.empty();
        }
        Loaded loaded = cache.computeIfAbsent(file, f -> read(f, at, keyPath));
        problems.addAll(loaded.problems());
        return Optional.ofNullable(loaded.profile());
    }

    private static Loaded readBuiltin(String name, YamlValue at, String keyPath) {
        try {
            Optional<HostProfile> p = BuiltinProfiles.read(name);
            if (p.isPresent()) {
                return new Loaded(p.get(), List.of());
            }
        } catch (InvalidInputException e) {
            return new Loaded(null, e.problems());
        }
        Problems local = new Problems();
        local.add(at.location(), keyPath, "no built-in profile named '" + name + "'; the built-in profiles are "
                + String.join(", ", BuiltinProfiles.NAMES.stream().map(n -> BuiltinProfiles.PREFIX + n).toList())
                + " (or give a profile file's path, relative to the scenario file)");
        return new Loaded(null, local.list());
    }

    private static Loaded read(Path file, YamlValue at, String keyPath) {
        Problems local = new Problems();
        if (!Files.isRegularFile(file)) {
            local.add(at.location(), keyPath, "profile file not found: " + file
                    + " (a relative path is resolved against the scenario file's directory; write one with"
                    + " `mountsim calibrate`)");
            return new Loaded(null, local.list());
        }
        try {
            return new Loaded(ProfileYaml.read(file), List.of());
        } catch (InvalidInputException e) {
            local.addAll(e.problems());
            return new Loaded(null, local.list());
        }
    }
}

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
 * Profile files named by a scenario's {@code kernel.profile}, resolved against the scenario
 * file's directory and read once however many sweep points name them.
 */
final class ProfileFiles {
    private record Loaded(HostProfile profile, List<Problem> problems) {
    }

    private final Path baseDir;
    private final Map<Path, Loaded> cache = new HashMap<>();

    ProfileFiles(Path baseDir) {
        this.baseDir = baseDir;
    }

    Optional<HostProfile> load(String written, YamlValue at, String keyPath, Problems problems) {
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

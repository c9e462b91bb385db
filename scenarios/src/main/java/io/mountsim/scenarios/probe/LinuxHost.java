package io.mountsim.scenarios.probe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The machine mountsim runs on, through /proc, /sys, the environment and the PATH. */
public final class LinuxHost implements ProbeHost {
    private final Map<String, String> env;

    public LinuxHost(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static LinuxHost current() {
        return new LinuxHost(System.getenv());
    }

    @Override
    public String osName() {
        return System.getProperty("os.name", "unknown");
    }

    /** The second field of /proc/self/status's "Uid:" line (real, effective, saved, fs). */
    @Override
    public long effectiveUid() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return Long.parseLong(line.substring(4).strip().split("\\s+")[1]);
            }
        }
        throw new IOException("/proc/self/status has no Uid: line");
    }

    @Override
    public Optional<Path> compiler() {
        String cc = env.getOrDefault("CC", "").strip();
        return onPath(cc.isEmpty() ? "cc" : cc);
    }

    private Optional<Path> onPath(String name) {
        if (name.contains("/")) {
            Path p = Path.of(name);
            return Files.isExecutable(p) ? Optional.of(p.toAbsolutePath()) : Optional.empty();
        }
        for (String dir : env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public HostFacts facts() throws IOException {
        return HostFacts.read(Path.of("/proc"), Path.of("/sys"));
    }

    /** Field 5 of each /proc/self/mountinfo line (proc_pid_mountinfo(5)). */
    @Override
    public List<String> mountPoints() throws IOException {
        List<String> points = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f.length > 4) {
                points.add(f[4]);
            }
        }
        return points;
    }

    @Override
    public Path scratchRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public String hostname() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException e) {
            // fall through
        }
        return env.getOrDefault("HOSTNAME", "host");
    }
}

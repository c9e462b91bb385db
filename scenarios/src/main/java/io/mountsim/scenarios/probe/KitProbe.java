package io.mountsim.scenarios.probe;

import java.util.List;
import java.util.Optional;

/**
 * One line of kit.txt: a probe's name (its source is NAME.c), whether it mounts (then it
 * enters a private mount namespace itself, probe.h's probe_private_mount_ns()), and its
 * arguments per mode; an empty Optional means the probe does not run in that mode.
 */
public record KitProbe(String name, boolean mounts, Optional<List<String>> fullArgs, Optional<List<String>> quickArgs) {
    public KitProbe {
        fullArgs = fullArgs.map(List::copyOf);
        quickArgs = quickArgs.map(List::copyOf);
    }

    public String sourceFile() {
        return name + ".c";
    }

    public Optional<List<String>> args(KitMode mode) {
        return mode == KitMode.FULL ? fullArgs : quickArgs;
    }
}

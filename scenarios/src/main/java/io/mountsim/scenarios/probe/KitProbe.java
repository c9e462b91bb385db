package io.mountsim.scenarios.probe;

import java.util.List;
import java.util.Optional;

/**
 * One line of kit.txt: a probe's name (its source is NAME.c), whether it mounts (then it
 * enters a private mount namespace itself, probe.h's probe_private_mount_ns()), how it is
 * built beyond {@code cc -O2 -pthread}, and its arguments per mode; an empty Optional means
 * the probe does not run in that mode.
 *
 * @param build     extra compiler and linker words, and whether the kit runs without it
 * @param fullArgs  arguments of the full run
 * @param quickArgs arguments of the --quick run
 */
public record KitProbe(String name, boolean mounts, Build build, Optional<List<String>> fullArgs,
                       Optional<List<String>> quickArgs) {
    public KitProbe {
        fullArgs = fullArgs.map(List::copyOf);
        quickArgs = quickArgs.map(List::copyOf);
    }

    /** A probe built with the plain command, required. */
    public KitProbe(String name, boolean mounts, Optional<List<String>> fullArgs, Optional<List<String>> quickArgs) {
        this(name, mounts, Build.PLAIN, fullArgs, quickArgs);
    }

    /**
     * How a probe is built beyond {@code cc -O2 -pthread -o NAME NAME.c}.
     *
     * @param ccFlags   words appended after the source (kit.txt {@code cc=W,W}; e.g. -lrt)
     * @param pkgConfig a pkg-config package whose {@code --cflags --libs} are appended too
     *                  (kit.txt {@code pkg-config=NAME}; e.g. mount for libmount)
     * @param optional  the kit runs without this probe when its library is missing: pkg-config
     *                  does not know the package, or the compiler lacks a header or a library
     */
    public record Build(List<String> ccFlags, Optional<String> pkgConfig, boolean optional) {
        public static final Build PLAIN = new Build(List.of(), Optional.empty(), false);

        public Build {
            ccFlags = List.copyOf(ccFlags);
        }
    }

    public String sourceFile() {
        return name + ".c";
    }

    public boolean optional() {
        return build.optional();
    }

    public Optional<List<String>> args(KitMode mode) {
        return mode == KitMode.FULL ? fullArgs : quickArgs;
    }
}

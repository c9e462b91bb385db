package io.mountsim.scenarios.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code mountsim probe} needs from the machine. {@link LinuxHost} is the real one;
 * tests give another OS name, uid or compiler, or a compiler that builds fake probes.
 */
public interface ProbeHost {
    /** As the JVM names it ("Linux", "Mac OS X", ...). */
    String osName();

    /** The effective user id (0 = root). */
    long effectiveUid() throws IOException;

    /** The C compiler to use: $CC if set, else cc on the PATH; empty if there is none. */
    Optional<Path> compiler();

    /** Kernel, CPU model, online CPUs and their topology, for the results header. */
    HostFacts facts() throws IOException;

    /** Mount points of this process's mount namespace (to prove the probes left none here). */
    List<String> mountPoints() throws IOException;

    /** Where the kit is unpacked and compiled (a new directory is made inside). */
    Path scratchRoot();

    /** This machine's name, for the default output directory. */
    String hostname();
}
